package detect

import "math"

// moments turns a full window's running sums S = Σ(x − K) and
// Q = Σ(x − K)² into μ = K + S/w and σ² = max(Q − S·S/w, 0)/(w − 1).
type moments struct{ shift, invw, invwm1 float64 }

// finishGo completes column verdicts from the sums in out.Yhat (S, NaN for
// a gap) and out.Score (Q): it is eval(x, μ, σ) for every point of xs, with
// Anomaly = Score > 1. finishVector computes the same bits four points at a
// time: IEEE square root and division are correctly rounded in every lane.
func (b band) finishGo(xs []float64, out Bands, m moments) {
	yh, lo, up, sc, an := out.Yhat[:len(xs)], out.Lower[:len(xs)], out.Upper[:len(xs)], out.Score[:len(xs)], out.Anomaly[:len(xs)]
	k, floor := b.k, b.floor
	oneSided, up1 := b.dir != Both, b.dir == Up
	for i, x := range xs {
		sum := yh[i]
		mu := sum * m.invw
		m2 := sc[i] - sum*mu
		if m2 < 0 {
			m2 = 0
		}
		c := m.shift + mu
		h := k * math.Sqrt(m2*m.invwm1)
		if h < floor {
			h = floor
		}
		d := x - c
		dev := math.Abs(d)
		if oneSided && (d < 0) == up1 {
			dev = 0
		}
		s := dev / h
		ac, tiny := math.Abs(c), math.Abs(x)
		if ac > tiny {
			tiny = ac
		}
		switch {
		case c != c || h != h:
			c, h, s = math.NaN(), math.NaN(), math.NaN()
		case dev <= 1e-12*tiny && dev < inf:
			s = 0
		case h <= 1e-12*ac:
			s = inf
		}
		yh[i], lo[i], up[i], sc[i], an[i] = c, c-h, c+h, s, s > 1
	}
}
