package detect

import "math"

// CounterIncreases turns a raw monotonic counter into per-step increases,
// handling resets the way Prometheus' increase() does: when the counter goes
// down it was reset (a restart), and the increase for that step is the new
// value itself (counted from 0), never a negative spike.
//
//	d_t = x_t − x_{t−1}   if x_t ≥ x_{t−1}
//	d_t = x_t             otherwise (reset)
//
// The first point, and every NaN point (a gap), yield NaN; the point after a
// gap is compared with the last value before it, so the increase over the
// gap is attributed to the first point after it. resets lists the indices
// where a reset was detected, so callers can mask them from baselines.
func CounterIncreases(xs []float64) (inc []float64, resets []int) {
	inc = make([]float64, len(xs))
	last := math.NaN()
	for i, x := range xs {
		inc[i] = math.NaN()
		if math.IsNaN(x) {
			continue
		}
		if !math.IsNaN(last) {
			if x >= last {
				inc[i] = x - last
			} else {
				inc[i] = x
				resets = append(resets, i)
			}
		}
		last = x
	}
	return inc, resets
}

// Align puts samples on the detector's fixed grid start, start+step, … ≤ end
// (all in the same integer unit, e.g. milliseconds), so verdicts do not
// depend on the panel's resolution. Each grid point takes the latest sample
// at or before it that is no older than lookback (Prometheus' staleness
// rule, 5 minutes by default there); otherwise it is a gap (NaN). A NaN
// sample value (a Prometheus staleness marker) ends the previous sample's
// validity. ts must be increasing and len(ts) == len(vs); step and lookback
// must be positive (ErrParameter otherwise).
func Align(ts []int64, vs []float64, start, end, step, lookback int64) ([]float64, error) {
	if step <= 0 || lookback <= 0 || len(ts) != len(vs) || end < start {
		return nil, ErrParameter
	}
	n := (end-start)/step + 1
	out := make([]float64, n)
	j := 0
	for k := range out {
		g := start + int64(k)*step
		for j < len(ts) && ts[j] <= g {
			j++
		}
		out[k] = math.NaN()
		if j > 0 && g-ts[j-1] <= lookback {
			out[k] = vs[j-1]
		}
	}
	return out, nil
}
