package integration

import (
	"math"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/claudeenhancer/monitoring/internal/testenv"
)

// TestAlertRuleAndPanelAgreeAtT is the promise behind the fixed detector
// step and warm-up: an alert rule evaluating at t (score output over the
// last 10 minutes, MaxDataPoints 43,200 and a 1 s interval, as Grafana's
// rule evaluator sends) sees the verdict a dashboard panel showing the day
// up to t (bands output) shows at t.
//
// For the methods whose verdict depends only on a finite window before the
// point (zscore, robust, seasonal: w points, plus k seasons for seasonal),
// both queries fetch that window, so the verdicts must be equal; robust and
// seasonal are order statistics of the window's contents and must be equal
// bit for bit; zscore keeps running sums whose rounding depends on how many
// points went through them, so its score must agree to 1e-9 (relative) and
// its verdict exactly. EWMA remembers its whole history with weight
// (1 − α)ⁿ; its warm-up adds the points that bring the weight of where the
// fetch began below 1e-6, so its score must agree to 1e-4 (relative) and its
// verdict exactly. Holt-Winters learns its seasonal profile from the first
// two seasons of the fetch and keeps it with weight 0.9 per season: it
// cannot forget within the history a query may fetch, so its difference is
// logged, not asserted.
//
// The panel is compared at full resolution (MaxDataPoints above its 1,441
// points) and thinned to 1,000 points, where each alert point's bucket must
// show at least its score: thinning keeps the highest score of a bucket.
func TestAlertRuleAndPanelAgreeAtT(t *testing.T) {
	forEachAnomalyServer(t, testAlertRuleAndPanelAgreeAtT)
}

func testAlertRuleAndPanelAgreeAtT(t *testing.T, fx *testenv.Anomaly, run func(detectionQuery) data.Frames) {
	points := []struct {
		name, series string
		at           time.Time
	}{
		{"inside the spike", "spike", fx.SpikeAt.Add(time.Minute)},
		{"inside the seasonal dip", "seasonal", fx.SeasonalAt.Add(10 * time.Minute)},
		{"on a clean series", "clean", fx.Start.Add(4*24*time.Hour + 5*time.Hour + 17*time.Minute)},
	}
	methods := []parityMethod{
		{"zscore", false, 1e-9},
		{"robust", true, 0},
		{"seasonal", true, 0},
		{"ewma", false, 1e-4},
		{"holtwinters", false, math.NaN()},
	}
	for _, m := range methods {
		for _, p := range points {
			t.Run(m.method+" "+p.name, func(t *testing.T) {
				// Every point outside the band flagged (persistence 1/1, as the
				// provisioned anomaly rules set it), so the alert score is the
				// panel's score itself; TestAlertScoreCarriesPersistence covers k/n.
				opts := map[string]any{"method": m.method, "window": "1h", "persistence": "1/1"}
				if m.method == "seasonal" || m.method == "holtwinters" {
					opts["season"] = "1d"
				}
				expr := caseExpr(p.series)
				if p.series == "clean" {
					expr = `ce_anomaly_case{case="clean",replica="0"}`
				}
				alert := run(detectionQuery{
					Type: "anomaly", Expr: expr, Options: with(opts, "output", "score"),
					From: p.at.Add(-10 * time.Minute), To: p.at, MaxDataPoints: 43200, Interval: time.Second,
				})
				full := run(detectionQuery{
					Type: "anomaly", Expr: expr, Options: with(opts, "output", "bands"),
					From: p.at.Add(-24 * time.Hour), To: p.at, MaxDataPoints: 2000,
				})
				thinned := run(detectionQuery{
					Type: "anomaly", Expr: expr, Options: with(opts, "output", "bands"),
					From: p.at.Add(-24 * time.Hour), To: p.at, MaxDataPoints: 1000,
				})
				if len(alert) != 1 || len(full) != 1 || len(thinned) != 1 {
					t.Fatalf("%d, %d and %d frames, want one series each", len(alert), len(full), len(thinned))
				}
				times, scores := readScores(t, alert[0])
				if len(times) != 11 || !times[len(times)-1].Equal(p.at) {
					t.Fatalf("alert points %d ending %v, want 11 ending at t = %v", len(times), times[len(times)-1], p.at)
				}
				panel := readBands(t, full[0])
				if len(panel) != 1441 {
					t.Fatalf("full-resolution panel has %d points, want 1,441", len(panel))
				}
				byTime := map[time.Time]bandPoint{}
				for _, b := range panel {
					byTime[b.Time] = b
				}
				var maxDiff float64
				for i, at := range times {
					b, ok := byTime[at]
					if !ok {
						t.Fatalf("panel has no point at %v", at)
					}
					s := scores[i]
					d := math.Abs(s - b.Score)
					if math.IsNaN(s) != math.IsNaN(b.Score) {
						d = math.Inf(1)
					} else if math.IsNaN(s) || s == b.Score {
						d = 0
					}
					maxDiff = max(maxDiff, d/math.Max(1, math.Abs(b.Score)))
					switch {
					case m.exact && math.Float64bits(s) != math.Float64bits(b.Score):
						t.Errorf("at %v: alert score %v, panel %v; want them bit for bit equal", at, s, b.Score)
					case !m.exact && !math.IsNaN(m.tol) && (d > m.tol*math.Max(1, math.Abs(b.Score)) || (s > 1) != b.Anomaly):
						t.Errorf("at %v: alert score %v (anomaly %v), panel %v (anomaly %v); want within %g and the same verdict",
							at, s, s > 1, b.Score, b.Anomaly, m.tol)
					}
				}
				atT := byTime[times[len(times)-1]]
				t.Logf("at t: alert score %.6g, panel score %.6g (anomaly %v); max relative difference over the 11 alert points %.3g",
					scores[len(scores)-1], atT.Score, atT.Anomaly, maxDiff)

				// Thinned: 1,441 points in buckets of 2. Each alert point's
				// bucket shows the highest full-resolution score in it, so
				// at least the score at that point.
				thin := readBands(t, thinned[0])
				if len(thin) > 1000 {
					t.Fatalf("thinned panel has %d points, want ≤ 1,000", len(thin))
				}
				per := (len(panel) + 999) / 1000
				for _, at := range times {
					i := int(at.Sub(panel[0].Time) / time.Minute)
					shown := thin[i/per]
					best := panel[i/per*per]
					for _, b := range panel[i/per*per : min(i/per*per+per, len(panel))] {
						if b.Score > best.Score || math.IsNaN(best.Score) {
							best = b
						}
					}
					if !shown.Time.Equal(best.Time) || !sameFloat(shown.Score, best.Score) {
						t.Errorf("bucket of %v shows %v score %v, want the bucket's highest, %v at %v", at, shown.Time, shown.Score, best.Score, best.Time)
					}
					if s := panel[i].Score; !math.IsNaN(s) && shown.Score < s {
						t.Errorf("at %v: the thinned bucket shows score %v below the point's %v", at, shown.Score, s)
					}
				}
			})
		}
	}
}

type parityMethod struct {
	method string
	exact  bool    // bit-for-bit equality required
	tol    float64 // relative score tolerance otherwise; NaN: report only
}

// TestAlertScoreCarriesPersistence: with persistence k/n the panel flags a
// point only once k of the last n are outside the band, and the score
// output an alert rule thresholds must say the same, or a rule would fire on
// the first minute of a spike the panel does not flag. The two-minute spike
// with persistence 2/3: its first minute is outside the band but not yet
// anomalous, its second is both.
func TestAlertScoreCarriesPersistence(t *testing.T) {
	forEachAnomalyServer(t, testAlertScoreCarriesPersistence)
}

func testAlertScoreCarriesPersistence(t *testing.T, fx *testenv.Anomaly, run func(detectionQuery) data.Frames) {
	opts := map[string]any{"method": "robust", "window": "1h", "persistence": "2/3"}
	from, to := fx.SpikeAt.Add(-10*time.Minute), fx.SpikeAt.Add(5*time.Minute)
	alert := run(detectionQuery{Type: "anomaly", Expr: caseExpr("spike"), Options: with(opts, "output", "score"), From: from, To: to, MaxDataPoints: 43200, Interval: time.Second})
	panel := run(detectionQuery{Type: "anomaly", Expr: caseExpr("spike"), Options: with(opts, "output", "bands"), From: from, To: to, MaxDataPoints: 43200})
	if len(alert) != 1 || len(panel) != 1 {
		t.Fatalf("%d and %d frames, want one series each", len(alert), len(panel))
	}
	times, scores := readScores(t, alert[0])
	bands := readBands(t, panel[0])
	if len(times) != len(bands) {
		t.Fatalf("%d alert points, %d panel points", len(times), len(bands))
	}
	for i, b := range bands {
		if !times[i].Equal(b.Time) || (scores[i] > 1) != b.Anomaly {
			t.Errorf("at %v: alert score %v, panel score %v anomaly %v; want score > 1 exactly when anomalous", b.Time, scores[i], b.Score, b.Anomaly)
		}
		if b.Time.Equal(fx.SpikeAt) && !(b.Score > 1 && !b.Anomaly && scores[i] == 1) {
			t.Errorf("spike's first minute: panel score %v anomaly %v, alert %v; want outside the band, not anomalous, alert 1", b.Score, b.Anomaly, scores[i])
		}
		if b.Time.Equal(fx.SpikeAt.Add(time.Minute)) && !(b.Anomaly && scores[i] == b.Score) {
			t.Errorf("spike's second minute: panel anomaly %v score %v, alert %v; want anomalous with the panel's score", b.Anomaly, b.Score, scores[i])
		}
	}
}
