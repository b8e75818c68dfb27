//go:build amd64 && !purego

package detect

import "golang.org/x/sys/cpu"

// hasAVX2 selects the vector finish; tests switch it off to compare.
var hasAVX2 = cpu.X86.HasAVX2

// finishAVX2 is finishGo over the first n points (n a multiple of 4), four
// lanes at a time. Arguments are the first elements of the columns; flip and
// enable are all-ones or zero lane masks encoding the direction (see
// finishVector).
//
//go:noescape
func finishAVX2(xs, yh, lo, up, sc *float64, an *bool, n int, shift, invw, invwm1, k, floor float64, flip, enable uint64)

// finishVector finishes the longest multiple-of-4 prefix of xs with AVX2 and
// returns its length (0 without AVX2).
func (b band) finishVector(xs []float64, out Bands, m moments) int {
	n := len(xs) &^ 3
	if !hasAVX2 || n == 0 {
		return 0
	}
	yh, lo, up, sc, an := out.Yhat[:n], out.Lower[:n], out.Upper[:n], out.Score[:n], out.Anomaly[:n]
	// The one-sided rule zeroes dev where (d < 0) == (dir == Up), i.e. where
	// (d < 0) XOR flip, flip being true for Down.
	var flip, enable uint64
	if b.dir != Both {
		enable = ^uint64(0)
	}
	if b.dir == Down {
		flip = ^uint64(0)
	}
	finishAVX2(&xs[0], &yh[0], &lo[0], &up[0], &sc[0], &an[0], n, m.shift, m.invw, m.invwm1, b.k, b.floor, flip, enable)
	return n
}
