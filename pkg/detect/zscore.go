package detect

// ZScore is the seed's z-score made sound: the baseline is the mean and
// sample standard deviation of the w points *before* the tested one
// (leave-current-out), so z = (x − μ)/σ is not capped at (w−1)/√w.
//
// Verdict: Yhat = μ, band μ ± max(k·σ, floor), Score = |x − μ|/(band half-width).
// Warm-up: NaN verdicts until w points have been seen. NaN points are gaps
// (NaN verdict, baseline untouched); ±Inf points are judged but not learnt.
// O(1) per point, O(w) memory. Step is the column kernel applied to one
// point, so streaming and RunBands give identical verdicts.
type ZScore struct {
	roll Rolling
	b    band
}

func newZScore(w int, b band) *ZScore {
	r, _ := NewRolling(w)
	return &ZScore{roll: *r, b: b}
}

// Step returns the verdict for x and then adds x to the window.
func (d *ZScore) Step(x float64) Point {
	var s single
	d.batch(s.in(x), s.bands())
	return s.point(x)
}

// batch is the column kernel. The first pass keeps the window's sums in
// registers and writes the baseline μ and variance of every point (into the
// Yhat and Score columns); the second turns them into the band and score
// with one square root and one division per point and no loop-carried
// state, so the two divider operations of consecutive points overlap.
// Warm-up goes through Rolling.Push.
func (d *ZScore) batch(xs []float64, out Bands) {
	r := &d.roll
	i := 0
	for ; i < len(xs) && r.n < len(r.buf); i++ {
		out.setGap(i)
		r.Push(xs[i])
	}
	// Blocks small enough that the second pass reads the first's output
	// from the L1 cache.
	for ; i < len(xs); i += runChunk {
		j := min(i+runChunk, len(xs))
		blk := out.slice(i, j)
		d.baseline(xs[i:j], blk.Yhat, blk.Score)
		d.b.finish(xs[i:j], blk)
	}
}

// baseline writes μ and σ² of the window before each point of xs into mean
// and variance (NaN for a gap) and pushes the point. The window is full.
func (d *ZScore) baseline(xs, mean, variance []float64) {
	r := &d.roll
	buf := r.buf
	w := len(buf)
	head, shift, sum, sq, since := r.head, r.shift, r.sum, r.sq, r.since
	invw, invwm1 := 1/float64(w), 1/float64(w-1)
	cancelW := cancel * float64(w)
	for i, x := range xs {
		mu := sum * invw
		m2 := sq - sum*mu
		if m2 < 0 {
			m2 = 0
		}
		mean[i], variance[i] = shift+mu, m2*invwm1
		if x-x != 0 { // NaN (a gap) or ±Inf: judged, not learnt
			if x != x {
				mean[i] = x
			}
			continue
		}
		v := x - shift
		old := buf[head]
		buf[head] = v
		sum += v - old
		sq += v*v - old*old
		if head++; head == w {
			head = 0
		}
		// The trigger of Rolling.Push, on the M2 before this replacement.
		if since++; since >= w && (since >= rebase || sum*sum > cancelW*m2) {
			r.head, r.shift, r.sum, r.sq = head, shift, sum, sq
			r.recompute()
			shift, sum, sq, since = r.shift, r.sum, r.sq, 0
		}
	}
	r.head, r.shift, r.sum, r.sq, r.since = head, shift, sum, sq, since
}
