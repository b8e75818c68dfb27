package detect

import "math"

// Rolling keeps the mean and variance of the last w non-missing values in
// O(1) per point.
//
// Updates are Welford's, in exact add/remove and replace form (research §6.1):
//
//	add:     μ' = μ + δ/n,  M2' = M2 + δ·(x − μ')           δ = x − μ
//	replace: μ' = μ + (x_in − x_out)/w,
//	         M2' = M2 + (x_in − x_out)·(x_in − μ' + x_out − μ)
//
// All values are stored relative to a shift K (the first value of the current
// accumulation), so a counter near 1e12 with unit noise keeps its precision.
// Every w replacements μ and M2 are recomputed from the buffer with
// compensated sums, which bounds the drift of repeated add/remove; M2 is
// clamped at ≥ 0. NaN values are gaps: Push ignores them.
type Rolling struct {
	buf     []float64 // ring of stored values minus shift
	head, n int       // next write slot, number stored
	shift   float64
	mean    float64 // mean of stored (shifted) values
	m2      float64 // sum of squared deviations from mean
	inv     float64 // 1/w
	since   int     // replacements since the last exact recompute
}

// NewRolling returns an empty window of w ≥ 2 points; ErrWindow otherwise.
func NewRolling(w int) (*Rolling, error) {
	if w < 2 {
		return nil, ErrWindow
	}
	return &Rolling{buf: make([]float64, w), inv: 1 / float64(w)}, nil
}

// Len is the number of values in the window (≤ its capacity).
func (r *Rolling) Len() int { return r.n }

// Cap is the window length w.
func (r *Rolling) Cap() int { return len(r.buf) }

// Mean of the window; NaN when empty.
func (r *Rolling) Mean() float64 {
	if r.n == 0 {
		return math.NaN()
	}
	return r.mean + r.shift
}

// Var is the sample variance M2/(n−1); NaN with fewer than two values.
func (r *Rolling) Var() float64 {
	if r.n < 2 {
		return math.NaN()
	}
	return r.m2 / float64(r.n-1)
}

// Std is √Var; NaN with fewer than two values.
func (r *Rolling) Std() float64 { return math.Sqrt(r.Var()) }

// Push adds x, evicting the oldest value once the window is full. NaN and
// ±Inf are ignored (a gap, and a value no finite baseline can absorb).
func (r *Rolling) Push(x float64) {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return
	}
	w := len(r.buf)
	if r.n == 0 {
		r.shift = x
	}
	x -= r.shift
	if r.n < w {
		r.n++
		d := x - r.mean
		r.mean += d / float64(r.n)
		r.m2 += d * (x - r.mean)
		r.buf[r.head] = x
	} else {
		out := r.buf[r.head]
		r.buf[r.head] = x
		mean := r.mean + (x-out)*r.inv
		r.m2 += (x - out) * (x - mean + out - r.mean)
		r.mean = mean
		if r.m2 < 0 {
			r.m2 = 0
		}
		r.since++
		if r.since >= w {
			r.recompute()
		}
	}
	r.head++
	if r.head == w {
		r.head = 0
	}
}

// recompute rebases the shift on the current mean and recomputes μ and M2
// exactly (two compensated passes). Amortised O(1): it runs every w pushes.
func (r *Rolling) recompute() {
	r.since = 0
	// Move the shift by the amount that float64 can represent exactly, so
	// stored values and the shift stay consistent.
	shift := r.shift + r.mean
	base := shift - r.shift
	var s kahan
	for i := range r.buf[:r.n] {
		r.buf[i] -= base
		s.add(r.buf[i])
	}
	r.shift = shift
	r.mean = s.value() / float64(r.n)
	var q kahan
	for _, v := range r.buf[:r.n] {
		d := v - r.mean
		q.add(d * d)
	}
	r.m2 = q.value()
}
