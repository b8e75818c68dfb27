package detect

import "math"

// ZScore is the seed's z-score made sound: the baseline is the mean and
// sample standard deviation of the w points *before* the tested one
// (leave-current-out), so z = (x − μ)/σ is not capped at (w−1)/√w.
//
// Verdict: Yhat = μ, band μ ± max(k·σ, floor), Score = |x − μ|/(band half-width).
// Warm-up: NaN verdicts until w points have been seen. NaN points are gaps
// (NaN verdict, baseline untouched). O(1) per point, O(w) memory.
type ZScore struct {
	roll *Rolling
	b    band
}

func newZScore(w int, b band) *ZScore {
	r, _ := NewRolling(w)
	return &ZScore{roll: r, b: b}
}

// Step returns the verdict for x and then adds x to the window.
func (d *ZScore) Step(x float64) Point {
	if math.IsNaN(x) {
		return warmup(x)
	}
	var p Point
	if d.roll.n == len(d.roll.buf) {
		p = d.b.eval(x, d.roll.mean+d.roll.shift, math.Sqrt(d.roll.m2*d.roll.invm1()))
	} else {
		p = warmup(x)
	}
	d.roll.Push(x)
	return p
}

func (r *Rolling) invm1() float64 { return 1 / float64(r.n-1) }
