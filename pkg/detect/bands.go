package detect

import (
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
