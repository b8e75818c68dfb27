package main

import (
	"cmp"
	"flag"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/claudeenhancer/monitoring/pkg/detect"
)

// Scorer turns one file's stream into NAB anomaly scores in [0, 1].
type Scorer interface {
	Step(t time.Time, x float64) float64
}

type detectorFlags struct {
	method    string
	window    int
	threshold float64
	novelty   int
	floor     float64
	seasons   int
	periods   string
	spatial   float64
	knnDim    int
	knnK      int
	knnRef    int
	rest      int
}

func registerDetectorFlags(fs *flag.FlagSet) *detectorFlags {
	c := &detectorFlags{}
	fs.StringVar(&c.method, "method", "nab", "nab (the NAB configuration of pkg/detect), a pkg/detect method (zscore, robust, ewma), gaussian (the scores of NAB's Windowed Gaussian detector), or knncad (the pattern score alone)")
	fs.IntVar(&c.window, "window", 0, "baseline window in points for point methods (0: default)")
	fs.Float64Var(&c.threshold, "threshold", 0, "band threshold for point methods (0: default)")
	fs.IntVar(&c.novelty, "novelty", 0, "nab: memory of past surprises in points (0: default 400)")
	fs.Float64Var(&c.floor, "floor", 0, "nab: robust |z| a point must exceed to be novel (0: default 3)")
	fs.IntVar(&c.seasons, "seasons", 0, "nab: seasons medianed per period (0: default 3)")
	fs.Float64Var(&c.spatial, "spatial", 0, "nab: new-extreme tolerance as a fraction of the seen range (0: default 0.05, negative: off)")
	fs.StringVar(&c.periods, "periods", "", "nab: comma-separated seasonal periods, e.g. 24h,168h (default); \"none\" for none")
	fs.IntVar(&c.knnDim, "knn-dim", 0, "nab, knncad: embedding length of the pattern score (0: default 19, negative: off)")
	fs.IntVar(&c.knnK, "knn-k", 0, "nab, knncad: neighbours of the pattern score (0: default 27)")
	fs.IntVar(&c.knnRef, "knn-ref", 0, "nab, knncad: training and calibration size of the pattern score (0: default 750)")
	fs.IntVar(&c.rest, "rest", 0, "nab: points during which a score below an earlier one reports 0 (0: default 150, negative: off)")
	return c
}

func (c *detectorFlags) String() string {
	if c.method == "nab" {
		return fmt.Sprintf("method=nab window=%d novelty=%d floor=%g seasons=%d periods=%q spatial=%g knn-dim=%d knn-k=%d knn-ref=%d rest=%d (0/empty: defaults)",
			c.window, c.novelty, c.floor, c.seasons, c.periods, c.spatial, c.knnDim, c.knnK, c.knnRef, c.rest)
	}
	return fmt.Sprintf("method=%s window=%d threshold=%g", c.method, c.window, c.threshold)
}

// build returns the configured detector as a function scoring one file.
func (c *detectorFlags) build() (func(File) ([]float64, error), error) {
	switch c.method {
	case "gaussian":
		return streaming(func() Scorer { return valueOnly{&windowedGaussian{}} }), nil
	case "knncad":
		dim, k, ref := cmp.Or(c.knnDim, 19), cmp.Or(c.knnK, 27), cmp.Or(c.knnRef, 750)
		if _, err := detect.NewKNNCAD(dim, k, ref); err != nil {
			return nil, err
		}
		return streaming(func() Scorer {
			d, _ := detect.NewKNNCAD(dim, k, ref)
			return valueOnly{knnScorer{d}}
		}), nil
	case "nab":
		o := detect.NABOptions{Window: c.window, Novelty: c.novelty, Floor: c.floor, Seasons: c.seasons, Spatial: c.spatial,
			Pattern: c.knnDim, Neighbours: c.knnK, Reference: c.knnRef, Rest: c.rest}
		if c.periods != "" {
			ps, err := parsePeriods(c.periods)
			if err != nil {
				return nil, err
			}
			o.Periods = ps
		}
		if _, err := detect.NewNAB(o); err != nil {
			return nil, err
		}
		return streaming(func() Scorer {
			d, _ := detect.NewNAB(o)
			return d
		}), nil
	}
	m, err := detect.ParseMethod(c.method)
	if err != nil {
		return nil, err
	}
	o := detect.Options{Method: m, Window: c.window, Threshold: c.threshold}
	if err := o.Validate(); err != nil {
		return nil, err
	}
	return func(f File) ([]float64, error) {
		b := detect.MakeBands(len(f.Values))
		if err := detect.RunBands(f.Values, o, b); err != nil {
			return nil, err
		}
		out := make([]float64, len(b.Score))
		for i, s := range b.Score {
			out[i] = nabScore(s)
		}
		return out, nil
	}, nil
}

// streaming scores a file through a fresh Scorer per file.
func streaming(newScorer func() Scorer) func(File) ([]float64, error) {
	return func(f File) ([]float64, error) { return scoreFile(newScorer(), f), nil }
}

func parsePeriods(s string) ([]time.Duration, error) {
	if s == "none" {
		return []time.Duration{}, nil
	}
	var out []time.Duration
	for _, f := range strings.Split(s, ",") {
		d, err := time.ParseDuration(strings.TrimSpace(f))
		if err != nil {
			return nil, fmt.Errorf("--periods: %w", err)
		}
		out = append(out, d)
	}
	return out, nil
}

// knnScorer maps KNN-CAD's ratio ρ to √ρ/(1 + √ρ), as the nab configuration
// does (0 during warm-up): KNN-CAD alone, for comparison.
type knnScorer struct{ d *detect.KNNCAD }

func (k knnScorer) Step(x float64) float64 {
	_, r := k.d.Step(x)
	if math.IsNaN(r) {
		return 0
	}
	return 1 - 1/(1+math.Sqrt(r)) // +Inf → 1
}

type valueOnly struct {
	s interface{ Step(float64) float64 }
}

func (v valueOnly) Step(_ time.Time, x float64) float64 { return v.s.Step(x) }

// nabScore maps a point detector's band score s ∈ [0, ∞] to s/(1+s), NaN
// (warm-up, gaps) to 0. detect.Run scores each point from the earlier ones
// only, so scoring the whole file at once equals streaming it.
func nabScore(s float64) float64 {
	switch {
	case math.IsNaN(s):
		return 0
	case math.IsInf(s, 1):
		return 1
	}
	return s / (1 + s)
}
