package detect

import (
	"math"

	"github.com/claudeenhancer/monitoring/pkg/internal/kahan"
)

// madScale is 1/Φ⁻¹(3/4): 1.4826·MAD estimates σ for Gaussian data.
const madScale = 1.482602218505602

// SortedWindow keeps the last w non-missing values both in arrival order (to
// evict the oldest) and sorted (for order statistics).
//
// Costs per Push: two binary searches (O(log w)) and one copy of at most w
// contiguous float64s to open or close a slot (memmove, about w/4 ns on
// current CPUs: 25 ns at w = 100). Median is O(1); MAD is O(log w) by
// selection in the two sorted runs of |x − median| on either side of the
// median, without building them. Both slices grow with the values pushed,
// up to w.
type SortedWindow struct {
	ring   []float64 // arrival order
	w      int       // window length
	head   int
	sorted []float64 // len = number stored
	split  int       // the last MAD's split, mad's hint for the next
}

// NewSortedWindow returns an empty window of w ≥ 2 points; ErrWindow otherwise.
func NewSortedWindow(w int) (*SortedWindow, error) {
	if w < 2 {
		return nil, ErrWindow
	}
	return &SortedWindow{w: w}, nil
}

// Len is the number of values held.
func (s *SortedWindow) Len() int { return len(s.sorted) }

// Full reports whether the window holds w values.
func (s *SortedWindow) Full() bool { return len(s.sorted) == s.w }

// Push adds x, evicting the oldest value when full. NaN and ±Inf are ignored.
func (s *SortedWindow) Push(x float64) {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return
	}
	if x == 0 {
		x = 0 // −0 → +0, for lowerBound
	}
	if s.Full() {
		i, j := lowerBound2(s.sorted, s.ring[s.head], x)
		// Move the block between the evicted slot and the insertion point by
		// one, then write x: one copy instead of a delete and an insert.
		if j > i {
			j--
			copy(s.sorted[i:j], s.sorted[i+1:j+1])
		} else {
			copy(s.sorted[j+1:i+1], s.sorted[j:i])
		}
		s.sorted[j] = x
		s.ring[s.head] = x
	} else {
		j := lowerBound(s.sorted, x)
		s.sorted = append(s.sorted, 0)
		copy(s.sorted[j+1:], s.sorted[j:])
		s.sorted[j] = x
		s.ring = append(s.ring, x) // head == len(ring) until full
	}
	s.head++
	if s.head == s.w {
		s.head = 0
	}
}

// Quantile is the q-quantile (0 ≤ q ≤ 1) with linear interpolation between
// order statistics (type 7, as numpy's default); NaN when empty.
func (s *SortedWindow) Quantile(q float64) float64 {
	n := len(s.sorted)
	if n == 0 || math.IsNaN(q) {
		return math.NaN()
	}
	h := q * float64(n-1)
	lo := int(math.Floor(h))
	if lo >= n-1 {
		return s.sorted[n-1]
	}
	if lo < 0 {
		return s.sorted[0]
	}
	return s.sorted[lo] + (h-float64(lo))*(s.sorted[lo+1]-s.sorted[lo])
}

// Median of the window; NaN when empty.
func (s *SortedWindow) Median() float64 { return median(s.sorted) }

// MAD is the raw median absolute deviation from the median (unscaled); NaN
// when empty.
func (s *SortedWindow) MAD() float64 {
	d, _ := mad(s.sorted, median(s.sorted), s.split)
	return d
}

// Sigma is a robust estimate of σ: 1.4826·MAD, or, when more than half the
// window shares one value (MAD = 0), the root-mean-square deviation from
// the median (O(w) in that case only). 0 for a constant window, NaN when
// empty. The fallback is for sparse series (a count rate that is mostly
// zero): for values that are q a fraction p of the time and 0 otherwise,
// σ = q·√(p(1−p)) while the mean absolute deviation is q·p, so a
// mean-deviation fallback would narrow the band to a fraction of the noise
// (at p = 0.1, a third) and flag every few counts.
func (s *SortedWindow) Sigma() float64 {
	_, sigma := s.medianSigma()
	return sigma
}

// medianSigma is Median and Sigma in one call.
func (s *SortedWindow) medianSigma() (m, sigma float64) {
	m = median(s.sorted)
	d, split := mad(s.sorted, m, s.split)
	s.split = split
	if d != 0 || math.IsNaN(d) {
		return m, madScale * d
	}
	var sq kahan.Sum
	for _, v := range s.sorted {
		sq.Add((v - m) * (v - m))
	}
	return m, math.Sqrt(sq.Value() / float64(len(s.sorted)))
}

// lowerBound is the first index i with a[i] ≥ x in sorted a (len(a) when
// none; 0 for NaN x), as sort.SearchFloat64s without the closure.
func lowerBound(a []float64, x float64) int {
	// Branchless: the halving loop has a fixed trip count for a given len(a),
	// and "a[i] < x" is the sign bit of a[i] − x turned into a mask, so
	// random data pays no misprediction per level. The sign bit is exact for
	// finite values except −0 − (+0); Push stores −0 as +0.
	base, n := 0, len(a)
	for n > 1 {
		half := n / 2
		base += half & -int(math.Float64bits(a[base+half-1]-x)>>63)
		n -= half
	}
	if n == 1 && a[base] < x {
		base++
	}
	return base
}

// lowerBound2 is lowerBound for x and y in one loop: the two searches are
// independent, so their load–compare chains overlap.
func lowerBound2(a []float64, x, y float64) (int, int) {
	bx, by, n := 0, 0, len(a)
	for n > 1 {
		half := n / 2
		bx += half & -int(math.Float64bits(a[bx+half-1]-x)>>63)
		by += half & -int(math.Float64bits(a[by+half-1]-y)>>63)
		n -= half
	}
	if n == 1 {
		if a[bx] < x {
			bx++
		}
		if a[by] < y {
			by++
		}
	}
	return bx, by
}

func median(a []float64) float64 {
	n := len(a)
	switch {
	case n == 0:
		return math.NaN()
	case n%2 == 1:
		return a[n/2]
	}
	return (a[n/2-1] + a[n/2]) / 2
}

// mad returns median(|a_i − m|) for sorted a, selecting from the two sorted
// runs m − a[s−1], m − a[s−2], … and a[s] − m, a[s+1] − m, … (s = first index
// with a[s] ≥ m) in O(log n). hint is a guess of how many of the selected
// deviations lie below the median (the split mad returns); a sliding
// window's split moves by a step or two, so passing the last one makes the
// search O(1) in practice.
func mad(a []float64, m float64, hint int) (d float64, split int) {
	n := len(a)
	if n == 0 {
		return math.NaN(), 0
	}
	s := medianStart(a, m)
	lo, hi, split := kthDev(a, s, m, (n-1)/2, hint)
	if n%2 == 1 {
		return lo, split
	}
	return (lo + hi) / 2, split
}

// kthDev returns the k-th and (k+1)-th smallest (0-based) of the merged runs
// L_i = m − a[s−1−i] (i < s) and R_j = a[s+j] − m (j < n−s), both
// ascending (+Inf when k+1 is past the end), and the number i of them taken
// from L. i is the first index in [lo, hi) where taking L_i is not better
// than R_(k−i) (hi when none): a monotone predicate, so any search finds the
// same i. It looks next to hint first and binary-searches what is left.
func kthDev(a []float64, s int, m float64, k, hint int) (dk, next float64, split int) {
	nl, nr := s, len(a)-s
	lo, hi := max(0, k+1-nr), min(k+1, nl)
	better := func(i int) bool { return m-a[s-1-i] < a[s+k-i]-m }
	i := min(max(hint, lo), hi)
	switch {
	case i < hi && better(i): // the split is above the hint
		if i++; i < hi && better(i) {
			i = firstWorse(a, s, m, k, i+1, hi)
		}
	case i > lo && !better(i-1): // below it
		if i--; i > lo && !better(i-1) {
			i = firstWorse(a, s, m, k, lo, i-1)
		}
	}
	j := k + 1 - i
	dk = math.Inf(-1)
	if i > 0 {
		dk = m - a[s-i]
	}
	if j > 0 && a[s+j-1]-m > dk {
		dk = a[s+j-1] - m
	}
	// The (k+1)-th is the smaller of the next element of each run.
	next = math.Inf(1)
	if i < nl {
		next = m - a[s-1-i]
	}
	if j < nr && a[s+j]-m < next {
		next = a[s+j] - m
	}
	return dk, next, i
}

// firstWorse binary-searches kthDev's split in [lo, hi], branchless as
// lowerBound: L_i > 0 here, so "R_(k−i) > L_i" is exactly the sign of
// L_i − R_(k−i).
func firstWorse(a []float64, s int, m float64, k, lo, hi int) int {
	base, n := lo, hi-lo
	for n > 1 {
		half := n / 2
		i := base + half - 1
		base += half & -int(math.Float64bits((m-a[s-1-i])-(a[s+k-i]-m))>>63)
		n -= half
	}
	if n == 1 && a[s+k-base]-m > m-a[s-1-base] {
		base++
	}
	return base
}

// medianStart is lowerBound(a, m) for the median m of sorted a: the answer
// is at or just below the middle, so a short backward scan over ties finds
// it without a search.
func medianStart(a []float64, m float64) int {
	s := len(a) / 2
	for lim := max(s-8, 0); s > lim && a[s-1] >= m; s-- {
	}
	if (s > 0 && a[s-1] >= m) || (s < len(a) && a[s] < m) { // long ties, or m rounded off the middle
		return lowerBound(a, m)
	}
	return s
}
