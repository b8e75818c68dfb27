package plugin

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

// Errors in the class the user can act on: the user's own input is a 400,
// the upstream's rate limiting a 429, a broken body "cut short".

func TestBadRangesAndLabelNamesAreTheUsersErrors(t *testing.T) {
	up := newUpstream(t, map[string]reply{"/api/v1/query_range": {status: 200, body: matrixBody}})
	ds := newDS(t, up.URL, `{}`, nil)
	centuries := seriesQuery("A", "up")
	centuries.TimeRange = backend.TimeRange{
		From: time.Date(1800, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)}
	noRange := seriesQuery("B", "up")
	noRange.TimeRange = backend.TimeRange{}
	resp, err := ds.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{centuries, noRange}})
	if err != nil {
		t.Fatal(err)
	}
	for refID, what := range map[string]string{"A": "a 300-year range", "B": "an empty time range"} {
		r := resp.Responses[refID]
		if r.Error == nil || r.Status != backend.StatusBadRequest || r.ErrorSource != backend.ErrorSourceDownstream {
			t.Errorf("%s: status %d source %q err %v, want a 400 downstream", what, r.Status, r.ErrorSource, r.Error)
		}
	}

	status, body := callResource(t, ds, "label-values?label=%ff")
	if status != http.StatusBadRequest || !strings.Contains(string(body), "invalid label name") {
		t.Errorf("a label name that is not UTF-8: status %d body %s, want a 400", status, body)
	}
	if n := up.requestCount(); n != 0 {
		t.Errorf("%d requests reached the upstream, want none", n)
	}
}

func TestResourceStartAndEndAreCheckedBeforeTheUpstream(t *testing.T) {
	up := newUpstream(t, map[string]reply{"/api/v1/labels": {status: 200, body: `{"status":"success","data":["job"]}`}})
	ds := newDS(t, up.URL, `{}`, nil)
	for _, query := range []string{
		"start=NaN", "start=1e300", "end=-Inf", "start=%2BInf", "start=-1", "end=253402300801",
		"start=2026-13-01T00:00:00Z", "start=yesterday", "start=1795741200&end=1795737600",
	} {
		t.Run(query+" is refused", func(t *testing.T) {
			before := up.requestCount()
			status, body := callResource(t, ds, "labels?"+query)
			var msg map[string]string
			_ = json.Unmarshal(body, &msg)
			if status != http.StatusBadRequest || !strings.Contains(msg["message"], "invalid start or end") {
				t.Errorf("status %d body %s, want a 400 naming start or end", status, body)
			}
			if up.requestCount() != before {
				t.Errorf("the upstream was called with %v", up.last().form)
			}
		})
	}
	for query, want := range map[string]string{
		"start=1795737600.5":                   "1795737600.5",
		"start=2026-11-27T00:00:00.25%2B01:00": "1795734000.25",
		"start=0":                              "0",
	} {
		t.Run(query+" is sent as "+want, func(t *testing.T) {
			if status, body := callResource(t, ds, "labels?"+query); status != http.StatusOK {
				t.Fatalf("status %d body %s", status, body)
			}
			if got := up.last().form.Get("start"); got != want {
				t.Errorf("start sent as %q, want %q", got, want)
			}
		})
	}
}

// rateLimiter answers every request with 429, a Retry-After and a body.
func rateLimiter(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Retry-After", "30")
		w.WriteHeader(http.StatusTooManyRequests)
		_, _ = w.Write([]byte("per-tenant request rate limit exceeded"))
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestUpstreamRateLimitingStaysA429(t *testing.T) {
	ds := newDS(t, rateLimiter(t).URL, `{}`, nil)
	resp, _ := ds.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{seriesQuery("A", "up")}})
	r := resp.Responses["A"]
	want := "the upstream is rate-limiting requests (429 Too Many Requests); retry after 30s: per-tenant request rate limit exceeded"
	if r.Status != backend.StatusTooManyRequests || r.ErrorSource != backend.ErrorSourceDownstream || r.Error == nil || r.Error.Error() != want {
		t.Errorf("query: status %d source %q err %v", r.Status, r.ErrorSource, r.Error)
	}

	var c captured
	if err := ds.CallResource(context.Background(), &backend.CallResourceRequest{Method: http.MethodGet, Path: "labels", URL: "labels"}, &c); err != nil {
		t.Fatal(err)
	}
	var msg map[string]string
	_ = json.Unmarshal(c.resp.Body, &msg)
	if c.resp.Status != http.StatusTooManyRequests || msg["message"] != want {
		t.Errorf("resource: status %d body %s", c.resp.Status, c.resp.Body)
	}
	if got := c.resp.Headers["Retry-After"]; len(got) != 1 || got[0] != "30" {
		t.Errorf("resource Retry-After = %v, want [30]", got)
	}
}

func TestHealthSaysWhenTheBodyWasCutShort(t *testing.T) {
	half := vectorTwo[:len(vectorTwo)/2]
	for name, handler := range map[string]http.HandlerFunc{
		"the connection closes before Content-Length bytes": func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Length", strconv.Itoa(len(vectorTwo)))
			_, _ = w.Write([]byte(half))
		},
		"a complete response ends mid-JSON": func(w http.ResponseWriter, _ *http.Request) {
			_, _ = w.Write([]byte(half))
		},
	} {
		t.Run(name, func(t *testing.T) {
			srv := httptest.NewServer(handler)
			t.Cleanup(srv.Close)
			res, err := newDS(t, srv.URL, `{}`, nil).CheckHealth(context.Background(), &backend.CheckHealthRequest{})
			if err != nil {
				t.Fatal(err)
			}
			if res.Status != backend.HealthStatusError || !strings.Contains(res.Message, "the response was cut short") ||
				strings.Contains(res.Message, "not as a Prometheus API") {
				t.Errorf("status %v message %q", res.Status, res.Message)
			}
		})
	}
}

func TestDuplicateRefIDsAreRefusedNotDropped(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		calls.Add(1)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(matrixBody))
	}))
	t.Cleanup(srv.Close)
	ds := newDS(t, srv.URL, `{}`, nil)
	resp, err := ds.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{
		seriesQuery("A", "up"), seriesQuery("B", "up"), seriesQuery("A", "down"),
	}})
	if err != nil {
		t.Fatal(err)
	}
	a := resp.Responses["A"]
	want := "refId A is used by 2 queries in this request: give each query its own refId"
	if a.Status != backend.StatusBadRequest || a.ErrorSource != backend.ErrorSourceDownstream || a.Error == nil || a.Error.Error() != want {
		t.Errorf("A: status %d source %q err %v", a.Status, a.ErrorSource, a.Error)
	}
	if b := resp.Responses["B"]; b.Error != nil || len(b.Frames) != 1 {
		t.Errorf("B = %+v, want its frame", b)
	}
	if n := calls.Load(); n != 1 {
		t.Errorf("%d upstream calls, want 1 (B only)", n)
	}
}

func (u *upstream) requestCount() int {
	u.mu.Lock()
	defer u.mu.Unlock()
	return len(u.requests)
}
