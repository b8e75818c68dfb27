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

// inf is +Inf: the score of an infinite deviation (a ±Inf point) or of any
// deviation from a zero-width band.
var inf = math.Inf(1)

// AlertScore is Score as an alert rule thresholds it: > 1 exactly when the
// point is anomalous after persistence. A point outside the band that the
// persistence filter clears reports 1, the band's edge.
func (p Point) AlertScore() float64 {
	if p.Score > 1 && !p.Anomaly {
		return 1
	}
	return p.Score
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

// put writes eval(x, c, s) into entry i of out, with Anomaly = Score > 1.
func (b band) put(out Bands, i int, x, c, s float64) {
	h := b.k * s
	if h < b.floor {
		h = b.floor
	}
	if c != c || h != h {
		out.setGap(i)
		return
	}
	sc := b.score(x, c, h)
	out.Yhat[i], out.Lower[i], out.Upper[i], out.Score[i], out.Anomaly[i] = c, c-h, c+h, sc, sc > 1
}

func (b band) score(x, c, h float64) float64 { return ratio(deviation(b.dir, x, c), x, c, h) }

// deviation is x − c on the tested side(s): |x − c| (Both), max(x − c, 0)
// (Up) or max(c − x, 0) (Down).
func deviation(dir Direction, x, c float64) float64 {
	switch dir {
	case Up:
		return max(x-c, 0)
	case Down:
		return max(c-x, 0)
	}
	return math.Abs(x - c)
}

// ratio is the score dev/h of a deviation against a half-width h ≥ 0 (not
// NaN). Rounding noise of the baseline arithmetic is not a deviation: a
// constant series must score exactly 0; h = 0 (to rounding) gives +Inf for
// any real deviation, and so does an infinite one (a ±Inf point). NaN dev
// gives NaN.
func ratio(dev, x, c, h float64) float64 {
	switch {
	case dev != dev:
		return dev
	case dev <= 1e-12*max(math.Abs(x), math.Abs(c)) && dev < inf:
		return 0
	case h <= 1e-12*math.Abs(c):
		return inf
	}
	return dev / h
}
