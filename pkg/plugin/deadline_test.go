package plugin

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/claudeenhancer/monitoring/internal/promfake"
)

// stalledUpstream never finishes an answer: "silent" sends nothing, not even
// headers; "trickle" sends a 200 and the start of an envelope, then a space
// at a time where the data should be. Both stop when the client hangs up (the body is read
// first: the server notices a hang-up only once the body is consumed).
func stalledUpstream(t *testing.T, mode string) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		if mode == "trickle" {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusOK)
			_, _ = w.Write([]byte(`{"status":"success","data":`))
			w.(http.Flusher).Flush()
			tick := time.NewTicker(5 * time.Millisecond)
			defer tick.Stop()
			for {
				select {
				case <-r.Context().Done():
					return
				case <-tick.C:
					_, _ = w.Write([]byte(" "))
					w.(http.Flusher).Flush()
				}
			}
		}
		<-r.Context().Done()
	}))
	t.Cleanup(func() { srv.CloseClientConnections(); srv.Close() })
	return srv
}

// errGuard ends a test that would otherwise hang (the old behaviour: a
// sub-second timeout meant none). It is far longer than any timeout here,
// and a test passes only when the datasource's own deadline fired.
var errGuard = errors.New("test guard expired: the datasource timeout never fired")

func guarded(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeoutCause(context.Background(), 20*time.Second, errGuard)
	t.Cleanup(cancel)
	return ctx
}

// A 0.1 s timeout is honoured exactly: the SDK would truncate it to 0 (no
// timeout), so before the request deadline every call below hung.
func TestHungUpstreamEndsAtTheDatasourceTimeout(t *testing.T) {
	for _, mode := range []string{"silent", "trickle"} {
		t.Run("a query to a "+mode+" upstream is a 504 naming the timeout", func(t *testing.T) {
			ds := newDS(t, stalledUpstream(t, mode).URL, `{"timeout":0.1}`, nil)
			resp, err := ds.QueryData(guarded(t), &backend.QueryDataRequest{Queries: []backend.DataQuery{seriesQuery("A", "up")}})
			if err != nil {
				t.Fatal(err)
			}
			r := resp.Responses["A"]
			if r.Status != backend.StatusTimeout || r.ErrorSource != backend.ErrorSourceDownstream || r.Error == nil ||
				r.Error.Error() != "the query did not finish within the datasource timeout of 0.1s" {
				t.Errorf("status %d source %q err %v", r.Status, r.ErrorSource, r.Error)
			}
		})
		t.Run("a resource call to a "+mode+" upstream is a 504 naming the timeout", func(t *testing.T) {
			ds := newDS(t, stalledUpstream(t, mode).URL, `{"timeout":0.1}`, nil)
			var c captured
			err := ds.CallResource(guarded(t), &backend.CallResourceRequest{Method: http.MethodGet, Path: "labels", URL: "labels"}, &c)
			if err != nil {
				t.Fatal(err)
			}
			var msg map[string]string
			_ = json.Unmarshal(c.resp.Body, &msg)
			if c.resp.Status != http.StatusGatewayTimeout || msg["message"] != "the resource call did not finish within the datasource timeout of 0.1s" {
				t.Errorf("status %d body %s", c.resp.Status, c.resp.Body)
			}
		})
		t.Run("a health check against a "+mode+" upstream names the timeout", func(t *testing.T) {
			ds := newDS(t, stalledUpstream(t, mode).URL, `{"timeout":0.1}`, nil)
			res, err := ds.CheckHealth(guarded(t), &backend.CheckHealthRequest{})
			if err != nil {
				t.Fatal(err)
			}
			if res.Status != backend.HealthStatusError || !strings.Contains(res.Message, "did not answer within the datasource timeout of 0.1s") {
				t.Errorf("status %v message %q", res.Status, res.Message)
			}
		})
	}
}

// Every upstream call takes 60 % of the timeout, so each one alone would
// pass a per-call timeout; a latency SLO summary makes at least three rounds
// of calls one after another (the le lookup, the probe of the increase
// form, then the two counters' increases), so one request deadline ends it.
func TestOneDeadlineBoundsEveryUpstreamCallOfAQuery(t *testing.T) {
	const timeout = 200 * time.Millisecond
	f := promfake.NewSLI(t, 0.001)
	f.LEs = []string{"0.1", "0.2", "+Inf"}
	f.Delay = timeout * 6 / 10
	ds := newDS(t, f.URL, `{"timeout":0.2,"slos":`+promfake.SLOCatalogJSON+`}`, nil)
	resp, err := ds.QueryData(guarded(t), &backend.QueryDataRequest{Queries: []backend.DataQuery{
		sloDataQuery("A", `{"queryType":"slo","sloId":"latency","output":"summary"}`, promfake.SLONow)}})
	if err != nil {
		t.Fatal(err)
	}
	r := resp.Responses["A"]
	if r.Status != backend.StatusTimeout || r.Error == nil || r.Error.Error() != "the query did not finish within the datasource timeout of 0.2s" {
		t.Errorf("status %d err %v", r.Status, r.Error)
	}
}

// The same query with the default timeout succeeds: the test above fails
// because of the deadline, not because the query is broken.
func TestLatencySLOSummaryMakesSeveralUpstreamCalls(t *testing.T) {
	f := promfake.NewSLI(t, 0.001)
	f.LEs = []string{"0.1", "0.2", "+Inf"}
	ds := newDS(t, f.URL, `{"slos":`+promfake.SLOCatalogJSON+`}`, nil)
	resp, _ := ds.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{
		sloDataQuery("A", `{"queryType":"slo","sloId":"latency","output":"summary"}`, promfake.SLONow)}})
	if r := resp.Responses["A"]; r.Error != nil {
		t.Fatal(r.Error)
	}
	if forms, probes := f.Forms(), f.Probes(); len(forms) < 2 || probes < 1 {
		t.Errorf("%d range and %d instant queries, want the two counters' increases after the form probe (plus the le lookup)", len(forms), probes)
	}
}
