package integration

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/claudeenhancer/monitoring/internal/testenv"
	"github.com/claudeenhancer/monitoring/pkg/plugin"
)

// Upstreams that fail: every failure is a per-query answer with a status, a
// downstream source and a message that says what is wrong; QueryData itself
// never fails, and one bad query never takes its siblings down.

func TestBrokenUpstreamsGivePerQueryDownstreamErrors(t *testing.T) {
	testenv.RequireIntegration(t)
	fx := testenv.SharedFixture()
	html := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		_, _ = w.Write([]byte("<!doctype html><html><body><form>Sign in</form></body></html>"))
	}))
	defer html.Close()

	cases := []struct {
		name, url  string
		wantStatus backend.Status
		wantMsg    string
	}{
		{"a port with nothing listening is unreachable", closedPortURL(t), backend.StatusBadGateway, "unreachable"},
		{"an HTML login page is not a Prometheus API", html.URL, backend.StatusBadGateway, "not a Prometheus API response"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			q := seriesQuery{Expr: "ce_cpu_usage", From: fx.Start, To: fx.Start.Add(time.Hour)}
			a, b := q, q
			a.RefID, b.RefID = "A", "B"
			resp := queryData(t, tc.url, a, b)
			for _, refID := range []string{"A", "B"} {
				dr := resp.Responses[refID]
				if dr.Error == nil {
					t.Fatalf("%s: no error; frames %v", refID, dr.Frames)
				}
				if dr.Status != tc.wantStatus || dr.ErrorSource != backend.ErrorSourceDownstream {
					t.Errorf("%s: status %d source %q, want %d downstream", refID, dr.Status, dr.ErrorSource, tc.wantStatus)
				}
				if !strings.Contains(dr.Error.Error(), tc.wantMsg) {
					t.Errorf("%s: %q does not say %q", refID, dr.Error, tc.wantMsg)
				}
				if len(dr.Frames) != 0 {
					t.Errorf("%s: %d frames next to an error", refID, len(dr.Frames))
				}
			}
		})
	}

	t.Run("the health check names the unreachable URL", func(t *testing.T) {
		url := closedPortURL(t)
		ds, pctx := newDatasource(t, url)
		res, err := ds.CheckHealth(t.Context(), &backend.CheckHealthRequest{PluginContext: pctx})
		if err != nil {
			t.Fatal(err)
		}
		if res.Status != backend.HealthStatusError || !strings.Contains(res.Message, "Cannot reach "+url) {
			t.Errorf("health %v %q, want an error saying it cannot reach %s", res.Status, res.Message, url)
		}
	})

	t.Run("a resource call answers 502 with a message", func(t *testing.T) {
		ds, pctx := newDatasource(t, closedPortURL(t))
		status, body := callResource(t, ds, pctx, "labels")
		var msg struct{ Message string }
		if status != http.StatusBadGateway || json.Unmarshal(body, &msg) != nil || !strings.Contains(msg.Message, "unreachable") {
			t.Errorf("%d %s, want 502 with a message saying unreachable", status, body)
		}
	})
}

func TestAResponseOverTheSizeLimitIsADownstreamError(t *testing.T) {
	fx := testenv.SharedFixture()
	for _, up := range upstreams(t) {
		t.Run(up.Name, func(t *testing.T) {
			s := settingsFor(up.URL)
			s.JSONData = []byte(`{"httpMethod":"POST","responseLimitMB":1}`)
			inst, err := plugin.NewDatasource(t.Context(), s)
			if err != nil {
				t.Fatal(err)
			}
			ds := inst.(*plugin.Datasource)
			defer ds.Dispose()
			// Every series over 45 h at 15 s: 6 × 10,801 points, about
			// 1.6 MB of JSON. The small query fits.
			big := seriesQuery{RefID: "big", Expr: `{__name__=~"ce_.+"}`, From: fx.Start, To: fx.Start.Add(45 * time.Hour)}
			small := seriesQuery{RefID: "small", Expr: "ce_cpu_usage", From: fx.Start, To: fx.Start.Add(time.Hour)}
			resp, err := ds.QueryData(t.Context(), &backend.QueryDataRequest{
				PluginContext: backend.PluginContext{DataSourceInstanceSettings: &s},
				Queries:       []backend.DataQuery{big.dataQuery(t), small.dataQuery(t)},
			})
			if err != nil {
				t.Fatal(err)
			}
			b := resp.Responses["big"]
			if b.Error == nil || b.ErrorSource != backend.ErrorSourceDownstream || !strings.Contains(b.Error.Error(), "response too large") {
				t.Errorf("big: %v source %q, want a downstream error saying the response is too large", b.Error, b.ErrorSource)
			}
			if sm := resp.Responses["small"]; sm.Error != nil || len(sm.Frames) != 2 {
				t.Errorf("small: %v, %d frames; want 2 frames", sm.Error, len(sm.Frames))
			}
		})
	}
}

func TestOneMalformedQueryDoesNotFailItsSiblings(t *testing.T) {
	fx := testenv.SharedFixture()
	from, to := fx.Start.Add(time.Hour), fx.Start.Add(90*time.Minute)
	for _, up := range upstreams(t) {
		t.Run(up.Name, func(t *testing.T) {
			resp := queryData(t, up.URL,
				seriesQuery{RefID: "A", Expr: "sum(rate(ce_requests_total[5m])", From: from, To: to},
				seriesQuery{RefID: "B", Expr: "ce_cpu_usage", Legend: "{{service}}", From: from, To: to},
				seriesQuery{RefID: "C", Expr: "", From: from, To: to},
				seriesQuery{RefID: "D", Expr: "sum(ce_cpu_usage)", From: from, To: to},
			)
			a := resp.Responses["A"]
			if a.Error == nil || a.Status != backend.StatusBadRequest || a.ErrorSource != backend.ErrorSourceDownstream {
				t.Errorf("A (syntax error): %v status %d source %q, want a 400 downstream error", a.Error, a.Status, a.ErrorSource)
			}
			// The engine's error class is passed through: bad_data from
			// Prometheus; VictoriaMetrics says 422 (see TestClientSyntaxErrorIsAnAPIError).
			wantClass := "bad_data"
			if up.Name == testenv.EngineVictoriaMetrics {
				wantClass = "422"
			}
			if a.Error != nil && !strings.Contains(a.Error.Error(), wantClass) {
				t.Errorf("A: %q does not carry %q", a.Error, wantClass)
			}
			c := resp.Responses["C"]
			if c.Error == nil || c.Status != backend.StatusBadRequest || c.ErrorSource != backend.ErrorSourceDownstream {
				t.Errorf("C (empty expression): %v status %d source %q, want a 400 downstream error", c.Error, c.Status, c.ErrorSource)
			}
			for refID, frames := range map[string]int{"B": 2, "D": 1} {
				dr := resp.Responses[refID]
				if dr.Error != nil || len(dr.Frames) != frames {
					t.Errorf("%s: error %v, %d frames; want %d frames", refID, dr.Error, len(dr.Frames), frames)
					continue
				}
				if n := dr.Frames[0].Rows(); n != 121 {
					t.Errorf("%s: %d rows, want 121 (30 min at 15 s)", refID, n)
				}
			}
		})
	}
}
