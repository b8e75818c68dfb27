package integration

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/claudeenhancer/monitoring/internal/testenv"
	"github.com/claudeenhancer/monitoring/pkg/prom"
	"github.com/claudeenhancer/monitoring/pkg/slo"
)

// sloBenchDays is the history the SLO benchmark's fixture holds:
// SLO_BENCH_DAYS, default 2. The full benchmark (30 days × 15 s × 30
// series = 5.2 M samples) takes about two minutes of promtool backfill on a
// 2-core runner, too slow for CI, so it is opt-in:
//
//	SLO_BENCH_DAYS=30 go test -run '^$' -bench SLOSummary30d -benchtime 20x ./pkg/integration/
//
// With fewer days the queries are the same (30-day windows: 8,640
// 5-minute buckets per counter) over less data.
func sloBenchDays(b *testing.B) int {
	days := 2
	if v := os.Getenv("SLO_BENCH_DAYS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 60 {
			b.Fatalf("SLO_BENCH_DAYS=%q: want a number of days in 1..60", v)
		}
		days = n
	}
	return days
}

// BenchmarkSLOSummary30d measures the 30-day summary of three SLOs (one
// QueryData request of three queries, each over ten 15 s counters) end to
// end through the datasource against each real Prometheus build, and the
// instant PromQL sum(increase(bad[30d])) / sum(increase(total[30d])) of the
// same three SLOs, sent concurrently as QueryData runs its queries. The
// ratio of the two ns/op is the cost of the summary (budget, four burn-rate
// pairs, exhaustion, state, from 8,640 exact buckets per counter) over the
// bare SLI. Prometheus 2 reads the buckets in the portable form
// (slo.IncreaseExpr), Prometheus 3.16 with increase(x[5m] anchored).
func BenchmarkSLOSummary30d(b *testing.B) {
	testenv.RequireIntegration(b)
	days := sloBenchDays(b)
	fx := testenv.NewSLOBench(time.Now(), 1, time.Duration(days)*oneDay)
	for _, build := range testenv.RequirePrometheusBuilds(b) {
		b.Run(build.Name, func(b *testing.B) { benchSLOSummary(b, build, fx, days) })
	}
}

func benchSLOSummary(b *testing.B, build testenv.Build, fx *testenv.SLO, days int) {
	began := time.Now()
	up := testenv.StartPrometheusBuild(b, build, &fx.Fixture)
	b.Logf("SLO bench fixture: %d days, %d series, %d samples; backfilled in %v (promtool %v)",
		days, len(fx.Series), len(fx.Series)*(int(fx.End.Sub(fx.Start)/fx.Step)+1), time.Since(began)-up.Ready, up.Load)

	var catalog slo.Catalog
	var reqs []sloReq
	var promExprs []string
	for _, svc := range []string{"s1", "s2", "s3"} {
		bad, total := fmt.Sprintf(`bench_requests_total{svc=%q,code="500"}`, svc), fmt.Sprintf(`bench_requests_total{svc=%q}`, svc)
		catalog = append(catalog, slo.SLO{ID: svc, Objective: 0.999, Window: slo.RollingWindow(30 * oneDay),
			SLI: slo.SLI{Kind: slo.KindRatio, Bad: bad, Total: total}})
		reqs = append(reqs, sloReq{RefID: svc, SLOID: svc, Now: fx.End})
		promExprs = append(promExprs, fmt.Sprintf(`sum(increase(%s[30d])) / sum(increase(%s[30d]))`, bad, total))
	}
	ds := sloDatasource(b, up.URL, catalog)
	client, err := prom.NewClient(up.URL, &http.Client{Timeout: time.Minute}, prom.Options{})
	if err != nil {
		b.Fatal(err)
	}
	req := &backend.QueryDataRequest{}
	for _, r := range reqs {
		req.Queries = append(req.Queries, r.dataQuery(b))
	}

	// Once, outside the timing: the summaries agree with PromQL. With the
	// full 30 days both read every sample since the first (exact); with
	// fewer, PromQL extrapolates half a scrape interval toward its range
	// start, a few 1e-5 at most.
	resp := runSLO(b, ds, reqs...)
	for i, r := range reqs {
		sum, _ := summaryOf(b, resp[r.RefID])
		want := promInstant(b, client, promExprs[i], fx.End)
		if !sloWithin(1-sum.f("sli"), want, 1e-4) {
			b.Fatalf("%s: 1 − sli %v, PromQL %v", r.RefID, 1-sum.f("sli"), want)
		}
	}

	b.Run("datasource_summary_3_slos", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			resp, err := ds.QueryData(context.Background(), req)
			if err != nil {
				b.Fatal(err)
			}
			for _, dr := range resp.Responses {
				if dr.Error != nil {
					b.Fatal(dr.Error)
				}
			}
		}
	})
	b.Run("promql_instant_sli_3_slos", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var wg sync.WaitGroup
			for _, e := range promExprs {
				wg.Add(1)
				go func() {
					defer wg.Done()
					if _, _, err := client.Query(context.Background(), e, fx.End); err != nil {
						b.Error(err)
					}
				}()
			}
			wg.Wait()
		}
	})
}
