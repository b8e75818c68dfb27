package detect

// Detector is a streaming point detector. Step consumes the next value of a
// series on a fixed step (NaN for a missing point) and returns its verdict,
// computed from the earlier values only. Detectors are not safe for
// concurrent use; use one per series.
type Detector interface {
	Step(x float64) Point
}

// newBase builds the bare detector for validated, defaulted options.
func newBase(o Options) Detector {
	b := band{k: o.Threshold, floor: o.MinDeviation, dir: o.Direction}
	switch o.Method {
	case MethodRobust:
		return newRobustZ(o.Window, b)
	case MethodEWMA:
		return newEWMA(o.Alpha, o.Window, b)
	case MethodSeasonal:
		return newSeasonal(o.Season, o.Seasons, o.Window, b)
	case MethodHoltWinters:
		return newHoltWinters(o.Alpha, o.Beta, o.Gamma, o.Season, o.Seasons, b)
	}
	return newZScore(o.Window, b)
}

// runChunk is how many points a column kernel scores at a time (small
// enough for its scratch to stay in the L1 cache).
const runChunk = 256
