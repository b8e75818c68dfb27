package detect

import (
	"fmt"
	"math"
)

// Bands holds verdicts in column form: entry i of every column belongs to
// input point i. Column kernels (batcher) write into it.
type Bands struct {
	Yhat, Lower, Upper, Score []float64
	Anomaly                   []bool
}

// MakeBands allocates columns for n points.
func MakeBands(n int) Bands {
	return Bands{
		Yhat: make([]float64, n), Lower: make([]float64, n), Upper: make([]float64, n),
		Score: make([]float64, n), Anomaly: make([]bool, n),
	}
}

// Point is the verdict for point i with value x, as a Detector reports it.
func (b Bands) Point(i int, x float64) Point {
	return Point{Value: x, Yhat: b.Yhat[i], Lower: b.Lower[i], Upper: b.Upper[i], Score: b.Score[i], Anomaly: b.Anomaly[i]}
}

// slice returns the columns [i, j).
func (b Bands) slice(i, j int) Bands {
	return Bands{Yhat: b.Yhat[i:j], Lower: b.Lower[i:j], Upper: b.Upper[i:j], Score: b.Score[i:j], Anomaly: b.Anomaly[i:j]}
}

// single is storage for one verdict in column form, so a detector's Step can
// be its column kernel applied to one point.
type single struct {
	x, yhat, lower, upper, score [1]float64
	anomaly                      [1]bool
}

// in stores x as a one-point input series.
func (s *single) in(x float64) []float64 {
	s.x[0] = x
	return s.x[:]
}

func (s *single) bands() Bands {
	return Bands{Yhat: s.yhat[:], Lower: s.lower[:], Upper: s.upper[:], Score: s.score[:], Anomaly: s.anomaly[:]}
}

func (s *single) point(x float64) Point {
	return Point{Value: x, Yhat: s.yhat[0], Lower: s.lower[0], Upper: s.upper[0], Score: s.score[0], Anomaly: s.anomaly[0]}
}

// setGap writes the verdict for a point that cannot be judged (gap, warm-up).
func (b Bands) setGap(i int) {
	n := math.NaN()
	b.Yhat[i], b.Lower[i], b.Upper[i], b.Score[i], b.Anomaly[i] = n, n, n, n, false
}

// batcher is a detector with a column kernel: batch writes the verdicts for
// xs into out (whose columns have len(xs) entries), exactly as len(xs) calls
// of Step would, with Anomaly = Score > 1 (no persistence).
type batcher interface {
	batch(xs []float64, out Bands)
}

// RunBands is Run in column form: it writes the verdict for xs[i] into entry
// i of every column of out, which must hold at least len(xs) entries
// (ErrShortSeries otherwise; MakeBands allocates them). It allocates nothing
// beyond the detector's own state, and the verdicts are identical to Run's.
// Options errors, and a season longer than half of xs, are returned as such.
func RunBands(xs []float64, o Options, out Bands) error {
	if err := o.ValidateFor(len(xs)); err != nil {
		return err
	}
	if len(out.Score) < len(xs) {
		return fmt.Errorf("%w: output columns hold %d entries for %d points", ErrShortSeries, len(out.Score), len(xs))
	}
	o = o.WithDefaults()
	out = out.slice(0, len(xs))
	switch d := newBase(o).(type) {
	case batcher:
		d.batch(xs, out)
	default:
		for i, x := range xs {
			p := d.Step(x)
			out.Yhat[i], out.Lower[i], out.Upper[i], out.Score[i] = p.Yhat, p.Lower, p.Upper, p.Score
			out.Anomaly[i] = p.Score > 1
		}
	}
	if o.Persistence.K > 1 {
		persist(out.Score, out.Anomaly, o.Persistence)
	}
	return nil
}

// persist rewrites anomaly with the k-of-n rule of Persistent over the
// column of scores.
func persist(score []float64, anomaly []bool, p Persistence) {
	rule := kOfN{k: p.K, n: max(p.N, 1)}
	for i, s := range score {
		anomaly[i] = rule.push(s > 1)
	}
}
