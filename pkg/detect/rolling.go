package detect

import "math"

// Rolling keeps the mean and variance of the last w non-missing values in
// O(1) per point, as running sums about a shift K:
//
//	S = Σ(x − K),  Q = Σ(x − K)²,  μ = K + S/n,  M2 = Q − S·S/n  (clamped ≥ 0)
//
// A replacement is two additions (S += x_in − x_out, Q += x_in² − x_out²),
// which keeps the loop-carried dependency to one addition per sum: the
// z-score kernel runs at a few ns per point. The textbook objection to
// E[x²] − E[x]² (Chan, Golub & LeVeque, "Algorithms for Computing the
// Sample Variance", The American Statistician 37(3), 1983) is
// cancellation when the values sit far from
// K; it is answered by keeping K at the window mean. Once per pass over the
// ring (when the write position wraps), the sums are recomputed exactly from
// the buffer, with K moved to the current mean, if rebase replacements have
// accumulated or if S²/n exceeds 10⁶·M2, i.e. the window has moved so far
// from K that M2 would lose more than about 10⁻¹⁰ of its relative precision.
// Checking at the wrap, not at every push, keeps the check out of the
// z-score's inner loop and makes it depend on the stream alone, not on how
// a caller splits it. A counter near 1e12 with unit noise keeps its
// variance. NaN values are gaps: Push ignores them, and ±Inf too (no finite
// baseline can absorb them).
//
// The ring grows with the values pushed, up to w: a window longer than the
// series never costs more than the series.
type Rolling struct {
	buf     []float64 // ring of stored values minus shift; grows to w
	w       int       // window length
	head, n int       // next write slot, number stored
	shift   float64
	sum, sq float64 // Σ(x − K), Σ(x − K)² over the stored values
	since   int     // replacements since the last exact recompute
}

// rebase is the number of replacements after which a Rolling recomputes
// its sums at the next wrap: rounding drift over 4096 additions is far below
// M2's relative precision needs, and the O(w) recompute stays out of the
// per-point budget for short windows.
const rebase = 4096

// cancel is the S²/n to M2 ratio above which a Rolling recomputes early.
const cancel = 1e6

// NewRolling returns an empty window of w ≥ 2 points; ErrWindow otherwise.
func NewRolling(w int) (*Rolling, error) {
	if w < 2 {
		return nil, ErrWindow
	}
	return &Rolling{w: w}, nil
}

// Len is the number of values in the window (≤ its capacity).
func (r *Rolling) Len() int { return r.n }

// Cap is the window length w.
func (r *Rolling) Cap() int { return r.w }

// Mean of the window; NaN when empty.
func (r *Rolling) Mean() float64 {
	if r.n == 0 {
		return math.NaN()
	}
	return r.shift + r.sum/float64(r.n)
}

// Var is the sample variance M2/(n−1); NaN with fewer than two values.
func (r *Rolling) Var() float64 {
	if r.n < 2 {
		return math.NaN()
	}
	return r.m2() / float64(r.n-1)
}

// Std is √Var; NaN with fewer than two values.
func (r *Rolling) Std() float64 { return math.Sqrt(r.Var()) }

// m2 is M2 = Q − S·S/n from the running sums, clamped at 0.
func (r *Rolling) m2() float64 { return max(r.sq-r.sum*(r.sum/float64(r.n)), 0) }

// stale reports whether the sums should be recomputed exactly (see
// Rolling); it is asked when the write position wraps.
func (r *Rolling) stale() bool {
	return r.since >= rebase || r.sum*r.sum > cancel*float64(r.n)*r.m2()
}

// Push adds x, evicting the oldest value once the window is full. NaN and
// ±Inf are ignored.
func (r *Rolling) Push(x float64) {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return
	}
	if r.n == 0 {
		r.shift = x
	}
	x -= r.shift
	if r.n < r.w {
		r.n++
		r.sum += x
		r.sq += x * x
		r.buf = append(r.buf, x) // head == n−1: the ring fills in order
	} else {
		out := r.buf[r.head]
		r.buf[r.head] = x
		r.sum += x - out
		r.sq += x*x - out*out
		r.since++
	}
	if r.head++; r.head == r.w {
		r.head = 0
		if r.stale() {
			r.recompute()
		}
	}
}

// recompute moves the shift to the current mean and recomputes S and Q from
// the buffer. Amortised O(1): it runs at most once per w pushes.
func (r *Rolling) recompute() {
	r.since = 0
	// Move the shift by the amount that float64 can represent exactly, so
	// stored values and the shift stay consistent.
	shift := r.shift + r.sum/float64(r.n)
	base := shift - r.shift
	var s, q float64
	for i, v := range r.buf[:r.n] {
		v -= base
		r.buf[i] = v
		s += v
		q += v * v
	}
	r.shift, r.sum, r.sq = shift, s, q
}
