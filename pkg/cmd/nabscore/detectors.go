package main

import (
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
}

func registerDetectorFlags(fs *flag.FlagSet) *detectorFlags {
	c := &detectorFlags{}
	fs.StringVar(&c.method, "method", "nab", "nab (the NAB configuration of pkg/detect), a pkg/detect method (zscore, robust, ewma), or gaussian / gaussian-inv (NAB's Windowed Gaussian baseline)")
	fs.IntVar(&c.window, "window", 0, "baseline window in points for point methods (0: default)")
	fs.Float64Var(&c.threshold, "threshold", 0, "band threshold for point methods (0: default)")
	fs.IntVar(&c.novelty, "novelty", 0, "nab: memory of past surprises in points (0: default 400)")
	fs.Float64Var(&c.floor, "floor", 0, "nab: robust |z| a point must exceed to be novel (0: default 3)")
	fs.IntVar(&c.seasons, "seasons", 0, "nab: seasons medianed per period (0: default 3)")
	fs.Float64Var(&c.spatial, "spatial", 0, "nab: new-extreme tolerance as a fraction of the seen range (0: default 0.05, negative: off)")
	fs.StringVar(&c.periods, "periods", "", "nab: comma-separated seasonal periods, e.g. 24h,168h (default); \"none\" for none")
	return c
}

func (c *detectorFlags) String() string {
	if c.method == "nab" {
		return fmt.Sprintf("method=nab window=%d novelty=%d floor=%g seasons=%d periods=%q spatial=%g (0/empty: defaults)",
			c.window, c.novelty, c.floor, c.seasons, c.periods, c.spatial)
	}
	return fmt.Sprintf("method=%s window=%d threshold=%g", c.method, c.window, c.threshold)
}

func (c *detectorFlags) build() (func() Scorer, error) {
	switch c.method {
	case "gaussian", "gaussian-inv":
		inv := c.method == "gaussian-inv"
		return func() Scorer { return valueOnly{&windowedGaussian{invert: inv}} }, nil
	case "nab":
		o := detect.NABOptions{Window: c.window, Novelty: c.novelty, Floor: c.floor, Seasons: c.seasons, Spatial: c.spatial}
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
		return func() Scorer {
			d, _ := detect.NewNAB(o)
			return d
		}, nil
	}
	m, err := detect.ParseMethod(c.method)
	if err != nil {
		return nil, err
	}
	o := detect.Options{Method: m, Window: c.window, Threshold: c.threshold}
	if err := o.Validate(); err != nil {
		return nil, err
	}
	return func() Scorer {
		d, _ := detect.New(o)
		return pointScorer{d}
	}, nil
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

type valueOnly struct {
	s interface{ Step(float64) float64 }
}

func (v valueOnly) Step(_ time.Time, x float64) float64 { return v.s.Step(x) }

// pointScorer maps a point detector's band score s ∈ [0, ∞] to s/(1+s).
type pointScorer struct{ d detect.Detector }

func (p pointScorer) Step(_ time.Time, x float64) float64 {
	s := p.d.Step(x).Score
	switch {
	case math.IsNaN(s):
		return 0
	case math.IsInf(s, 1):
		return 1
	}
	return s / (1 + s)
}
