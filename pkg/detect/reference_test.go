package detect

import (
	"math"
	"testing"
)

// TestZScoreBandIsThreeSampleStandardDeviations checks the default method's
// band against a value worked out by hand. The window 2, 4, 4, 4, 5, 5, 7, 9
// has mean 5 and Σ(x − 5)² = 9+1+1+1+0+0+4+16 = 32, so its sample standard
// deviation s = √(Σ(x − x̄)²/(N − 1)) (NIST/SEMATECH e-Handbook of
// Statistical Methods, §1.3.5.6, "Measures of Scale") is √(32/7) ≈ 2.13809;
// the population σ = √(32/8) = 2 would give a band of ±6 instead of
// ±6.41427. Repeating the eight values makes every 8-point window a
// permutation of them, so every judged point has the same band, through the
// column kernel's sequential and vector paths, RunBands and Step alike.
func TestZScoreBandIsThreeSampleStandardDeviations(t *testing.T) {
	period := []float64{2, 4, 4, 4, 5, 5, 7, 9}
	var xs []float64
	for range 70 { // 560 points: more than two of Run's 256-point chunks
		xs = append(xs, period...)
	}
	const mean = 5.0
	half := 3 * math.Sqrt(32.0/7) // DefaultThreshold sample standard deviations
	check := func(t *testing.T, i int, p Point) {
		t.Helper()
		score := math.Abs(xs[i]-mean) / half
		if !near(p.Yhat, mean, 1e-12) || !near(p.Upper-p.Yhat, half, 1e-12) || !near(p.Yhat-p.Lower, half, 1e-12) || !near(p.Score, score, 1e-12) {
			t.Fatalf("point %d (%v): yhat %v, band [%v, %v], score %v; want %v ± %v, score %v",
				i, xs[i], p.Yhat, p.Lower, p.Upper, p.Score, mean, half, score)
		}
	}
	o := Options{Window: len(period)}
	t.Run("Run", func(t *testing.T) {
		pts, err := Run(xs, o)
		if err != nil {
			t.Fatal(err)
		}
		for i := len(period); i < len(xs); i++ {
			check(t, i, pts[i])
		}
	})
	t.Run("RunBands", func(t *testing.T) {
		out := MakeBands(len(xs))
		if err := RunBands(xs, o, out); err != nil {
			t.Fatal(err)
		}
		for i := len(period); i < len(xs); i++ {
			check(t, i, out.Point(i, xs[i]))
		}
	})
	t.Run("Step", func(t *testing.T) {
		d, err := newDetector(o)
		if err != nil {
			t.Fatal(err)
		}
		for i, x := range xs {
			if p := d.Step(x); i >= len(period) {
				check(t, i, p)
			}
		}
	})
}

// TestDirectionFlagsOnlyItsSide runs every method over a daily pattern with
// one spike far above it and one dip far below, at different phases: both
// directions flag both, "up" only the spike, "down" only the dip, and every
// event's direction names the side of the baseline its peak is on.
func TestDirectionFlagsOnlyItsSide(t *testing.T) {
	const spike, dip = 24*15 + 5, 24*17 + 11
	xs := daily(11, 24*20, 24)
	xs[spike] += 40
	xs[dip] -= 40
	cases := []struct {
		dir            Direction
		spikeAn, dipAn bool
	}{
		{Both, true, true},
		{Up, true, false},
		{Down, false, true},
	}
	for _, base := range allMethods() {
		for _, c := range cases {
			o := base
			o.Direction = c.dir
			t.Run(string(o.Method)+" "+c.dir.String(), func(t *testing.T) {
				pts, err := Run(xs, o)
				if err != nil {
					t.Fatal(err)
				}
				if pts[spike].Anomaly != c.spikeAn || pts[dip].Anomaly != c.dipAn {
					t.Fatalf("spike flagged %v (want %v): %+v; dip flagged %v (want %v): %+v",
						pts[spike].Anomaly, c.spikeAn, pts[spike], pts[dip].Anomaly, c.dipAn, pts[dip])
				}
				for _, e := range Events(pts, o) {
					if e.Peak == spike && e.Direction != Up || e.Peak == dip && e.Direction != Down {
						t.Errorf("event at %d has direction %v", e.Peak, e.Direction)
					}
					if c.dir != Both && e.Direction != c.dir {
						t.Errorf("direction %v reported a %v event at %d: %+v", c.dir, e.Direction, e.Peak, e)
					}
				}
			})
		}
	}
}
