package integration

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/claudeenhancer/monitoring/internal/testenv"
)

// Bench fixture: 50 gauges × 1 day at 15 s = 288,050 samples (a few seconds
// of backfill), all returned by one range query at a 15 s step.
const (
	benchSeries = 50
	benchSpan   = 24 * time.Hour
	benchExpr   = "ce_bench_gauge"
)

// BenchmarkSeriesQuery compares the datasource's end-to-end cost of a
// "series" query (HTTP + decode + frames) with fetching the same
// query_range body and discarding it, against the real Prometheus:
//
//	go test -run '^$' -bench SeriesQuery -benchmem ./pkg/integration/
//
// The ratio datasource_querydata / raw_http is the end-to-end overhead.
// Prometheus' own evaluation dominates both, so the replayed_* pair repeats
// them against a local server that answers with the body Prometheus gave,
// which isolates the datasource's own cost (decode + frames) from the
// engine's.
func BenchmarkSeriesQuery(b *testing.B) {
	testenv.RequireIntegration(b)
	fx := testenv.NewBench(time.Now(), 1, benchSeries, benchSpan)
	up := testenv.StartPrometheus(b, fx)
	b.Logf("backfill %v, ready %v", up.Load, up.Ready)
	from, to := fx.Start, fx.End
	wantPoints := benchSeries * int(to.Sub(from)/fx.Step+1)
	// The form the client posts: start/end in seconds with millisecond
	// decimals, step in seconds.
	form := url.Values{
		"query": {benchExpr},
		"start": {strconv.FormatFloat(float64(from.UnixMilli())/1000, 'f', 3, 64)},
		"end":   {strconv.FormatFloat(float64(to.UnixMilli())/1000, 'f', 3, 64)},
		"step":  {"15"},
	}.Encode()
	q := seriesQuery{RefID: "A", Expr: benchExpr, Legend: "{{instance}}", From: from, To: to}

	body := fetchRange(b, up.URL, form, nil)
	replay := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	}))
	defer replay.Close()

	for _, target := range []struct{ prefix, url string }{{"", up.URL}, {"replayed_", replay.URL}} {
		b.Run(target.prefix+"raw_http", func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				fetchRange(b, target.url, form, io.Discard)
			}
			b.ReportMetric(float64(wantPoints), "points/op")
		})
		b.Run(target.prefix+"datasource_querydata", func(b *testing.B) {
			ds, pctx := newDatasource(b, target.url)
			req := &backend.QueryDataRequest{PluginContext: pctx, Queries: []backend.DataQuery{q.dataQuery(b)}}
			run := func() int {
				resp, err := ds.QueryData(context.Background(), req)
				if err != nil {
					b.Fatal(err)
				}
				dr := resp.Responses["A"]
				if dr.Error != nil {
					b.Fatal(dr.Error)
				}
				points := 0
				for _, f := range dr.Frames {
					points += f.Rows()
				}
				return points
			}
			if got := run(); got != wantPoints {
				b.Fatalf("%d points, want %d", got, wantPoints)
			}
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				run()
			}
			b.ReportMetric(float64(wantPoints), "points/op")
		})
	}
}

var benchHTTP = &http.Client{Timeout: time.Minute}

// fetchRange posts a query_range form and copies the body to w, or returns
// it when w is nil.
func fetchRange(b *testing.B, base, form string, w io.Writer) []byte {
	req, _ := http.NewRequest(http.MethodPost, base+"/api/v1/query_range", strings.NewReader(form))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := benchHTTP.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	if resp.StatusCode != http.StatusOK {
		b.Fatalf("query_range: %s", resp.Status)
	}
	if w == nil {
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			b.Fatal(err)
		}
		return body
	}
	if _, err := io.Copy(w, resp.Body); err != nil {
		b.Fatal(err)
	}
	return nil
}
