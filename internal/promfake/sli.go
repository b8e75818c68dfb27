package promfake

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/claudeenhancer/monitoring/pkg/slo"
)

// SLI is a Prometheus that answers range queries with per-bucket counts:
// Total for every counter, ErrorRatio·Total for expressions selecting 5xx
// (as SLOCatalogJSON's ratio SLI does). It records the query_range forms
// it got and counts the instant queries. Set the fields before the first
// request.
type SLI struct {
	*httptest.Server
	Total      float64
	ErrorRatio float64
	LEs        []string // the le label values of every histogram
	// Probe answers the instant query of the anchored probe: 200 (an
	// engine with the anchored modifier), 400 (a parse error) or other.
	Probe int
	// Delay holds every answer back, unless the client leaves first.
	Delay time.Duration

	mu     sync.Mutex
	forms  []map[string]string
	probes int
}

// NewSLI starts an SLI on an ephemeral port, closed when the test ends:
// 6000 requests a bucket, buckets at 0.1 s, 0.25 s and +Inf, and the probe
// answered as a Prometheus without the anchored modifier does (a parse
// error).
func NewSLI(t testing.TB, errorRatio float64) *SLI {
	f := &SLI{Total: 6000, ErrorRatio: errorRatio, LEs: []string{"0.1", "0.25", "+Inf"}, Probe: http.StatusBadRequest}
	f.Server = httptest.NewServer(f)
	t.Cleanup(f.Close)
	return f
}

// Forms returns the query_range forms received (query, start, end, step),
// in arrival order.
func (f *SLI) Forms() []map[string]string {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make([]map[string]string, len(f.forms))
	for i, m := range f.forms {
		out[i] = maps.Clone(m)
	}
	return out
}

// Probes returns how many instant queries were received.
func (f *SLI) Probes() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.probes
}

func (f *SLI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if f.Delay > 0 {
		select {
		case <-time.After(f.Delay):
		case <-r.Context().Done():
			return
		}
	}
	_ = r.ParseForm()
	w.Header().Set("Content-Type", "application/json")
	switch r.URL.Path {
	case "/api/v1/query":
		f.mu.Lock()
		f.probes++
		f.mu.Unlock()
		w.WriteHeader(f.Probe)
		if f.Probe == http.StatusOK {
			_, _ = w.Write([]byte(`{"status":"success","data":{"resultType":"vector","result":[]}}`))
		} else {
			_, _ = w.Write([]byte(`{"status":"error","errorType":"bad_data","error":"parse error: unexpected identifier \"anchored\""}`))
		}
	case "/api/v1/label/le/values":
		body, _ := json.Marshal(map[string]any{"status": "success", "data": f.LEs})
		_, _ = w.Write(body)
	case "/api/v1/query_range":
		q := r.Form.Get("query")
		f.mu.Lock()
		f.forms = append(f.forms, map[string]string{"query": q, "start": r.Form.Get("start"), "end": r.Form.Get("end"), "step": r.Form.Get("step")})
		f.mu.Unlock()
		v := f.Total
		if strings.Contains(q, `"5.."`) {
			v *= f.ErrorRatio
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

// SLOCatalogJSON is a datasource's "slos" setting whose SLIs the SLI fake
// answers: a 30-day 5xx ratio at 99.9 % and a 7-day latency SLO (95 %
// under 0.2 s).
var SLOCatalogJSON = func() string {
	c := slo.Catalog{
		{ID: "errors-30d", Objective: 0.999, Window: slo.RollingWindow(30 * 24 * time.Hour),
			SLI: slo.SLI{Kind: slo.KindRatio, Bad: `http_requests_total{code=~"5.."}`, Total: `http_requests_total`}},
		{ID: "latency", Objective: 0.95, Window: slo.RollingWindow(7 * 24 * time.Hour),
			SLI: slo.SLI{Kind: slo.KindLatency, Histogram: "http_duration_seconds", Threshold: 0.2}},
	}
	b, _ := json.Marshal(c)
	return string(b)
}()

// SLONow is the evaluation instant of the SLO tests: 3 min 20 s past a
// 5-minute bucket end, so an alignment to the minute and one to the bucket
// differ.
var SLONow = time.Date(2026, 11, 27, 12, 3, 20, 0, time.UTC)
