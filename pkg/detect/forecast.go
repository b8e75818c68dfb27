package detect

import "math"

// Forecast is a series' history with its fitted band, extended over a
// horizon: columns of len(history) + horizon, Value NaN past the history
// and Score NaN where it is not defined (past the history, a gap, a band
// of zero width for the line).
type Forecast struct {
	Value, Yhat, Lower, Upper, Score []float64
	// ETA is the time, in the unit of the step given, from the last
	// history value until the forecast reaches the threshold: 0 when it is already there, +Inf
	// when it never does or no threshold is set.
	ETA float64
}

func newForecast(n int) Forecast {
	return Forecast{Value: make([]float64, n), Yhat: make([]float64, n), Lower: make([]float64, n),
		Upper: make([]float64, n), Score: make([]float64, n)}
}

// NormalQuantile is Φ⁻¹(p), the standard normal quantile: the z with
// P(Z ≤ z) = p. NaN for p outside (0, 1). The start, −√2·erfc⁻¹(2p), loses
// digits in the far tail (Go computes Erfcinv(x) as Erfinv(1 − x)); two
// Newton steps on Φ(z) − p, with Φ from NormalSF on the side where it has
// no cancellation, bring it to full precision.
func NormalQuantile(p float64) float64 {
	if !(p > 0 && p < 1) {
		return math.NaN()
	}
	z := -math.Sqrt2 * math.Erfcinv(2*p)
	for range 2 {
		var diff float64 // Φ(z) − p
		if z < 0 {
			diff = NormalSF(-z) - p
		} else {
			diff = (1 - p) - NormalSF(z) // 1 − p is exact for p ≥ ½
		}
		z -= diff / (math.Exp(-z*z/2) / math.Sqrt(2*math.Pi))
	}
	return z
}

// ForecastLinear fits a least-squares line to values (one per step, NaN
// for gaps; step in the unit ETA is wanted in, seconds for the plugin) and extends it over horizon steps with its prediction interval
// at level (Linear.Interval). Over the history, Score is |value − ŷ| in
// interval half-widths (> 1 outside the band). ok is false when there are
// too few values to fit, as Prometheus' predict_linear leaves such a series
// out. With a threshold, ETA is timeToThreshold's.
func ForecastLinear(values []float64, step float64, horizon int, level float64, threshold *float64) (f Forecast, ok bool) {
	ts := make([]float64, len(values))
	for i := range ts {
		ts[i] = float64(i) * step
	}
	lin, err := FitLinear(ts, values)
	if err != nil {
		return Forecast{}, false
	}
	f = newForecast(len(ts) + horizon)
	predict := lin.Interval(level)
	for i := range f.Value {
		yhat, lo, hi := predict(float64(i) * step)
		f.Value[i], f.Yhat[i], f.Lower[i], f.Upper[i], f.Score[i] = math.NaN(), yhat, lo, hi, math.NaN()
		if i < len(ts) {
			f.Value[i] = values[i]
			if h := (hi - lo) / 2; h > 0 && !math.IsNaN(values[i]) {
				f.Score[i] = math.Abs(values[i]-yhat) / h
			}
		}
	}
	f.ETA = timeToThreshold(lin, threshold, level, values, ts[len(ts)-1])
	return f, true
}

// timeToThreshold is the time from the last sample until the fitted line
// reaches the threshold: 0 when already there, +Inf when it never does (or
// no threshold is set). values are the training samples (NaN for gaps).
func timeToThreshold(lin Linear, threshold *float64, level float64, values []float64, last float64) float64 {
	if threshold == nil {
		return math.Inf(1)
	}
	theta := *threshold
	if c, ok := lin.TimeToThreshold(theta, last, level); ok {
		return c.At - last
	}
	// Not ahead: the line is flat or moves away from θ. It is already there
	// when the series reached θ within the training range; otherwise it
	// moves away from a threshold it never reached (a disk at 80 % emptying,
	// against 90 %) and never will. Every line that moves away crossed θ at
	// some time in the past, so the training range decides, not the
	// direction; and its samples decide, not the fitted line, which
	// overshoots a step: the line through a disk cleaned from 91 % to 56 %
	// within the range starts above 100 %, a level no sample came near.
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range values {
		if !math.IsNaN(v) {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	if lo <= theta && theta <= hi {
		return 0
	}
	return math.Inf(1)
}

// ForecastHoltWinters runs hw over values (bands over the history, as for
// an anomaly query) and extends it over horizon steps with the ETS(A,A,A)
// prediction interval at level (ForecastBands with the normal quantile).
// ETA, with a threshold, is the time (step per value) to the first
// forecast step whose ŷ reaches it from the last value, 0 when the last
// value is the threshold.
func ForecastHoltWinters(hw *HoltWinters, values []float64, step float64, horizon int, level float64, threshold *float64) Forecast {
	n := len(values)
	f := newForecast(n + horizon)
	for i, x := range values {
		p := hw.Step(x)
		f.Value[i], f.Yhat[i], f.Lower[i], f.Upper[i], f.Score[i] = p.Value, p.Yhat, p.Lower, p.Upper, p.Score
	}
	k := NormalQuantile((1 + level) / 2)
	hw.ForecastBands(k, f.Yhat[n:], f.Lower[n:], f.Upper[n:])
	f.ETA = math.Inf(1)
	last := values[n-1]
	for i := n; i < n+horizon; i++ {
		f.Value[i], f.Score[i] = math.NaN(), math.NaN()
		if threshold != nil && math.IsInf(f.ETA, 1) && crosses(last, f.Yhat[i], *threshold) {
			f.ETA = float64(i-n+1) * step
		}
	}
	if threshold != nil && !math.IsNaN(last) && last == *threshold {
		f.ETA = 0
	}
	return f
}

// crosses reports whether going from `from` to `to` reaches theta.
func crosses(from, to, theta float64) bool {
	return (from <= theta && to >= theta) || (from >= theta && to <= theta)
}
