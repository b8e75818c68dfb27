package detect

// RobustZ tests each point against the median and scaled MAD of the w points
// before it (leave-current-out):
//
//	Yhat = median,  σ̂ = 1.4826·MAD  (RMS deviation from the median when MAD = 0),
//	band = median ± max(k·σ̂, floor).
//
// Its breakdown point is 50 %: up to half the window may be outliers without
// moving the band, so a long incident does not hide its own continuation the
// way it inflates a mean/sd baseline. Warm-up: w points. NaN points are gaps.
// O(log w) comparisons plus one memmove of ≤ w floats per point.
type RobustZ struct {
	win *SortedWindow
	b   band
}

func newRobustZ(w int, b band) *RobustZ {
	s, _ := NewSortedWindow(w)
	return &RobustZ{win: s, b: b}
}

// Step returns the verdict for x and then adds x to the window.
func (d *RobustZ) Step(x float64) Point {
	var s single
	d.batch(s.in(x), s.bands())
	return s.point(x)
}

// batch is the column kernel: Step for every point of xs, without the
// per-point interface call and Point.
func (d *RobustZ) batch(xs []float64, out Bands) {
	w := d.win
	for i, x := range xs {
		if x != x || !w.Full() {
			out.setGap(i)
			w.Push(x)
			continue
		}
		m, sigma := w.medianSigma()
		d.b.put(out, i, x, m, sigma)
		w.Push(x)
	}
}
