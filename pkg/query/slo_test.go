package query

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/claudeenhancer/monitoring/pkg/models"
	"github.com/claudeenhancer/monitoring/pkg/prom"
	"github.com/claudeenhancer/monitoring/pkg/slo"
)

// fakeSLIProm is a Prometheus that answers range queries with per-bucket
// counts: total for every counter, errorRatio·total for expressions
// selecting 5xx. It records the query_range forms it got.
type fakeSLIProm struct {
	*httptest.Server
	total      float64
	errorRatio float64
	les        []string
	// probe answers the instant query of the anchored probe: 200 (an
	// engine with the anchored modifier), 400 (a parse error) or other.
	probe int

	mu     sync.Mutex
	forms  []map[string]string
	probes int
	engine *Engine // one per datasource instance: it remembers the probe's answer
}

func newFakeSLIProm(t *testing.T, errorRatio float64) *fakeSLIProm {
	f := &fakeSLIProm{total: 6000, errorRatio: errorRatio, les: []string{"0.1", "0.25", "+Inf"}, probe: http.StatusBadRequest}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeSLIProm) serve(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	w.Header().Set("Content-Type", "application/json")
	switch r.URL.Path {
	case "/api/v1/query":
		f.mu.Lock()
		f.probes++
		f.mu.Unlock()
		w.WriteHeader(f.probe)
		if f.probe == http.StatusOK {
			_, _ = w.Write([]byte(`{"status":"success","data":{"resultType":"vector","result":[]}}`))
		} else {
			_, _ = w.Write([]byte(`{"status":"error","errorType":"bad_data","error":"parse error: unexpected identifier \"anchored\""}`))
		}
	case "/api/v1/label/le/values":
		body, _ := json.Marshal(map[string]any{"status": "success", "data": f.les})
		_, _ = w.Write(body)
	case "/api/v1/query_range":
		q := r.Form.Get("query")
		f.mu.Lock()
		f.forms = append(f.forms, map[string]string{"query": q, "start": r.Form.Get("start"), "end": r.Form.Get("end"), "step": r.Form.Get("step")})
		f.mu.Unlock()
		v := f.total
		if strings.Contains(q, `"5.."`) {
			v *= f.errorRatio
		}
		start, _ := strconv.ParseFloat(r.Form.Get("start"), 64)
		end, _ := strconv.ParseFloat(r.Form.Get("end"), 64)
		step, _ := strconv.ParseFloat(r.Form.Get("step"), 64)
		var pts []string
		for ts := start; ts <= end; ts += step {
			pts = append(pts, fmt.Sprintf(`[%g,"%s"]`, ts, strconv.FormatFloat(v, 'g', -1, 64)))
		}
		_, _ = fmt.Fprintf(w, `{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[%s]}]}}`, strings.Join(pts, ","))
	default:
		http.NotFound(w, r)
	}
}

var sloCatalogJSON = func() string {
	c := slo.Catalog{
		{ID: "errors-30d", Objective: 0.999, Window: slo.RollingWindow(30 * 24 * time.Hour),
			SLI: slo.SLI{Kind: slo.KindRatio, Bad: `http_requests_total{code=~"5.."}`, Total: `http_requests_total`}},
		{ID: "latency", Objective: 0.95, Window: slo.RollingWindow(7 * 24 * time.Hour),
			SLI: slo.SLI{Kind: slo.KindLatency, Histogram: "http_duration_seconds", Threshold: 0.2}},
	}
	b, _ := json.Marshal(c)
	return string(b)
}()

// runSLO runs an SLO query of the catalog above on an engine reading up,
// over the hour before now, as a panel of 500 points asks it.
func runSLO(t *testing.T, up *fakeSLIProm, body string, now time.Time) data.Frames {
	t.Helper()
	s, err := models.LoadSettings(context.Background(), backend.DataSourceInstanceSettings{URL: up.URL,
		JSONData: []byte(`{"slos":` + sloCatalogJSON + `}`)})
	if err != nil {
		t.Fatal(err)
	}
	q, err := models.ParseQuery(backend.DataQuery{RefID: "A", QueryType: "slo", JSON: []byte(body), MaxDataPoints: 500,
		TimeRange: backend.TimeRange{From: now.Add(-time.Hour), To: now}}, s)
	if err != nil {
		t.Fatal(err)
	}
	return runSLOQuery(t, up, q)
}

func runSLOQuery(t *testing.T, up *fakeSLIProm, q models.Query) data.Frames {
	t.Helper()
	if up.engine == nil {
		client, err := prom.NewClient(up.URL, up.Client(), prom.Options{})
		if err != nil {
			t.Fatal(err)
		}
		up.engine = New(client, 15*time.Second)
	}
	fs, err := up.engine.SLO(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

var sloNow = time.Date(2026, 11, 27, 12, 3, 20, 0, time.UTC)

// A constant error ratio a hair below a pair's threshold never fires it; a
// hair above always does. Every window sees the same ratio, so burn_alert
// is (1 ± 1e-3) for the pair whose threshold is set, exactly.
func TestSLOAlertFiresExactlyAboveEachThreshold(t *testing.T) {
	for _, p := range slo.Pairs(30*24*time.Hour, 0.999, 5*time.Minute) {
		for _, factor := range []float64{1 - 1e-3, 1 + 1e-3} {
			name := fmt.Sprintf("%s %s at %.4g × its threshold", p.Severity, p.Name(), factor)
			t.Run(name, func(t *testing.T) {
				up := newFakeSLIProm(t, p.Threshold*0.001*factor)
				fs := runSLO(t, up, `{"queryType":"slo","sloId":"errors-30d","output":"alert"}`, sloNow)
				if len(fs) != 4 {
					t.Fatalf("%d frames, want one per pair", len(fs))
				}
				for _, f := range fs {
					v := f.Fields[0]
					if f.Meta.Type != data.FrameTypeNumericMulti || v.Name != "burn_alert" || v.Labels["slo"] != "errors-30d" {
						t.Fatalf("frame %s %+v", f.Meta.Type, v)
					}
					if v.Labels["long"] != slo.FormatDuration(p.Long) {
						continue
					}
					got, _ := v.FloatAt(0)
					if d := got - factor; d > 1e-9 || d < -1e-9 || (got > 1) != (factor > 1) || v.Labels["short"] != slo.FormatDuration(p.Short) {
						t.Errorf("burn_alert %v, want %v (fires %v)", got, factor, factor > 1)
					}
					return
				}
				t.Errorf("no frame for %s", p.Name())
			})
		}
	}
}

// Range queries cover aligned bucket ranges: 5-minute buckets ending at
// the evaluation instant rounded down to the minute (12:03, not 12:00, so
// the figures agree with 1-minute alert rules) and every 5 minutes before,
// one range per counter. The alert output reads only the longest pair
// window before now (3 days); the summary reads the whole window.
func TestSLOQueriesAreAlignedBucketRanges(t *testing.T) {
	end := sloNow.Truncate(time.Minute)
	if end.Equal(sloNow.Truncate(5 * time.Minute)) {
		t.Fatalf("sloNow %v is within a minute of a 5-minute bucket end: the test cannot tell the alignments apart", sloNow)
	}
	tests := []struct {
		output     string
		start, end time.Time // first and last bucket end
	}{
		{"alert", end.Add(-72*time.Hour + 5*time.Minute), end},
		{"summary", end.Add(-30*24*time.Hour + 5*time.Minute), end},
	}
	for _, tt := range tests {
		t.Run(tt.output, func(t *testing.T) {
			up := newFakeSLIProm(t, 0)
			runSLO(t, up, `{"queryType":"slo","sloId":"errors-30d","output":"`+tt.output+`"}`, sloNow)
			if len(up.forms) != 2 {
				t.Fatalf("%d range queries, want one per counter", len(up.forms))
			}
			for _, f := range up.forms {
				if f["step"] != "300" || f["start"] != strconv.FormatInt(tt.start.Unix(), 10) || f["end"] != strconv.FormatInt(tt.end.Unix(), 10) {
					t.Errorf("range %v, want bucket ends %v … %v every 300 s", f, tt.start, tt.end)
				}
			}
		})
	}
}

// A server that parses the anchored modifier is asked for
// increase(x[5m] anchored); one that rejects it (Prometheus 2, 3.0–3.15,
// VictoriaMetrics) for the portable form. The answer is remembered; a
// failed probe (the server down for a moment) is not.
func TestSLOCounterFormFollowsTheAnchoredProbe(t *testing.T) {
	anchored := `sum(increase(http_requests_total[5m] anchored))`
	portable := "sum(" + slo.IncreaseExpr("http_requests_total", 5*time.Minute) + ")"
	tests := []struct {
		name       string
		probe      int
		want       string
		wantProbes int // after two queries
	}{
		{"a server with the anchored modifier gets it, asked once", http.StatusOK, anchored, 1},
		{"a server that cannot parse it gets the portable form, asked once", http.StatusBadRequest, portable, 1},
		{"VictoriaMetrics' 422 is a rejection too", http.StatusUnprocessableEntity, portable, 1},
		{"a failed probe gives the portable form and is asked again", http.StatusServiceUnavailable, portable, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			up := newFakeSLIProm(t, 0)
			up.probe = tt.probe
			for range 2 {
				runSLO(t, up, `{"queryType":"slo","sloId":"errors-30d","output":"alert"}`, sloNow)
			}
			if up.probes != tt.wantProbes {
				t.Errorf("%d probes, want %d", up.probes, tt.wantProbes)
			}
			for _, f := range up.forms {
				if q := f["query"]; q != tt.want && q != strings.Replace(tt.want, "http_requests_total", `http_requests_total{code=~"5.."}`, -1) {
					t.Errorf("query %s, want %s", q, tt.want)
				}
			}
		})
	}
}
