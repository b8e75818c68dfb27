package detect

import (
	"fmt"
	"math"

	"github.com/claudeenhancer/monitoring/pkg/internal/kahan"
)

// Linear is an ordinary least-squares line y = a + b·t fitted to (t, y)
// pairs, with what its prediction interval needs. t is in the caller's unit
// (seconds since an epoch, say); it is centred on its mean internally, so
// Unix-time abscissae lose no precision.
type Linear struct {
	Slope float64 // b, y units per t unit
	N     int     // points fitted
	tMean float64
	yMean float64 // a + b·tMean
	sxx   float64 // Σ(t − t̄)²
	s     float64 // residual standard error √(SSE/(n − 2))
}

// FitLinear fits y = a + b·t by ordinary least squares, with the textbook
// prediction interval (Montgomery, Peck & Vining, Introduction to Linear
// Regression Analysis, ch. 2):
//
//	b = Σ(t − t̄)(y − ȳ)/Σ(t − t̄)²,  a = ȳ − b·t̄,  s² = SSE/(n − 2)
//
// Pairs with a NaN are skipped. It needs three points with at least two
// distinct t (ErrShortSeries otherwise). len(t) must equal len(y).
func FitLinear(t, y []float64) (Linear, error) {
	if len(t) != len(y) {
		return Linear{}, fmt.Errorf("%w: %d abscissae for %d values", ErrParameter, len(t), len(y))
	}
	var st, sy kahan.Sum
	n := 0
	for i := range t {
		if !math.IsNaN(t[i]) && !math.IsNaN(y[i]) {
			st.Add(t[i])
			sy.Add(y[i])
			n++
		}
	}
	if n < 3 {
		return Linear{}, fmt.Errorf("%w: a line with an interval needs 3 points, got %d", ErrShortSeries, n)
	}
	l := Linear{N: n, tMean: st.Value() / float64(n), yMean: sy.Value() / float64(n)}
	var sxx, sxy kahan.Sum
	for i := range t {
		if !math.IsNaN(t[i]) && !math.IsNaN(y[i]) {
			dt := t[i] - l.tMean
			sxx.Add(dt * dt)
			sxy.Add(dt * (y[i] - l.yMean))
		}
	}
	l.sxx = sxx.Value()
	if l.sxx == 0 {
		return Linear{}, fmt.Errorf("%w: all points share one abscissa", ErrShortSeries)
	}
	l.Slope = sxy.Value() / l.sxx
	var sse kahan.Sum
	for i := range t {
		if !math.IsNaN(t[i]) && !math.IsNaN(y[i]) {
			r := y[i] - l.yMean - l.Slope*(t[i]-l.tMean)
			sse.Add(r * r)
		}
	}
	l.s = math.Sqrt(math.Max(sse.Value(), 0) / float64(n-2))
	return l, nil
}

// Predict returns ŷ(t₀) and its prediction interval at confidence level
// (0 < level < 1, e.g. 0.95):
//
//	ŷ ± t_{(1+level)/2, n−2} · s · √(1 + 1/n + (t₀ − t̄)²/Σ(t − t̄)²)
//
// NaN bounds for a level outside (0, 1).
func (l Linear) Predict(t0, level float64) (yhat, lower, upper float64) {
	return l.Interval(level)(t0)
}

// Interval is Predict at a fixed level as a function of t₀. The quantile,
// a bisection over the Student-t distribution (tens of µs), is computed
// once, so a band over many points costs a few ns per point.
func (l Linear) Interval(level float64) func(t0 float64) (yhat, lower, upper float64) {
	q := StudentTQuantile((1+level)/2, float64(l.N-2))
	return func(t0 float64) (yhat, lower, upper float64) {
		yhat = l.yMean + l.Slope*(t0-l.tMean)
		d := t0 - l.tMean
		h := q * l.s * math.Sqrt(1+1/float64(l.N)+d*d/l.sxx)
		return yhat, yhat - h, yhat + h
	}
}

// Crossing is when a forecast reaches a threshold.
type Crossing struct {
	At       float64 // t where the fitted line reaches the threshold
	Earliest float64 // t where the near edge of the prediction band reaches it
	Latest   float64 // t where the far edge reaches it; +Inf if it never does
}

// TimeToThreshold returns when the fitted line reaches theta, searching t
// after `from` (typically the last sample's t); ok is false when the line
// moves away from theta or is flat, or theta is already passed at from.
// The band edges are found by bisection on the prediction interval at the
// given level; an edge that is already past theta at `from` gives from.
func (l Linear) TimeToThreshold(theta, from, level float64) (c Crossing, ok bool) {
	y0 := l.yMean + l.Slope*(from-l.tMean)
	if l.Slope == 0 || math.IsNaN(theta) || (theta-y0)*l.Slope <= 0 {
		return Crossing{}, false
	}
	c.At = l.tMean + (theta-l.yMean)/l.Slope
	rising := l.Slope > 0
	// near(t) − θ changes sign once between from and At for the near edge.
	near := func(t float64) float64 {
		_, lo, hi := l.Predict(t, level)
		if rising {
			return hi - theta
		}
		return theta - lo
	}
	far := func(t float64) float64 {
		_, lo, hi := l.Predict(t, level)
		if rising {
			return lo - theta
		}
		return theta - hi
	}
	c.Earliest = bisectUp(near, from, c.At)
	// The far edge may never cross: the band widens as fast as the line moves.
	c.Latest = math.Inf(1)
	span := c.At - from
	for hi := c.At + span; hi < c.At+1e6*span; hi = c.At + 2*(hi-c.At) {
		if far(hi) >= 0 {
			c.Latest = bisectUp(far, c.At, hi)
			break
		}
	}
	return c, true
}

// bisectUp finds the first t in [lo, hi] with f(t) ≥ 0, f increasing there.
func bisectUp(f func(float64) float64, lo, hi float64) float64 {
	if f(lo) >= 0 {
		return lo
	}
	for range 100 {
		mid := (lo + hi) / 2
		if f(mid) >= 0 {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}
