package plugin

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/claudeenhancer/monitoring/internal/promfake"
	"github.com/claudeenhancer/monitoring/pkg/models"
)

// The fuzz targets of this file run the query handlers end to end, so that
// an option which sizes a buffer, a loop or a fetch is found where it does
// harm: options are parsed by ParseQuery, the series come from a fake
// upstream over HTTP, and detection, forecast, trend and SLO maths run on
// them. A query answers either with data or a downstream (user) error; a
// 500 is a bug, since a recovered panic answers with one.

// fuzzPointsPerRequest is how many points the fake returns per series and
// request, from the start of the range: the grid the handler lays them on
// is as large as the query asks, the JSON stays small.
const fuzzPointsPerRequest = 200

// fuzzMaxGridPoints skips detection inputs whose data (fetched points per
// series) is larger than this: work per input is bounded by the data, while
// every option value still runs.
const fuzzMaxGridPoints = 20_000

// fuzzAllocLimit is what one fuzzed query may allocate: its grid and output
// (at most MaxDetectorPoints points of forecast horizon, MaxSLOBuckets
// buckets or MaxAvailabilitySamples samples, a few buffers each) with room
// to spare; the allocations this file exists to catch were gigabytes.
const fuzzAllocLimit = 128 << 20

// fuzzUpstream is a Prometheus API answering any range query with two
// series and any label-values query with a histogram's bucket bounds.
func fuzzUpstream(f *testing.F) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		w.Header().Set("Content-Type", "application/json")
		if strings.HasPrefix(r.URL.Path, "/api/v1/label/") {
			_, _ = w.Write([]byte(`{"status":"success","data":["0.1","0.2","0.5","1","+Inf"]}`))
			return
		}
		start, err1 := strconv.ParseFloat(r.Form.Get("start"), 64)
		end, err2 := strconv.ParseFloat(r.Form.Get("end"), 64)
		step, err3 := strconv.ParseFloat(r.Form.Get("step"), 64)
		if r.URL.Path != "/api/v1/query_range" || err1 != nil || err2 != nil || err3 != nil || !(step > 0) || end < start {
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte(`{"status":"error","errorType":"bad_data","error":"invalid parameter"}`))
			return
		}
		var b strings.Builder
		b.WriteString(`{"status":"success","data":{"resultType":"matrix","result":[`)
		for s, name := range []string{"a", "b"} {
			if s > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"metric":{"service":%q},"values":[`, name)
			for i := 0; i < fuzzPointsPerRequest && start+float64(i)*step <= end; i++ {
				if i > 0 {
					b.WriteByte(',')
				}
				at := start + float64(i)*step
				v := 100 + 10*math.Sin(at/600) + float64(s)*float64(i%7)
				fmt.Fprintf(&b, `[%s,"%s"]`, strconv.FormatFloat(at, 'f', 3, 64), strconv.FormatFloat(v, 'g', -1, 64))
			}
			b.WriteString("]}")
		}
		b.WriteString("]}}")
		_, _ = w.Write([]byte(b.String()))
	}))
	f.Cleanup(srv.Close)
	return srv
}

// fuzzDatasource is a datasource on the fake with the given jsonData; nil
// when the settings are refused (the settings fuzz covers those).
func fuzzDatasource(url, jsonData string) *Datasource {
	inst, err := NewDatasource(context.Background(), backend.DataSourceInstanceSettings{URL: url, JSONData: []byte(jsonData)})
	if err != nil || inst.(*Datasource).configErr != nil {
		return nil
	}
	return inst.(*Datasource)
}

// runFuzzQuery answers one query through QueryData and fails on a plugin
// error (a bug or a recovered panic) or an allocation beyond the limit.
func runFuzzQuery(t *testing.T, ds *Datasource, dq backend.DataQuery) {
	var got backend.DataResponse
	if n := allocated(func() {
		resp, err := ds.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{dq}})
		if err != nil {
			t.Fatal(err)
		}
		got = resp.Responses[dq.RefID]
	}); n > fuzzAllocLimit {
		t.Fatalf("%s allocated %d MB", dq.JSON, n>>20)
	}
	if got.Error != nil && (got.ErrorSource != backend.ErrorSourceDownstream || got.Status >= 500) {
		t.Fatalf("%s: status %d source %q: %v", dq.JSON, got.Status, got.ErrorSource, got.Error)
	}
}

// FuzzDetectionQueryData runs anomaly, trend and forecast queries with
// fuzzed options over the fake's series.
func FuzzDetectionQueryData(f *testing.F) {
	f.Add(uint8(0), "zscore", "1h", "1m", "", 3, 3.0, "2/3", "bands", "", "", "", "", uint32(7200), int64(500))
	f.Add(uint8(0), "seasonal", "30m", "1m", "2h", 2, 3.0, "", "events", "", "", "", "", uint32(21600), int64(0))
	f.Add(uint8(1), "robust", "20m", "1m", "", 0, 0.0, "3/5", "", "30m", "", "", "", uint32(7200), int64(300))
	f.Add(uint8(2), "", "", "1m", "1h", 0, 0.0, "", "score", "", "6h", "1d", "holtwinters", uint32(3600), int64(100))
	srv := fuzzUpstream(f)
	ds := fuzzDatasource(srv.URL, `{}`)
	types := []models.QueryType{models.QueryTypeAnomaly, models.QueryTypeTrend, models.QueryTypeForecast}
	f.Fuzz(func(t *testing.T, qt uint8, method, window, step, season string, seasons int, threshold float64,
		persistence, output, trendWindow, horizon, training, forecastMethod string, spanSec uint32, maxPoints int64) {
		body, err := json.Marshal(map[string]any{
			"refId": "A", "queryType": types[int(qt)%len(types)], "expr": "latency",
			"method": method, "window": window, "detectorStep": step, "season": season,
			"seasons": seasons, "threshold": threshold, "persistence": persistence, "output": output,
			"trendWindow": trendWindow, "horizon": horizon, "training": training, "forecastMethod": forecastMethod,
		})
		if err != nil {
			t.Skip() // NaN or ±Inf threshold: not JSON
		}
		dq := detectionDataQuery("A", string(body), promfake.T0.Add(-time.Duration(spanSec)*time.Second), promfake.T0, maxPoints)
		q, err := models.ParseQuery(dq, ds.settings)
		if err != nil {
			return // refused before any fetch: FuzzDetectionQuery's ground
		}
		d := q.Detection
		if (q.End.Sub(q.Start)+max(d.Warmup(), d.Training, 2*d.TrendWindow))/d.Step > fuzzMaxGridPoints {
			t.Skip() // data too large for a fuzz input
		}
		runFuzzQuery(t, ds, dq)
	})
}

// FuzzSLOQueryData runs SLO queries with a fuzzed inline definition,
// output, bucket step and scrape interval over the fake's counters. Work
// per input is bounded by the SLO query limits (MaxSLOBuckets buckets,
// MaxAvailabilitySamples samples), which the handler enforces.
func FuzzSLOQueryData(f *testing.F) {
	f.Add(uint8(0), "1d", "", 0.99, "", "", "", "", 0.0, "", uint32(3600))
	f.Add(uint8(1), "7d", "", 0.95, "5m", "burnrate", "", "", 10.0, "1m", uint32(86400))
	f.Add(uint8(2), "", "week", 0.999, "", "burndown", "30m", "10m", 0.0, "15s", uint32(3600))
	f.Add(uint8(0), "", "month", 0.999, "15m", "alert", "", "", 0.0, "", uint32(600))
	srv := fuzzUpstream(f)
	slis := []map[string]any{
		{"kind": "ratio", "good": "ok_total", "total": "req_total"},
		{"kind": "latency", "histogram": "http_duration_seconds", "threshold": 0.2},
		{"kind": "availability", "expr": "up", "gaps": "down"},
	}
	f.Fuzz(func(t *testing.T, kind uint8, window, calendar string, objective float64, bucketStep, output,
		violationFor, violationWindow string, minEvents float64, scrape string, spanSec uint32) {
		var win any = window
		if calendar != "" {
			win = map[string]string{"kind": "calendar", "unit": calendar}
		}
		body, err := json.Marshal(map[string]any{
			"refId": "A", "queryType": "slo", "bucketStep": bucketStep, "output": output,
			"slo": map[string]any{"id": "fuzz", "sli": slis[int(kind)%len(slis)], "objective": objective, "window": win,
				"minEvents": minEvents, "violationFor": violationFor, "violationWindow": violationWindow},
		})
		if err != nil {
			t.Skip() // NaN or ±Inf: not JSON
		}
		settings, _ := json.Marshal(map[string]string{"timeInterval": scrape})
		ds := fuzzDatasource(srv.URL, string(settings))
		if ds == nil {
			return // refused settings: FuzzLoadSettings' ground
		}
		runFuzzQuery(t, ds, detectionDataQuery("A", string(body), promfake.T0.Add(-time.Duration(spanSec)*time.Second), promfake.T0, 500))
	})
}
