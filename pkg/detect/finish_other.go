//go:build !amd64 || purego

package detect

// hasAVX2 is false off amd64 (or with the purego tag): finishGo does all.
var hasAVX2 = false

func (b band) finishVector([]float64, Bands, moments) int { return 0 }
