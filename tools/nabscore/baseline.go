package main

import (
	"math"

	"github.com/claudeenhancer/monitoring/pkg/detect"
)

// windowedGaussian replays NAB's "Windowed Gaussian" baseline
// (nab/detectors/gaussian): the score of a row is the Gaussian tail
// probability of its distance from the mean and population sd of up to the
// 1000 previous rows. It exists to check this scorer against NAB's published
// number for that detector (22.0 on the development corpus); the tail
// direction is selectable because NAB's code and its description disagree.
type windowedGaussian struct {
	win    []float64
	invert bool // score 1 − Q(|z|) instead of Q(|z|)
}

func (g *windowedGaussian) Step(x float64) float64 {
	score := 0.0
	if n := len(g.win); n > 0 {
		var s, q float64
		for _, v := range g.win {
			s += v
		}
		mean := s / float64(n)
		for _, v := range g.win {
			q += (v - mean) * (v - mean)
		}
		sd := math.Sqrt(q / float64(n))
		if sd == 0 {
			sd = 1e-6
		}
		score = detect.NormalSF(math.Abs(x-mean) / sd)
		if g.invert {
			score = 1 - score
		}
	}
	if len(g.win) == 1000 {
		g.win = g.win[1:]
	}
	g.win = append(g.win, x)
	return score
}
