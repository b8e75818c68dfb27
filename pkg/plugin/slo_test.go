package plugin

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

func sloDataQuery(refID, body string, now time.Time) backend.DataQuery {
	return backend.DataQuery{RefID: refID, QueryType: "slo", JSON: []byte(body), MaxDataPoints: 500,
		TimeRange: backend.TimeRange{From: now.Add(-time.Hour), To: now}}
}

var sloNow = time.Date(2026, 11, 27, 12, 3, 20, 0, time.UTC)

func TestSLOQueryErrorsArePerQueryAndTheUsers(t *testing.T) {
	up := newFakeSLIProm(t, 0)
	ds := newDS(t, up.URL, `{"slos":`+sloCatalogJSON+`}`, nil)
	tests := []struct {
		name, body, want string
		status           backend.Status
	}{
		{"an unknown id lists the catalog", `{"queryType":"slo","sloId":"nope"}`, "catalog: errors-30d, latency", backend.StatusBadRequest},
		{"no id and no definition", `{"queryType":"slo"}`, `set "sloId"`, backend.StatusBadRequest},
		{"no histogram bucket at the threshold lists the boundaries", `{"queryType":"slo","sloId":"latency"}`, "available le: 0.1, 0.25, +Inf", backend.StatusBadRequest},
	}
	req := &backend.QueryDataRequest{}
	for i, tt := range tests {
		req.Queries = append(req.Queries, sloDataQuery(strconv.Itoa(i), tt.body, sloNow))
	}
	req.Queries = append(req.Queries, sloDataQuery("ok", `{"queryType":"slo","sloId":"errors-30d"}`, sloNow))
	resp, err := ds.QueryData(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := resp.Responses[strconv.Itoa(i)]
			if r.Error == nil || r.Status != tt.status || r.ErrorSource != backend.ErrorSourceDownstream || !strings.Contains(r.Error.Error(), tt.want) {
				t.Errorf("status %d source %q error %v, want %d mentioning %q", r.Status, r.ErrorSource, r.Error, tt.status, tt.want)
			}
		})
	}
	if ok := resp.Responses["ok"]; ok.Error != nil || len(ok.Frames) != 2 || ok.Frames[0].Name != "slo_summary" {
		t.Errorf("the valid sibling: %v %v", ok.Error, ok.Frames)
	}
}

func TestSLOUpstreamFailureIsABadGateway(t *testing.T) {
	up := newUpstream(t, map[string]reply{"/api/v1/query_range": {status: 503, body: "overloaded"}})
	ds := newDS(t, up.URL, `{"slos":`+sloCatalogJSON+`}`, nil)
	resp, _ := ds.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{
		sloDataQuery("A", `{"queryType":"slo","sloId":"errors-30d"}`, sloNow)}})
	if r := resp.Responses["A"]; r.Status != backend.StatusBadGateway || r.ErrorSource != backend.ErrorSourceDownstream {
		t.Errorf("status %d source %q err %v", r.Status, r.ErrorSource, r.Error)
	}
}

func TestSLOsResource(t *testing.T) {
	tests := []struct {
		name, jsonData string
		wantStatus     int
		wantIDs        []string
	}{
		{"the catalog as configured", `{"slos":` + sloCatalogJSON + `}`, 200, []string{"errors-30d", "latency"}},
		{"no catalog is an empty list", `{}`, 200, []string{}},
		{"a broken catalog is the settings error", `{"slos":[{"id":"x","objective":99}]}`, 400, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := callResource(t, newDS(t, "http://prometheus:9090", tt.jsonData, nil), "slos")
			if status != tt.wantStatus {
				t.Fatalf("status %d body %s", status, body)
			}
			if tt.wantIDs == nil {
				if !strings.Contains(string(body), "SLO catalog") || !strings.Contains(string(body), `slos[0] \"x\"`) {
					t.Errorf("body %s does not name the catalog entry", body)
				}
				return
			}
			var got []map[string]any
			if err := json.Unmarshal(body, &got); err != nil || len(got) != len(tt.wantIDs) {
				t.Fatalf("body %s: %v", body, err)
			}
			for i, id := range tt.wantIDs {
				if got[i]["id"] != id || got[i]["sli"] == nil || got[i]["window"] == nil || got[i]["objective"] == nil {
					t.Errorf("entry %d: %v", i, got[i])
				}
			}
		})
	}
}
