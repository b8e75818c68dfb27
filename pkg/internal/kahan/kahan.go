// Package kahan is a compensated (Kahan–Babuška/Neumaier) running sum, the
// one the detection and SLO maths use for long streams of large values.
package kahan

import "math"

// Sum is a compensated running sum: the true sum is Hi+Lo to within a few
// ulps, whatever the number of terms. The zero value is an empty sum.
type Sum struct{ Hi, Lo float64 }

// Add adds x.
func (k *Sum) Add(x float64) {
	t := k.Hi + x
	if math.Abs(k.Hi) >= math.Abs(x) {
		k.Lo += (k.Hi - t) + x
	} else {
		k.Lo += (x - t) + k.Hi
	}
	k.Hi = t
}

// Value is the sum, rounded once.
func (k *Sum) Value() float64 { return k.Hi + k.Lo }
