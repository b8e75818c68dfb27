package slo

import "github.com/claudeenhancer/monitoring/pkg/internal/kahan"

// prefix holds compensated prefix sums: the sum of terms [0, i) is
// hi[i]+lo[i]. A range sum is (hi[j]−hi[i]) + (lo[j]−lo[i]), accurate
// relative to the range's own magnitude rather than to the running total,
// so a 5 m window at the end of 30 days of traffic keeps its precision, and
// a range of zeros sums to exactly zero.
type prefix struct{ hi, lo []float64 }

func newPrefix(n int) prefix {
	return prefix{hi: make([]float64, n+1), lo: make([]float64, n+1)}
}

func (p prefix) set(i int, k kahan.Sum) { p.hi[i], p.lo[i] = k.Hi, k.Lo }

func (p prefix) sum(i, j int) float64 {
	return (p.hi[j] - p.hi[i]) + (p.lo[j] - p.lo[i])
}
