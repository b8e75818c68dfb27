package detect

import "math"

// RollingMax is the maximum of the last w pushed values in amortised O(1) per
// point (a monotonic deque of indices). NaN values are gaps: they take a slot
// in time but never become the maximum.
type RollingMax struct {
	w    int
	t    int       // index of the next push
	idx  []int     // deque of indices with decreasing values
	vals []float64 // values aligned with idx
	head int
}

// NewRollingMax returns an empty window of w ≥ 1 points; ErrWindow otherwise.
func NewRollingMax(w int) (*RollingMax, error) {
	if w < 1 {
		return nil, ErrWindow
	}
	return &RollingMax{w: w}, nil
}

// Max of the last w values; −Inf when none is present.
func (m *RollingMax) Max() float64 {
	for m.head < len(m.idx) && m.idx[m.head] <= m.t-1-m.w {
		m.head++
	}
	if m.head == len(m.idx) {
		return math.Inf(-1)
	}
	return m.vals[m.head]
}

// Push appends x (time advances by one point even when x is NaN).
func (m *RollingMax) Push(x float64) {
	for m.head < len(m.idx) && m.idx[m.head] <= m.t-m.w {
		m.head++
	}
	if !math.IsNaN(x) {
		for len(m.idx) > m.head && m.vals[len(m.vals)-1] <= x {
			m.idx, m.vals = m.idx[:len(m.idx)-1], m.vals[:len(m.vals)-1]
		}
		m.idx, m.vals = append(m.idx, m.t), append(m.vals, x)
	}
	m.t++
	if m.head > 64 && m.head*2 > len(m.idx) { // compact the consumed prefix
		n := copy(m.idx, m.idx[m.head:])
		copy(m.vals, m.vals[m.head:])
		m.idx, m.vals, m.head = m.idx[:n], m.vals[:n], 0
	}
}
