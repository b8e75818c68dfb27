package dashboards

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/claudeenhancer/monitoring/internal/demostack"
)

// TestLiveScrapedHistogramGivesExactLatencySLOAndP95 checks the latency SLO
// and the overview's P95 panel on histograms as users have them: scraped by
// Prometheus from the live generator, at Prometheus' own scrape phase, after
// backfilled history. Prometheus 3 rewrites the le labels of classic
// histograms as it parses them ("1" becomes "1.0"); the generator writes
// them that way, so scraped and backfilled samples are one series per
// bucket, which the test checks first. Then both figures must equal what
// the raw samples give: the SLO's good and total events over the last hour
// (1-minute buckets, the last one holding live scrapes), and the P95 of the
// last five minutes by histogram_quantile's interpolation over the raw
// bucket increases, to 1e-9 relative. Native histograms are not part of the
// demo or of the SLO engine (classic le buckets only). It runs after the
// other tests of the stacks (file order), so the live minute it needs has
// usually passed already.
func TestLiveScrapedHistogramGivesExactLatencySLOAndP95(t *testing.T) {
	shared.Each(t, testLiveScrapedHistogramGivesExactLatencySLOAndP95)
}

func testLiveScrapedHistogramGivesExactLatencySLOAndP95(t *testing.T, s *stack) {
	g := s.Truth(t)
	// The last whole minute must hold live scrapes: wait for it (at most two
	// minutes after the backfill ends).
	var end time.Time
	deadline := time.Now().Add(3 * time.Minute)
	for {
		end = time.Now().Truncate(time.Minute)
		if end.Unix() > s.HistoryEnd+30 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no whole minute of live scrapes after the history's end %d", s.HistoryEnd)
		}
		time.Sleep(time.Until(end.Add(time.Minute + time.Second)))
	}

	raw := rawSamples(t, s, `auth_response_time_bucket{job=~"claude-enhancer.*"}`, end, 70*time.Minute)
	counts := rawSamples(t, s, `auth_response_time_count{job=~"claude-enhancer.*"}`, end, 70*time.Minute)

	t.Run("scraped and backfilled buckets are one series per le", func(t *testing.T) {
		want := mapKeys(g.SLO.Windows.LatencyBuckets)
		slices.Sort(want)
		les := map[string][]string{}
		live := 0
		for _, r := range raw {
			les[r.labels["instance"]] = append(les[r.labels["instance"]], r.labels["le"])
			for _, ms := range r.times {
				if ms > s.HistoryEnd*1000 {
					live++
				}
			}
		}
		if live == 0 {
			t.Fatal("no scraped sample after the backfilled history")
		}
		for instance, got := range les {
			if slices.Sort(got); !slices.Equal(got, want) {
				t.Errorf("%s: le %v, want one series per bucket %v", instance, got, want)
			}
		}
		t.Logf("%d processes, %d live samples of auth_response_time_bucket", len(les), live)
	})

	t.Run("latency SLO over the last hour equals the raw samples' counts", func(t *testing.T) {
		from := end.Add(-time.Hour)
		var good, total float64
		for _, r := range raw {
			if r.labels["le"] == "0.2" {
				good += r.increase(from, end)
			}
		}
		for _, r := range counts {
			total += r.increase(from, end)
		}
		sum := liveLatencySLO(t, s, end)
		if !near(sum["total_events"], total, 1e-9) || !near(sum["sli"], good/total, 1e-9) {
			t.Errorf("total %v sli %v, raw samples give %v and %v", sum["total_events"], sum["sli"], total, good/total)
		}
		t.Logf("last hour to %s: %v requests, %.6f within 200 ms", end.UTC().Format("15:04"), total, good/total)
	})

	t.Run("the overview's P95 equals histogram_quantile of the raw increases", func(t *testing.T) {
		overview := dashboardByUID(t, "ce-overview")
		expr := substituteVariables(panelExpr(t, overview, "stat", "延迟 SLI"), overview.Variables())
		r, err := s.Query(expr, end)
		if err != nil {
			t.Fatal(err)
		}
		byLe := map[string]float64{}
		for _, rs := range raw {
			byLe[rs.labels["le"]] += rs.increase(end.Add(-5*time.Minute), end)
		}
		les := mapKeys(byLe)
		sort.Slice(les, func(i, j int) bool { return leBound(les[i]) < leBound(les[j]) })
		bounds, cum := make([]float64, len(les)), make([]float64, len(les))
		for i, le := range les {
			bounds[i], cum[i] = leBound(le), byLe[le]
		}
		want := bucketQuantile(0.95, bounds, cum)
		if pts := r.Points(); len(pts) != 1 || !near(pts[0], want, 1e-9) {
			t.Errorf("P95 at %s: %v, from the raw bucket increases %v", end.UTC().Format("15:04"), pts, want)
		} else {
			t.Logf("P95 at %s: %.6f s", end.UTC().Format("15:04"), pts[0])
		}
	})
}

// rawSeries is one series' samples as stored.
type rawSeries struct {
	labels map[string]string
	times  []int64 // unix ms
	values []float64
}

// rawSamples returns the samples of selector in (end − span, end].
func rawSamples(t *testing.T, s *stack, selector string, end time.Time, span time.Duration) []rawSeries {
	t.Helper()
	r, err := s.Query(fmt.Sprintf("%s[%dms]", selector, span.Milliseconds()), end)
	if err != nil {
		t.Fatal(err)
	}
	var out []rawSeries
	for _, series := range r.Series {
		rs := rawSeries{labels: series.Metric}
		for _, v := range series.Values {
			rs.times = append(rs.times, int64(math.Round(v[0].(float64)*1000)))
			rs.values = append(rs.values, demostack.ParseValue(v[1]))
		}
		out = append(out, rs)
	}
	if len(out) == 0 {
		t.Fatalf("no samples of %s", selector)
	}
	return out
}

// increase is the counter's increase over (from, to]: from the last sample
// at or before from to the last at or before to, a decrease counted as a
// restart from zero, as Prometheus' increase() counts it.
func (r rawSeries) increase(from, to time.Time) float64 {
	sum, prev, have := 0.0, 0.0, false
	for i, ms := range r.times {
		if ms > to.UnixMilli() {
			break
		}
		v := r.values[i]
		if have && ms > from.UnixMilli() {
			if v >= prev {
				sum += v - prev
			} else {
				sum += v
			}
		}
		prev, have = v, true
	}
	return sum
}

// liveLatencySLO runs an inline SLO on the overview's histogram, 95 % of
// requests within 200 ms over a rolling hour in 1-minute buckets, through
// the provisioned datasource as an alert rule would at end, and returns the
// summary's numbers.
func liveLatencySLO(t *testing.T, s *stack, end time.Time) map[string]float64 {
	t.Helper()
	a := newAnomalyDatasource(t, demostack.ProvisionedDatasources(t)["ce-anomaly"], s.Prometheus.URL)
	body, _ := json.Marshal(map[string]any{
		"refId": "A", "queryType": "slo", "output": "summary", "bucketStep": "1m",
		"slo": map[string]any{"id": "live-latency", "objective": 0.95, "window": map[string]any{"kind": "rolling", "duration": "1h"},
			"sli": map[string]any{"kind": "latency", "histogram": "auth_response_time", "threshold": 0.2, "selector": `{job=~"claude-enhancer.*"}`}},
	})
	resp, err := a.ds.QueryData(context.Background(), &backend.QueryDataRequest{PluginContext: a.ctx, Queries: []backend.DataQuery{{
		RefID: "A", QueryType: "slo", JSON: body, MaxDataPoints: 100, Interval: 15 * time.Second,
		TimeRange: backend.TimeRange{From: end.Add(-time.Hour), To: end},
	}}})
	if err != nil {
		t.Fatal(err)
	}
	dr := resp.Responses["A"]
	if dr.Error != nil {
		t.Fatal(dr.Error)
	}
	if len(dr.Frames) == 0 || dr.Frames[0].Name != "slo_summary" {
		t.Fatalf("frames %v, want slo_summary first", dr.Frames)
	}
	out := map[string]float64{}
	for _, f := range dr.Frames[0].Fields {
		if v, ok := f.ConcreteAt(0); ok {
			if x, err := toFloat(v); err == nil {
				out[f.Name] = x
			}
		}
	}
	return out
}

func leBound(le string) float64 {
	if le == "+Inf" {
		return math.Inf(1)
	}
	f, _ := strconv.ParseFloat(le, 64)
	return f
}

func mapKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
