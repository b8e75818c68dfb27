package detect

import (
	"errors"
	"math"
	"testing"
)

func TestLeaveCurrentOutLetsASpikeFireInASmallWindow(t *testing.T) {
	// With the point inside its own 10-point window |z| ≤ 9/√10 = 2.85, so
	// z > 3 could never fire (|z| ≤ (n − 1)/√n: Shiffler, "Maximum Z Scores
	// and Outliers", The American Statistician 42(1), 1988). Leave-current-out
	// must fire.
	xs := []float64{1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 100}
	pts, err := Run(xs, Options{Window: 10})
	if err != nil {
		t.Fatal(err)
	}
	last := pts[len(pts)-1]
	if !last.Anomaly || last.Score <= 1 || last.Yhat != 1.5 {
		t.Errorf("spike verdict %+v, want an anomaly against mean 1.5", last)
	}
	for _, p := range pts[:10] {
		if !math.IsNaN(p.Score) {
			t.Errorf("warm-up point scored %v, want NaN", p.Score)
		}
	}
}

func TestScoreAboveOneIffOutsideTheBand(t *testing.T) {
	xs := noise(3, 2000)
	xs[1500] += 8
	for _, o := range allMethods() {
		t.Run(string(o.Method), func(t *testing.T) {
			pts, err := Run(xs, o)
			if err != nil {
				t.Fatal(err)
			}
			for i, p := range pts {
				if math.IsNaN(p.Score) {
					continue
				}
				outside := p.Value > p.Upper || p.Value < p.Lower
				if (p.Score > 1) != outside && !near(p.Score, 1, 1e-9) {
					t.Fatalf("point %d: score %v but value %v vs band [%v, %v]", i, p.Score, p.Value, p.Lower, p.Upper)
				}
				if p.Anomaly != (p.Score > 1) {
					t.Fatalf("point %d: anomaly %v with score %v", i, p.Anomaly, p.Score)
				}
			}
			if !pts[1500].Anomaly {
				t.Errorf("an 8σ spike was not flagged: %+v", pts[1500])
			}
		})
	}
}

func TestConstantSeriesHasNoAnomalies(t *testing.T) {
	xs := make([]float64, 500)
	for i := range xs {
		xs[i] = 42
	}
	for _, o := range allMethods() {
		t.Run(string(o.Method)+" flags nothing on a flat line", func(t *testing.T) {
			pts, _ := Run(xs, o)
			for i, p := range pts {
				if p.Anomaly || (!math.IsNaN(p.Score) && p.Score != 0) {
					t.Fatalf("point %d: %+v", i, p)
				}
			}
		})
	}
}

func TestScoresAreShiftAndScaleInvariant(t *testing.T) {
	xs := daily(4, 600, 24)
	xs[400] += 3
	ys := make([]float64, len(xs))
	for i, x := range xs {
		ys[i] = 1000 + 7*x
	}
	for _, o := range allMethods() {
		t.Run(string(o.Method)+" gives the same scores for 1000 + 7x", func(t *testing.T) {
			a, _ := Run(xs, o)
			b, _ := Run(ys, o)
			for i := range a {
				if !near(a[i].Score, b[i].Score, 1e-6) || a[i].Anomaly != b[i].Anomaly {
					t.Fatalf("point %d: %v vs %v", i, a[i].Score, b[i].Score)
				}
			}
		})
	}
}

func TestVerdictsDependOnlyOnThePrefix(t *testing.T) {
	xs := daily(5, 300, 24)
	for _, o := range allMethods() {
		t.Run(string(o.Method)+" is a pure function of the stream prefix", func(t *testing.T) {
			full, _ := Run(xs, o)
			part, _ := Run(xs[:200], o)
			for i := range part {
				if !near(part[i].Score, full[i].Score, 0) {
					t.Fatalf("point %d: %v on the prefix, %v on the full series", i, part[i].Score, full[i].Score)
				}
			}
		})
	}
}

func TestGapsYieldNaNAndDoNotEnterTheBaseline(t *testing.T) {
	// A gap is a missing point: the verdicts after it must be those of the
	// same series with the point deleted (the gap-free run), shifted by one,
	// and the verdicts before it those of the series without a gap.
	const gap = 250
	xs := noise(6, 300)
	withGap := append([]float64(nil), xs...)
	withGap[gap] = math.NaN()
	deleted := append(append([]float64(nil), xs[:gap]...), xs[gap+1:]...)
	for _, o := range allMethods() {
		if o.Method == MethodSeasonal || o.Method == MethodHoltWinters {
			continue // a gap keeps its slot in their phase bookkeeping on purpose
		}
		t.Run(string(o.Method), func(t *testing.T) {
			full, _ := Run(xs, o)
			b, _ := Run(withGap, o)
			c, _ := Run(deleted, o)
			if !math.IsNaN(b[gap].Score) || !math.IsNaN(b[gap].Yhat) || b[gap].Anomaly {
				t.Errorf("gap verdict %+v", b[gap])
			}
			same := func(p, q Point) bool {
				return near(p.Yhat, q.Yhat, 1e-12) && near(p.Lower, q.Lower, 1e-12) &&
					near(p.Upper, q.Upper, 1e-12) && near(p.Score, q.Score, 1e-12) && p.Anomaly == q.Anomaly
			}
			for i := range gap {
				if !same(b[i], full[i]) {
					t.Fatalf("point %d before the gap: %+v, without a gap %+v", i, b[i], full[i])
				}
			}
			for i := gap + 1; i < len(b); i++ {
				if math.IsNaN(b[i].Score) || !same(b[i], c[i-1]) {
					t.Fatalf("point %d after the gap: %+v, with the gap's point deleted %+v", i, b[i], c[i-1])
				}
			}
		})
	}
}

func TestDirectionAndFloor(t *testing.T) {
	xs := []float64{1, 2, 1, 2, 1, 2, 1, 2, 1, 2, -100, 100, 1.6}
	tests := []struct {
		name string
		o    Options
		want []bool // verdicts of the last three points
	}{
		{"both directions flag the drop and the spike", Options{Window: 10}, []bool{true, true, false}},
		{"up ignores the drop", Options{Window: 10, Direction: Up}, []bool{false, true, false}},
		{"down ignores the spike", Options{Window: 10, Direction: Down}, []bool{true, false, false}},
		{"a floor of 500 hides both", Options{Window: 10, MinDeviation: 500}, []bool{false, false, false}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pts, err := Run(xs, tc.o)
			if err != nil {
				t.Fatal(err)
			}
			for j, w := range tc.want {
				if got := pts[10+j].Anomaly; got != w {
					t.Errorf("point %d: anomaly %v, want %v (%+v)", 10+j, got, w, pts[10+j])
				}
			}
		})
	}
}

func TestPersistenceNeedsKOfN(t *testing.T) {
	xs := []float64{1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 50, 1.5, 1.5, 50, 50}
	pts, _ := Run(xs, Options{Method: MethodRobust, Window: 10, Persistence: Persistence{K: 2, N: 3}})
	want := []bool{false, false, false, false, true}
	for j, w := range want {
		if pts[10+j].Anomaly != w {
			t.Errorf("point %d: anomaly %v, want %v", 10+j, pts[10+j].Anomaly, w)
		}
	}
}

func TestBadOptionsAreTypedErrors(t *testing.T) {
	tests := []struct {
		name string
		o    Options
		n    int
		want error
	}{
		{"a window of 1 point", Options{Window: 1}, 100, ErrWindow},
		{"a negative threshold", Options{Threshold: -1}, 100, ErrThreshold},
		{"an infinite threshold", Options{Threshold: math.Inf(1)}, 100, ErrThreshold},
		{"an unknown method", Options{Method: "prophet"}, 100, ErrMethod},
		{"an unknown direction", Options{Direction: 7}, 100, ErrDirection},
		{"a seasonal method without a season", Options{Method: MethodSeasonal}, 100, ErrSeason},
		{"a season longer than half the range", Options{Method: MethodHoltWinters, Season: 60}, 100, ErrSeason},
		{"alpha above 1", Options{Method: MethodEWMA, Alpha: 1.5}, 100, ErrParameter},
		{"persistence 3 of 2", Options{Persistence: Persistence{K: 3, N: 2}}, 100, ErrParameter},
		{"a negative floor", Options{MinDeviation: -1}, 100, ErrParameter},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Run(make([]float64, tc.n), tc.o)
			if !errors.Is(err, tc.want) {
				t.Errorf("err = %v, want %v", err, tc.want)
			}
		})
	}
	if _, err := ParseMethod("ZScore"); err != nil {
		t.Errorf("method names are case-insensitive: %v", err)
	}
	if d, err := ParseDirection("below"); err != nil || d != Down {
		t.Errorf("ParseDirection(below) = %v, %v", d, err)
	}
}

func TestHoltWintersLearnsASeasonAndFlagsABreak(t *testing.T) {
	xs := daily(8, 24*20, 24)
	xs[24*15+5] += 2 // 20σ of the noise, within the seasonal range
	pts, err := Run(xs, Options{Method: MethodHoltWinters, Season: 24, Alpha: 0.2, Gamma: 0.2, Threshold: 4})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, p := range pts[24*5:] {
		if p.Anomaly {
			n++
		}
	}
	if !pts[24*15+5].Anomaly || n > 6 {
		t.Errorf("break flagged %v, %d anomalies after warm-up", pts[24*15+5].Anomaly, n)
	}
	d := newHoltWinters(0.2, 0.01, 0.2, 24, 2, band{k: 3})
	for _, x := range xs {
		d.Step(x)
	}
	y, lo, hi := d.ForecastBand(6, 2)
	want := 10 + 5*math.Sin(2*math.Pi*float64(len(xs)+5)/24)
	if math.Abs(y-want) > 0.3 || !(lo < y && y < hi) {
		t.Errorf("6-step forecast %v [%v, %v], want about %v", y, lo, hi, want)
	}
}

func TestSeasonalIgnoresTheDailyPatternButNotAnOffPhaseValue(t *testing.T) {
	xs := daily(9, 24*10, 24)
	xs[24*8+6] = 5 // the daily peak (15) replaced by the trough value
	o := Options{Method: MethodSeasonal, Season: 24, Seasons: 3, Window: 12}
	pts, _ := Run(xs, o)
	if !pts[24*8+6].Anomaly {
		t.Errorf("off-phase value not flagged: %+v", pts[24*8+6])
	}
	ev := Events(pts, o)
	found := false
	for _, e := range ev {
		if e.Peak == 24*8+6 {
			found = true
			if e.Direction != Down || len(e.References) != 3 || math.Abs(e.References[0]-15) > 1 {
				t.Errorf("event %+v", e)
			}
		}
	}
	if !found {
		t.Errorf("no event at the anomaly; events %+v", ev)
	}
}
