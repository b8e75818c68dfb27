package integration

import (
	"context"
	"encoding/json"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/claudeenhancer/monitoring/internal/testenv"
	"github.com/claudeenhancer/monitoring/pkg/plugin"
	"github.com/claudeenhancer/monitoring/pkg/prom"
)

// Detection benchmarks against the real Prometheus, over 5 gauges × (7 d +
// 1 h) at 15 s (202,805 samples): enough for a week of 1-hour baselines at
// the sample step. The server is shared by the benchmarks of this binary and
// started only when one of them runs; its backfill time is logged.
//
//	go test -run '^$' -bench 'AnomalyQuery|ZScoreBands' -benchmem ./pkg/integration/
const (
	detBenchSeries = 5
	detBenchWeek   = 7 * 24 * time.Hour
	detBenchExpr   = "ce_bench_gauge"
)

var (
	detBenchOnce    sync.Once
	detBenchFixture *testenv.Fixture
	detBenchProm    = testenv.NewSharedPrometheus("detection-bench", func() *testenv.Fixture { return detBenchFx() })
)

func detBenchFx() *testenv.Fixture {
	detBenchOnce.Do(func() {
		detBenchFixture = testenv.NewBench(time.Now(), 11, detBenchSeries, detBenchWeek+time.Hour)
	})
	return detBenchFixture
}

func detBenchUpstream(b *testing.B) (*testenv.Upstream, *testenv.Fixture) {
	b.Helper()
	up := detBenchProm.Get(b)
	b.Logf("fixture: %d samples, backfill %v, ready %v", detBenchFx().SampleCount(), up.Load, up.Ready)
	return up, detBenchFx()
}

// panelQuery is a query as a dashboard panel sends it: Grafana's 15 s
// interval and 1,000 max data points, whatever the query type.
func panelQuery(b *testing.B, body map[string]any, from, to time.Time) backend.DataQuery {
	raw, err := json.Marshal(body)
	if err != nil {
		b.Fatal(err)
	}
	return backend.DataQuery{
		RefID: "A", JSON: raw, Interval: 15 * time.Second, MaxDataPoints: 1000,
		TimeRange: backend.TimeRange{From: from, To: to},
	}
}

// runPanel runs q and returns the number of rows of its frames.
func runPanel(b *testing.B, ds *plugin.Datasource, pctx backend.PluginContext, q backend.DataQuery) int {
	resp, err := ds.QueryData(context.Background(), &backend.QueryDataRequest{PluginContext: pctx, Queries: []backend.DataQuery{q}})
	if err != nil {
		b.Fatal(err)
	}
	dr := resp.Responses["A"]
	if dr.Error != nil {
		b.Fatal(dr.Error)
	}
	rows := 0
	for _, f := range dr.Frames {
		rows += f.Rows()
	}
	return rows
}

// perOp runs fn as a sub-benchmark and returns its time per operation.
func perOp(b *testing.B, name string, fn func(b *testing.B)) time.Duration {
	var d time.Duration
	b.Run(name, func(b *testing.B) {
		fn(b)
		d = b.Elapsed() / time.Duration(max(b.N, 1))
	})
	return d
}

// BenchmarkAnomalyQueryVsSeries is the cost of detection on top of the
// fetch: an anomaly query (zscore, 1 h window, bands output) against a
// series query of the same expression over the same data at the same step,
// for ranges of 6 h, 1 d and 7 d. The anomaly query fetches at its fixed
// 1-minute detector step from an hour before the range (the warm-up): 421,
// 1,501 and 10,141 points per series. series_same_step is the series query
// that fetches exactly those points (minStep 1m over the range and the
// hour before, max data points high enough not to coarsen the step), so
// anomaly/series_same_step is what detection, bands and thinning cost.
// series_panel_step is the series query as a panel sends it (15 s interval,
// 1,000 max data points: a step of 22 s, 1m26s and 10m5s), for the cost a
// user sees when switching a panel to anomaly; it reads different points,
// so it is context, not the comparison. Acceptance: anomaly ≤ 1.3×
// series_same_step.
func BenchmarkAnomalyQueryVsSeries(b *testing.B) {
	up, fx := detBenchUpstream(b)
	ds, pctx := newDatasource(b, up.URL)
	to := fx.End
	run := func(q backend.DataQuery) func(b *testing.B) {
		return func(b *testing.B) {
			rows := runPanel(b, ds, pctx, q)
			b.ReportAllocs()
			for b.Loop() {
				runPanel(b, ds, pctx, q)
			}
			b.ReportMetric(float64(rows), "rows/op")
		}
	}
	for _, span := range []struct {
		name string
		d    time.Duration
	}{{"6h", 6 * time.Hour}, {"1d", 24 * time.Hour}, {"7d", detBenchWeek}} {
		from := to.Add(-span.d)
		panel := panelQuery(b, map[string]any{"refId": "A", "queryType": "series", "expr": detBenchExpr}, from, to)
		same := panelQuery(b, map[string]any{"refId": "A", "queryType": "series", "expr": detBenchExpr, "minStep": "1m"}, from.Add(-time.Hour), to)
		same.MaxDataPoints = 43200
		anomaly := panelQuery(b, map[string]any{
			"refId": "A", "queryType": "anomaly", "expr": detBenchExpr, "method": "zscore", "window": "1h", "output": "bands",
		}, from, to)
		p := perOp(b, span.name+"/series_panel_step", run(panel))
		s := perOp(b, span.name+"/series_same_step", run(same))
		a := perOp(b, span.name+"/anomaly_zscore_bands", run(anomaly))
		b.Logf("%s: anomaly/series_same_step = %.2f× (acceptance ≤ 1.3×), anomaly/series_panel_step = %.2f×",
			span.name, float64(a)/float64(s), float64(a)/float64(p))
	}
}

// BenchmarkZScoreBandsVsPromQL compares our z-score bands over a week at the
// sample step (15 s, window 1 h = 240 points, detectorStep 15s) with
// Prometheus computing the same mean and standard deviation itself: over a
// week at 15 s a range query has 40,321 steps, 4 chunks of ≤ 11,000, and
// every step reads the 1 h window again. promql_avg_stddev is the cheapest
// form (avg_over_time and stddev_over_time, bands computed by the reader);
// promql_upper_lower is what a user writes for a band panel (mean ± 3σ as
// two expressions, each evaluating both functions). The two queries of each
// run concurrently, as a panel's queries do, their chunks in sequence, as
// our datasource fetches them. (The numbers differ slightly by design:
// PromQL's window includes the current sample and stddev_over_time is the
// population σ; ours is the leave-current-out sample σ of the 240 points
// before.) Goal: ours ≥ 10× faster. series_fetch_same_points is the floor
// under ours: fetching the week's raw points through the JSON API costs
// Prometheus about as much as evaluating a plain selector over them.
func BenchmarkZScoreBandsVsPromQL(b *testing.B) {
	up, fx := detBenchUpstream(b)
	to := fx.End
	from := to.Add(-detBenchWeek)
	ds, pctx := newDatasource(b, up.URL)
	client, err := prom.NewClient(up.URL, &http.Client{Timeout: 5 * time.Minute}, prom.Options{Method: http.MethodPost})
	if err != nil {
		b.Fatal(err)
	}
	step := 15 * time.Second
	wantPoints := detBenchSeries * int(detBenchWeek/step+1)
	promql := func(exprs ...string) func(b *testing.B) {
		// Each expression over the week in consecutive chunks of 11,000
		// intervals; the expressions concurrently.
		once := func() int {
			var wg sync.WaitGroup
			points := make([]int, len(exprs))
			errs := make([]error, len(exprs))
			for i, expr := range exprs {
				wg.Add(1)
				go func() {
					defer wg.Done()
					chunk := time.Duration(prom.MaxIntervals) * step
					for start := from; !start.After(to); start = start.Add(chunk + step) {
						end := start.Add(chunk)
						if end.After(to) {
							end = to
						}
						m, err := client.QueryRange(context.Background(), expr, prom.Range{Start: start, End: end, Step: step})
						if err != nil {
							errs[i] = err
							return
						}
						for _, s := range m.Series {
							points[i] += len(s.Values)
						}
					}
				}()
			}
			wg.Wait()
			total := 0
			for i := range exprs {
				if errs[i] != nil {
					b.Fatal(errs[i])
				}
				if points[i] != wantPoints {
					b.Fatalf("%s: %d points, want %d", exprs[i], points[i], wantPoints)
				}
				total += points[i]
			}
			return total
		}
		return func(b *testing.B) {
			points := once()
			b.ReportAllocs()
			for b.Loop() {
				once()
			}
			b.ReportMetric(float64(points), "points/op")
		}
	}
	ours := panelQuery(b, map[string]any{
		"refId": "A", "queryType": "anomaly", "expr": detBenchExpr, "method": "zscore", "window": "1h",
		"detectorStep": "15s", "output": "bands",
	}, from, to)

	avgSD := perOp(b, "promql_avg_stddev", promql(
		"avg_over_time("+detBenchExpr+"[1h])", "stddev_over_time("+detBenchExpr+"[1h])"))
	upperLower := perOp(b, "promql_upper_lower", promql(
		"avg_over_time("+detBenchExpr+"[1h]) + 3 * stddev_over_time("+detBenchExpr+"[1h])",
		"avg_over_time("+detBenchExpr+"[1h]) - 3 * stddev_over_time("+detBenchExpr+"[1h])"))
	d := perOp(b, "datasource_zscore_bands", func(b *testing.B) {
		rows := runPanel(b, ds, pctx, ours)
		// 40,321 points in buckets of ⌈40,321/1,000⌉ = 41: 984 per series.
		if rows != detBenchSeries*984 {
			b.Fatalf("%d rows, want %d (984 per series after thinning)", rows, detBenchSeries*984)
		}
		b.ReportAllocs()
		for b.Loop() {
			runPanel(b, ds, pctx, ours)
		}
		b.ReportMetric(float64(wantPoints), "points/op")
	})
	// The floor under ours: the same points (the week and the hour of
	// warm-up at 15 s) fetched and decoded in the same chunks, concurrently
	// as our datasource does, with no detection.
	f := perOp(b, "raw_fetch_same_points", func(b *testing.B) {
		fetch := func() {
			var wg sync.WaitGroup
			chunk := time.Duration(prom.MaxIntervals) * step
			for start := from.Add(-time.Hour); !start.After(to); start = start.Add(chunk + step) {
				end := start.Add(chunk)
				if end.After(to) {
					end = to
				}
				wg.Add(1)
				go func() {
					defer wg.Done()
					if _, err := client.QueryRange(context.Background(), detBenchExpr, prom.Range{Start: start, End: end, Step: step}); err != nil {
						b.Error(err)
					}
				}()
			}
			wg.Wait()
		}
		for b.Loop() {
			fetch()
		}
	})
	b.Logf("promql_avg_stddev/ours = %.1f×, promql_upper_lower/ours = %.1f× (goal ≥ 10×); "+
		"ours/fetch alone = %.2f×, so at most %.1f× is reachable while the raw points cross Prometheus' JSON API",
		float64(avgSD)/float64(d), float64(upperLower)/float64(d), float64(d)/float64(f), float64(upperLower)/float64(f))
}
