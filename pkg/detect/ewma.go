package detect

import "math"

// EWMA tests each point against an exponentially weighted mean and variance
// of the earlier points (Finch 2009), state before the point:
//
//	δ = x − μ,  band = μ ± max(k·√v, floor)
//	μ ← μ + α·δ,  v ← (1 − α)·(v + α·δ²)
//
// Outlier resistance: a point outside the band updates the state with its
// winsorised value μ ± k·√v, so a spike does not widen the band; after
// maxWinsor consecutive outside points the level is accepted as new (the
// agile/robust trade-off). α = 2/(N+1) matches an N-point mean.
// Warm-up: the first `init` points seed μ and v (Welford); no verdicts until
// then. NaN points are gaps. O(1) per point.
type EWMA struct {
	alpha  float64
	init   int
	n      int
	mean   float64
	m2     float64 // Welford during warm-up, then v
	v      float64
	winsor int
	b      band
}

// maxWinsor is how many consecutive out-of-band points are winsorised before
// the detector accepts a level shift.
const maxWinsor = 5

func newEWMA(alpha float64, init int, b band) *EWMA {
	return &EWMA{alpha: alpha, init: init, b: b}
}

// Step returns the verdict for x and then updates the state.
func (d *EWMA) Step(x float64) Point {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return warmup(x)
	}
	if d.n < d.init {
		d.n++
		delta := x - d.mean
		d.mean += delta / float64(d.n)
		d.m2 += delta * (x - d.mean)
		if d.n == d.init {
			d.v = d.m2 / float64(max(d.n-1, 1))
		}
		return warmup(x)
	}
	sd := math.Sqrt(d.v)
	p := d.b.eval(x, d.mean, sd)
	u := x
	if p.Score > 1 && d.winsor < maxWinsor {
		d.winsor++
		u = math.Min(math.Max(x, p.Lower), p.Upper)
	} else if p.Score <= 1 {
		d.winsor = 0
	}
	delta := u - d.mean
	d.mean += d.alpha * delta
	d.v = (1 - d.alpha) * (d.v + d.alpha*delta*delta)
	return p
}
