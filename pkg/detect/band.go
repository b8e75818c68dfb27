package detect

import "math"

// Point is the verdict for one input point: the frame contract columns
// value, yhat, yhat_lower, yhat_upper, anomaly_score and anomaly.
type Point struct {
	Value float64 // the input value (NaN for a gap)
	Yhat  float64 // the baseline (expected value); NaN during warm-up
	Lower float64 // lower band edge, Yhat − half-width; NaN during warm-up
	Upper float64 // upper band edge, Yhat + half-width; NaN during warm-up
	// Score is the deviation from Yhat in band half-widths on the tested
	// side(s): > 1 ⇔ outside the band. 0 on an untested side, NaN for a gap or
	// during warm-up, +Inf for any deviation from a zero-width band.
	Score float64
	// Anomaly is Score > 1 after the persistence filter.
	Anomaly bool
}

// warmup is the verdict for a point the detector cannot judge yet.
func warmup(x float64) Point {
	n := math.NaN()
	return Point{Value: x, Yhat: n, Lower: n, Upper: n, Score: n}
}

// band turns a baseline and a spread into a verdict. Fields are immutable
// after construction.
type band struct {
	k     float64   // half-width in units of spread (Options.Threshold)
	floor float64   // minimum half-width in value units (Options.MinDeviation)
	dir   Direction // which side(s) are tested
}

// eval returns the verdict for x against centre c and spread s ≥ 0:
//
//	h = max(k·s, floor),  band = [c − h, c + h],  score = dev/h
//
// with dev = |x − c| (Both), max(x − c, 0) (Up) or max(c − x, 0) (Down).
// h = 0 gives score 0 for dev = 0 and +Inf otherwise. NaN c or s gives a
// warm-up verdict; NaN x a gap verdict.
func (b band) eval(x, c, s float64) Point {
	h := b.k * s
	if h < b.floor {
		h = b.floor
	}
	if math.IsNaN(c) || math.IsNaN(h) {
		return warmup(x)
	}
	return Point{Value: x, Yhat: c, Lower: c - h, Upper: c + h, Score: b.score(x, c, h), Anomaly: false}
}

// evalAsym is eval with separate lower and upper half-widths (Brutlag bands,
// double MAD): the upper side uses hu and the lower side hl.
func (b band) evalAsym(x, c, hl, hu float64) Point {
	hl, hu = math.Max(b.k*hl, b.floor), math.Max(b.k*hu, b.floor)
	if math.IsNaN(c) || math.IsNaN(hl) || math.IsNaN(hu) {
		return warmup(x)
	}
	p := Point{Value: x, Yhat: c, Lower: c - hl, Upper: c + hu}
	if x >= c {
		p.Score = b.score(x, c, hu)
	} else {
		p.Score = b.score(x, c, hl)
	}
	return p
}

func (b band) score(x, c, h float64) float64 {
	var dev float64
	switch b.dir {
	case Up:
		dev = math.Max(x-c, 0)
	case Down:
		dev = math.Max(c-x, 0)
	default:
		dev = math.Abs(x - c)
	}
	if math.IsNaN(dev) {
		return math.NaN()
	}
	// Rounding noise of the baseline arithmetic is not a deviation: a
	// constant series must score exactly 0.
	if tiny := 1e-12 * math.Max(math.Abs(x), math.Abs(c)); dev <= tiny {
		return 0
	}
	if h <= 1e-12*math.Abs(c) {
		h = 0
	}
	if h == 0 {
		if dev == 0 {
			return 0
		}
		return math.Inf(1)
	}
	return dev / h
}
