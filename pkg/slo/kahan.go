package slo

import "math"

// kahan is a compensated (Kahan–Babuška/Neumaier) running sum: the true sum
// is sum+c to within a few ulps whatever the number of terms.
type kahan struct{ sum, c float64 }

func (k *kahan) add(x float64) {
	t := k.sum + x
	if math.Abs(k.sum) >= math.Abs(x) {
		k.c += (k.sum - t) + x
	} else {
		k.c += (x - t) + k.sum
	}
	k.sum = t
}

func (k *kahan) value() float64 { return k.sum + k.c }

// prefix holds compensated prefix sums: the sum of terms [0, i) is
// hi[i]+lo[i]. A range sum is (hi[j]−hi[i]) + (lo[j]−lo[i]), accurate
// relative to the range's own magnitude rather than to the running total,
// so a 5 m window at the end of 30 days of traffic keeps its precision, and
// a range of zeros sums to exactly zero.
type prefix struct{ hi, lo []float64 }

func newPrefix(n int) prefix {
	return prefix{hi: make([]float64, n+1), lo: make([]float64, n+1)}
}

func (p prefix) set(i int, k kahan) { p.hi[i], p.lo[i] = k.sum, k.c }

func (p prefix) sum(i, j int) float64 {
	return (p.hi[j] - p.hi[i]) + (p.lo[j] - p.lo[i])
}
