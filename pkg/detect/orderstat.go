package detect

import (
	"math"
	"sort"
)

// madScale is 1/Φ⁻¹(3/4): 1.4826·MAD estimates σ for Gaussian data.
const madScale = 1.482602218505602

// meanAbsScale is √(π/2): 1.2533·mean|x − median| estimates σ for Gaussian data.
const meanAbsScale = 1.2533141373155003

// SortedWindow keeps the last w non-missing values both in arrival order (to
// evict the oldest) and sorted (for order statistics).
//
// Costs per Push: two binary searches (O(log w)) and one copy of at most w
// contiguous float64s to open or close a slot (memmove, about w/4 ns on
// current CPUs: 25 ns at w = 100). Median is O(1); MAD is O(log w) by
// selection in the two sorted runs of |x − median| on either side of the
// median, without building them.
type SortedWindow struct {
	ring   []float64 // arrival order
	head   int
	sorted []float64 // len = number stored
}

// NewSortedWindow returns an empty window of w ≥ 2 points; ErrWindow otherwise.
func NewSortedWindow(w int) (*SortedWindow, error) {
	if w < 2 {
		return nil, ErrWindow
	}
	return &SortedWindow{ring: make([]float64, w), sorted: make([]float64, 0, w)}, nil
}

// Len is the number of values held.
func (s *SortedWindow) Len() int { return len(s.sorted) }

// Full reports whether the window holds w values.
func (s *SortedWindow) Full() bool { return len(s.sorted) == len(s.ring) }

// Push adds x, evicting the oldest value when full. NaN and ±Inf are ignored.
func (s *SortedWindow) Push(x float64) {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return
	}
	if s.Full() {
		old := s.ring[s.head]
		i := sort.SearchFloat64s(s.sorted, old)
		j := sort.SearchFloat64s(s.sorted, x)
		// Move the block between the evicted slot and the insertion point by
		// one, then write x: one copy instead of a delete and an insert.
		if j > i {
			j--
			copy(s.sorted[i:j], s.sorted[i+1:j+1])
		} else {
			copy(s.sorted[j+1:i+1], s.sorted[j:i])
		}
		s.sorted[j] = x
	} else {
		j := sort.SearchFloat64s(s.sorted, x)
		s.sorted = append(s.sorted, 0)
		copy(s.sorted[j+1:], s.sorted[j:])
		s.sorted[j] = x
	}
	s.ring[s.head] = x
	s.head++
	if s.head == len(s.ring) {
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
func (s *SortedWindow) MAD() float64 { return mad(s.sorted, median(s.sorted)) }

// Sigma is a robust estimate of σ: 1.4826·MAD, or, when more than half the
// window shares one value (MAD = 0), 1.2533·mean|x − median| (O(w) in that
// case only). 0 for a constant window, NaN when empty.
func (s *SortedWindow) Sigma() float64 {
	m := median(s.sorted)
	if d := mad(s.sorted, m); d != 0 || math.IsNaN(d) {
		return madScale * d
	}
	var k kahan
	for _, v := range s.sorted {
		k.add(math.Abs(v - m))
	}
	return meanAbsScale * k.value() / float64(len(s.sorted))
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
// with a[s] ≥ m) in O(log n).
func mad(a []float64, m float64) float64 {
	n := len(a)
	if n == 0 {
		return math.NaN()
	}
	s := sort.SearchFloat64s(a, m)
	if n%2 == 1 {
		return kthDev(a, s, m, n/2)
	}
	return (kthDev(a, s, m, n/2-1) + kthDev(a, s, m, n/2)) / 2
}

// kthDev is the k-th smallest (0-based) of the merged runs L_i = m − a[s−1−i]
// (i < s) and R_j = a[s+j] − m (j < n−s), both ascending. It binary-searches
// the number i of elements taken from L.
func kthDev(a []float64, s int, m float64, k int) float64 {
	nl, nr := s, len(a)-s
	left := func(i int) float64 { return m - a[s-1-i] }
	right := func(j int) float64 { return a[s+j] - m }
	lo, hi := max(0, k+1-nr), min(k+1, nl)
	for lo < hi {
		i := (lo + hi) / 2 // take i from L and k+1−i from R
		j := k + 1 - i
		if j > 0 && i < nl && right(j-1) > left(i) {
			lo = i + 1
		} else {
			hi = i
		}
	}
	i, j := lo, k+1-lo
	var best float64 = math.Inf(-1)
	if i > 0 {
		best = left(i - 1)
	}
	if j > 0 && right(j-1) > best {
		best = right(j - 1)
	}
	return best
}
