package detect

import "math"

// Trend-change decision rule: a change is significant when Welch's test
// rejects equal means at 1 % AND the shift is at least half a standard
// deviation (Cohen's d ≥ 0.5, a "medium" effect in Cohen, Statistical
// Power Analysis for the Behavioral Sciences, 1988), so tiny but highly
// significant shifts of long, quiet series do not page anyone.
const (
	TrendAlpha     = 0.01
	TrendMinEffect = 0.5
	// CUSUMK and CUSUMH are the CUSUM reference value and decision
	// interval in σ: k = 0.5 tunes it to shifts of about 1σ (k is half
	// the shift to detect), with h = 5 the usual decision interval
	// (Montgomery, Introduction to Statistical Quality Control, the
	// tabular CUSUM).
	CUSUMK = 0.5
	CUSUMH = 5
)

// Trend is the analysis of one series on a regular grid: the last trend
// window against the one before it, a line fitted over the visible points,
// and the level shifts CUSUM found among them.
type Trend struct {
	// Ratio is the seed's before/after ratio (RatioChange); NaN when a
	// side has no value.
	Ratio float64
	// Welch compares the two windows; valid only when HasWelch.
	Welch    WelchResult
	HasWelch bool
	// SlopePerHour is the fitted line's slope in value units per hour; NaN
	// when fewer than two visible points.
	SlopePerHour float64
	// Fitted is the line's value at each visible point (NaN when no fit).
	Fitted []float64
	// Changes are CUSUM's alarms at visible points (At ≥ first).
	Changes []Change
}

// AnalyseTrend analyses values, one per step of stepHours, whose visible
// part starts at index first: the last `window` values against the
// `window` before them, a line over values[first:], and CUSUM with a
// reference of cusumWindow points over every value (the warm-up included,
// so the reference exists from the first visible point).
func AnalyseTrend(values []float64, first, window int, stepHours float64, cusumWindow int) Trend {
	r := Trend{Ratio: math.NaN(), SlopePerHour: math.NaN()}
	n := len(values)
	after := values[max(n-window, 0):]
	before := values[max(n-2*window, 0):max(n-window, 0)]
	if ratio, err := RatioChange(before, after); err == nil {
		r.Ratio = ratio
	}
	if wr, err := Welch(before, after); err == nil {
		r.Welch, r.HasWelch = wr, true
	}
	visible := values[first:]
	ts := make([]float64, len(visible))
	for i := range ts {
		ts[i] = float64(i) * stepHours
	}
	r.Fitted = make([]float64, len(visible))
	for i := range r.Fitted {
		r.Fitted[i] = math.NaN()
	}
	if lin, err := FitLinear(ts, visible); err == nil {
		r.SlopePerHour = lin.Slope
		for i, t := range ts {
			r.Fitted[i] = lin.yMean + lin.Slope*(t-lin.tMean)
		}
	}
	if c, err := NewCUSUM(cusumWindow, CUSUMK, CUSUMH); err == nil {
		for i, x := range values {
			if ch, ok := c.Step(x); ok && i >= first {
				r.Changes = append(r.Changes, ch)
			}
		}
	}
	return r
}

// Significant applies the decision rule (TrendAlpha, TrendMinEffect).
func (t Trend) Significant() bool {
	return t.HasWelch && t.Welch.P < TrendAlpha && math.Abs(t.Welch.Effect) >= TrendMinEffect
}
