package main

import (
	"math"

	"github.com/claudeenhancer/monitoring/pkg/detect"
)

// windowedGaussian replays the scores of NAB's "Windowed Gaussian" detector
// (numenta/NAB, nab/detectors/gaussian): before a row joins the window, its
// score is 1 − Q(|x − mean|/sd) over the mean and population sd (numpy.std)
// of up to the 1000 previous rows, sd 0 taken as 1e-6, and 0 for the first
// row. Q is the standard normal upper tail, so the score nears 1 as the
// value leaves the window's bulk on either side. These are the anomaly_score
// values of NAB's published results for that detector
// (results/windowedGaussian/…): TestWindowedGaussianMatchesNABsPublishedRows
// checks rows of one of them.
type windowedGaussian struct {
	win []float64
}

// windowedGaussianSize is the detector's windowSize (its stepSize is 1).
const windowedGaussianSize = 1000

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
		score = 1 - detect.NormalSF(math.Abs(x-mean)/sd)
	}
	if len(g.win) == windowedGaussianSize {
		g.win = g.win[1:]
	}
	g.win = append(g.win, x)
	return score
}
