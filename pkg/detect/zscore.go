package detect

// ZScore is the seed's z-score made sound: the baseline is the mean and
// sample standard deviation of the w points *before* the tested one
// (leave-current-out), so z = (x − μ)/σ is not capped at (w−1)/√w.
//
// Verdict: Yhat = μ, band μ ± max(k·σ, floor), Score = |x − μ|/(band half-width).
// Warm-up: NaN verdicts until w points have been seen. NaN points are gaps
// (NaN verdict, baseline untouched); ±Inf points are judged but not learnt.
// O(1) per point; memory O(w) at most, growing with the points seen. Step is
// the column kernel applied to one point, so both give identical verdicts.
type ZScore struct {
	roll Rolling
	b    band
	// 1/w and 1/(w − 1), computed once: the moments' constant part.
	invw, invwm1 float64
}

func newZScore(w int, b band) *ZScore {
	r, _ := NewRolling(w)
	return &ZScore{roll: *r, b: b, invw: 1 / float64(w), invwm1: 1 / float64(w-1)}
}

// moments turns the window's sums about its current shift into μ and σ².
func (d *ZScore) moments() moments {
	return moments{shift: d.roll.shift, invw: d.invw, invwm1: d.invwm1}
}

// Step returns the verdict for x and then adds x to the window: the column
// kernel's arithmetic for one point, without the columns.
func (d *ZScore) Step(x float64) Point {
	r := &d.roll
	if r.n < r.w {
		r.Push(x)
		return warmup(x)
	}
	sum := r.sum
	if x != x {
		sum = x
	}
	c, h, s := d.b.fromSums(x, sum, r.sq, d.moments())
	r.Push(x)
	return Point{Value: x, Yhat: c, Lower: c - h, Upper: c + h, Score: s, Anomaly: s > 1}
}

// batch is the column kernel, in blocks small enough for the second pass to
// read the first's output from the L1 cache. The first pass (baseline) is
// the only sequential one: it keeps the window's running sums in registers
// and writes them per point. The second (finish) turns sums into μ, σ², the
// band and the score, with no loop-carried state. Warm-up goes through
// Rolling.Push.
func (d *ZScore) batch(xs []float64, out Bands) {
	r := &d.roll
	i := 0
	for ; i < len(xs) && r.n < r.w; i++ {
		out.setGap(i)
		r.Push(xs[i])
	}
	for ; i < len(xs); i += runChunk {
		j := min(i+runChunk, len(xs))
		d.baseline(xs[i:j], out.slice(i, j))
	}
}

// baseline writes the window's sums S and Q (about the current shift) before
// each point of xs into out.Yhat and out.Score (S = NaN for a gap), pushes
// the point, and has finish complete the verdicts. The window is full. It
// walks the ring in contiguous runs, so the inner loop has neither a
// wrap-around test nor bounds checks; Rolling's staleness check runs at the
// wrap, where a recompute moves the shift, so the points before it are
// finished first.
func (d *ZScore) baseline(xs []float64, out Bands) {
	r := &d.roll
	buf, w := r.buf, r.w
	head, shift, sum, sq, since := r.head, r.shift, r.sum, r.sq, r.since
	from := 0 // first point not yet finished
	for at := 0; at < len(xs); {
		n := min(len(xs)-at, w-head)
		ring, in, so, qo := buf[head:head+n], xs[at:at+n], out.Yhat[at:at+n], out.Score[at:at+n]
		used, taken := n, n // ring slots filled, points consumed
		for i, x := range in {
			so[i], qo[i] = sum, sq
			if x-x != 0 { // NaN (a gap) or ±Inf: judged, not learnt
				if x != x {
					so[i] = x
				}
				used, taken = i, i+1 // the next run resumes at this slot
				break
			}
			v := x - shift
			old := ring[i]
			ring[i] = v
			sum += v - old
			sq += v*v - old*old
		}
		at, since = at+taken, since+used
		if head += used; head == w {
			head = 0
			r.sum, r.sq, r.since = sum, sq, since
			if r.stale() {
				d.finish(xs[from:at], out.slice(from, at))
				from = at
				r.recompute()
				shift, sum, sq, since = r.shift, r.sum, r.sq, 0
			}
		}
	}
	r.head, r.shift, r.sum, r.sq, r.since = head, shift, sum, sq, since
	d.finish(xs[from:], out.slice(from, len(xs)))
}

// finish turns the sums baseline wrote into verdicts, about the current shift.
func (d *ZScore) finish(xs []float64, out Bands) {
	d.b.finish(xs, out, d.moments())
}
