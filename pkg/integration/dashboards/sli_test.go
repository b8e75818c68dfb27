package dashboards

import (
	"math"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/claudeenhancer/monitoring/pkg/slo"
)

// The seed's three SLIs, as the overview must run them with every variable at
// All. The latency SLI adds the `by (le)` the seed's text lacks (without it
// histogram_quantile has no buckets and returns nothing). The seed's
// rate(x[5m]) becomes the 5-minute increase of slo.IncreaseExpr, the form
// the SLO engine uses (so the dashboard generator's copy of it cannot
// drift): on Prometheus 3 rate(x[5m]) at a scrape-aligned window end leaves
// out the window's first increment and extrapolates the rest, 5–10 % off per
// window; the ratio of increases is the ratio of rates over the window.
const allSel = `{job=~"claude-enhancer.*", environment=~".*", service=~".*"}`

var seedSLIs = map[string]string{
	"可用性 SLI": `(sum(up` + allSel + `) / count(up` + allSel + `)) * 100`,
	"延迟 SLI":  `histogram_quantile(0.95, sum by (le) (` + slo.IncreaseExpr(`auth_response_time_bucket`+allSel, 5*time.Minute) + `))`,
	"错误率 SLI": `(sum(` + slo.IncreaseExpr(`auth_requests_total{job=~"claude-enhancer.*", environment=~".*", service=~".*", status=~"5.."}`, 5*time.Minute) +
		`) / sum(` + slo.IncreaseExpr(`auth_requests_total`+allSel, 5*time.Minute) + `)) * 100`,
}

// slisOverHistory evaluates an SLI query at every 5-minute window end of the
// history (on the 15 s grid, so every window ends on a scrape, where the two
// range rules differ).
func slisOverHistory(t *testing.T, s *stack, g *groundTruth, expr string) map[int64]float64 {
	t.Helper()
	first, last := g.SLO.Windows.End[0], g.SLO.Windows.End[len(g.SLO.Windows.End)-1]
	out := map[int64]float64{}
	// query_range returns at most 11,000 points per series: ask a day at a time.
	for from := first; from <= last; from += 86400 {
		to := min(from+86400-300, last)
		r, err := s.QueryRange(expr, time.Unix(from, 0), time.Unix(to, 0), 5*time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Series) != 1 {
			t.Fatalf("%s: want one series, got %d", expr, len(r.Series))
		}
		for ts, v := range r.ByTime()[0] {
			out[int64(ts)] = v
		}
	}
	return out
}

// TestSLIsMatchGroundTruth compares the overview's SLI panels, every 5 minutes
// over the three days of history, with the generator's exact event counts.
//
// Tolerances: availability and error rate must match to 1e-9 relative (both
// sides are ratios of the same integers); P95 latency to 1e-9 relative against
// histogram_quantile computed from the true bucket counts. Windows in which a
// process stops being scraped are excluded from the error and latency checks
// (marked inexact in the truth): a series back after a gap longer than the
// lookback starts from its first sample, as any PromQL increase does.
func TestSLIsMatchGroundTruth(t *testing.T) { shared.Each(t, testSLIsMatchGroundTruth) }

func testSLIsMatchGroundTruth(t *testing.T, s *stack) {
	g := s.Truth(t)
	overview := dashboardByUID(t, "ce-overview")
	w := g.SLO.Windows
	if len(w.End) < 3*24*12-12 {
		t.Fatalf("ground truth has %d windows, want about three days' worth", len(w.End))
	}
	for title, want := range seedSLIs {
		t.Run(title, func(t *testing.T) {
			for _, typ := range []string{"stat", "timeseries"} {
				if got := panelExpr(t, overview, typ, title); got != want {
					t.Errorf("%s panel %q runs\n%s\nwant the seed's\n%s", typ, title, got, want)
				}
			}
		})
	}

	t.Run("availability", func(t *testing.T) {
		got := slisOverHistory(t, s, g, seedSLIs["可用性 SLI"])
		compared, below := 0, 0
		for i, end := range w.End {
			want := 100 * w.UpAtEnd[i] / float64(g.SLO.Targets)
			v, ok := got[end]
			if !ok || !near(v, want, 1e-9) {
				t.Errorf("at %s: availability %v, ground truth %v", time.Unix(end, 0).UTC().Format(time.RFC3339), v, want)
				continue
			}
			compared++
			if want < 100 {
				below++
			}
		}
		t.Logf("%d windows compared, %d with a process down", compared, below)
	})

	t.Run("error rate", func(t *testing.T) {
		got := slisOverHistory(t, s, g, seedSLIs["错误率 SLI"])
		compared := 0
		for i, end := range w.End {
			if !w.Exact[i] || w.ErrorsTotal[i] == 0 {
				continue
			}
			want := 100 * w.ErrorsBad[i] / w.ErrorsTotal[i]
			if v := got[end]; !near(v, want, 1e-9) {
				t.Errorf("at %s: error rate %v%%, ground truth %v%% (%v of %v)", time.Unix(end, 0).UTC().Format(time.RFC3339), v, want, w.ErrorsBad[i], w.ErrorsTotal[i])
				continue
			}
			compared++
		}
		if compared < len(w.End)*9/10 {
			t.Errorf("only %d of %d windows compared", compared, len(w.End))
		}
		t.Logf("%d windows compared", compared)
	})

	t.Run("P95 latency", func(t *testing.T) {
		got := slisOverHistory(t, s, g, seedSLIs["延迟 SLI"])
		les := make([]string, 0, len(w.LatencyBuckets))
		for le := range w.LatencyBuckets {
			les = append(les, le)
		}
		bound := func(le string) float64 {
			if le == "+Inf" {
				return math.Inf(1)
			}
			f, _ := strconv.ParseFloat(le, 64)
			return f
		}
		sort.Slice(les, func(i, j int) bool { return bound(les[i]) < bound(les[j]) })
		compared, over := 0, 0
		for i, end := range w.End {
			if !w.Exact[i] || w.LatencyTotal[i] == 0 {
				continue
			}
			bounds := make([]float64, len(les))
			cum := make([]float64, len(les))
			for b, le := range les {
				bounds[b], cum[b] = bound(le), w.LatencyBuckets[le][i]
			}
			want := bucketQuantile(0.95, bounds, cum)
			if v := got[end]; !near(v, want, 1e-9) {
				t.Errorf("at %s: P95 %v s, from the true buckets %v s", time.Unix(end, 0).UTC().Format(time.RFC3339), v, want)
				continue
			}
			compared++
			if want > 0.2 {
				over++
			}
		}
		if compared < len(w.End)*9/10 {
			t.Errorf("only %d of %d windows compared", compared, len(w.End))
		}
		t.Logf("%d windows compared, %d over the 200 ms target", compared, over)
	})

	// The stats "over the time range" with the range set to the whole history:
	// event counts over (start, end] must equal the truth's totals. They sum
	// per-scrape increases, which neither extrapolate nor depend on the range
	// rule, so a process down at either end changes nothing.
	t.Run("over the whole history", func(t *testing.T) {
		span := time.Duration(g.End-g.Start) * time.Second
		at := time.Unix(g.End, 0)
		t.Logf("a process down at the range's start: %v, at its end: %v", g.downAt(g.Start), g.downAt(g.End))
		tol := 1e-9
		tot := g.SLO.Totals
		for _, c := range []struct {
			prefix string
			want   float64
			tol    float64
		}{
			{"Availability over the time range", tot.UpSamples / tot.Samples, 1e-12},
			{"Requests ≤ 200 ms over the time range", tot.LatencyGood / tot.LatencyTotal, tol},
			{"5xx over the time range", tot.ErrorsBad / tot.ErrorsTotal, tol},
		} {
			expr := expandMacros(panelExpr(t, overview, "stat", c.prefix), grafanaInterval(span), span)
			r, err := s.Query(expr, at)
			if err != nil {
				t.Fatal(err)
			}
			if pts := r.Points(); len(pts) != 1 || !near(pts[0], c.want, c.tol) {
				t.Errorf("%s: %v, ground truth %v (tolerance %g)\n%s", c.prefix, pts, c.want, c.tol, expr)
			} else {
				t.Logf("%s: %.6f", c.prefix, pts[0])
			}
		}
	})
}

// bucketQuantile is Prometheus' histogram_quantile on cumulative counts.
func bucketQuantile(q float64, bounds, cum []float64) float64 {
	n := len(cum)
	total := cum[n-1]
	if total == 0 {
		return math.NaN()
	}
	rank := q * total
	b := sort.Search(n-1, func(i int) bool { return cum[i] >= rank })
	if b == n-1 {
		return bounds[n-2]
	}
	start, below := 0.0, 0.0
	if b > 0 {
		start, below = bounds[b-1], cum[b-1]
	}
	return start + (bounds[b]-start)*((rank-below)/(cum[b]-below))
}

// near reports |got − want| ≤ tol·|want| (exact equality when want is 0).
func near(got, want, tol float64) bool {
	if want == 0 {
		return got == 0 || math.Abs(got) <= tol
	}
	return math.Abs(got-want) <= tol*math.Abs(want)
}
