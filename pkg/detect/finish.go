package detect

import "math"

// moments turns a full window's running sums S = Σ(x − K) and
// Q = Σ(x − K)² into μ = K + S/w and σ² = max(Q − S·S/w, 0)/(w − 1).
type moments struct{ shift, invw, invwm1 float64 }

// fromSums is the verdict for x against a full window with sums S and Q
// (S = NaN for a gap): centre c, half-width h and score s, as eval(x, μ, σ).
func (b band) fromSums(x, sum, sq float64, m moments) (c, h, s float64) {
	mu := sum * m.invw
	m2 := sq - sum*mu
	if m2 < 0 {
		m2 = 0
	}
	c = m.shift + mu
	h = b.k * math.Sqrt(m2*m.invwm1)
	if h < b.floor {
		h = b.floor
	}
	d := x - c
	dev := math.Abs(d)
	if b.dir != Both && (d < 0) == (b.dir == Up) {
		dev = 0
	}
	s = dev / h
	ac, tiny := math.Abs(c), math.Abs(x)
	if ac > tiny {
		tiny = ac
	}
	switch {
	case c != c || h != h:
		return math.NaN(), math.NaN(), math.NaN()
	case dev <= 1e-12*tiny && dev < inf:
		s = 0
	case h <= 1e-12*ac:
		s = inf
	}
	return c, h, s
}

// finish completes column verdicts from the sums in out.Yhat (S) and
// out.Score (Q), with Anomaly = Score > 1. The columns are resliced to
// len(xs) first, so the loop body has no bounds checks
// (go build -gcflags=-d=ssa/check_bce reports only the reslicing).
func (b band) finish(xs []float64, out Bands, m moments) {
	yh, lo, up, sc, an := out.Yhat[:len(xs)], out.Lower[:len(xs)], out.Upper[:len(xs)], out.Score[:len(xs)], out.Anomaly[:len(xs)]
	for i, x := range xs {
		c, h, s := b.fromSums(x, yh[i], sc[i], m)
		yh[i], lo[i], up[i], sc[i], an[i] = c, c-h, c+h, s, s > 1
	}
}
