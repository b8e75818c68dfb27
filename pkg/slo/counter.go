package slo

import (
	"fmt"
	"math"

	"github.com/claudeenhancer/monitoring/pkg/internal/kahan"
)

// FirstSample says what the first sample of a counter series contributes.
type FirstSample int

const (
	// FirstSampleSkipped: the first sample is only a baseline, as in
	// Prometheus' increase(): a series born at 5 shows an increase of 0
	// (§11.5, checked with promtool). Right for series that existed before
	// the fetched range; loses the first increment of a late-born series.
	FirstSampleSkipped FirstSample = iota
	// FirstSampleFromZero: the first sample counts from zero, so a series
	// born inside the range at 5 contributes 5. Right for a late-born series
	// (an error counter created on the first error); wrong for a series whose
	// history merely starts before the range, so fetch one sample before
	// the range start to use it safely.
	FirstSampleFromZero
)

// CounterIncreases turns raw cumulative counter samples (times in Unix
// milliseconds, strictly increasing; NaN values are gaps, e.g. staleness
// markers) into per-bucket increases on g:
//
//	d_i = v_i − v_{i−1}   if v_i ≥ v_{i−1}
//	d_i = v_i             otherwise (a reset: the counter restarted from 0)
//
// Each d_i is added to the bucket containing t_i (buckets are left-open, so a
// sample exactly on a bucket end belongs to that bucket). Across a gap, the
// next sample is compared with the last one before it, so the increase over
// the gap lands in the bucket where scraping resumed, and the buckets inside
// the gap are 0, not missing: the time is accounted for. Buckets before the
// first sample and after the last one are NaN (no data). Samples before
// g.Start serve as a baseline only.
//
// Accuracy: exact, without extrapolation — the sum over any run of buckets
// equals the counter's increase between the samples bounding it, and each
// increment lands at most one scrape interval after it happened. Increments
// between the last scrape and a restart are lost (a lower bound, as in
// Prometheus). Errors wrap ErrInput.
func CounterIncreases(times []int64, values []float64, g Grid, first FirstSample) ([]float64, error) {
	if err := g.validate(); err != nil {
		return nil, err
	}
	if len(times) != len(values) {
		return nil, fmt.Errorf("%w: %d times and %d values", ErrInput, len(times), len(values))
	}
	out := make([]float64, g.N)
	for i := range out {
		out[i] = math.NaN()
	}
	start := g.Start.UnixMilli()
	step := g.Step.Milliseconds()
	if step <= 0 {
		return nil, fmt.Errorf("%w: grid step %s is shorter than a millisecond", ErrInput, g.Step)
	}
	last := math.NaN()
	lastBucket := -1 // bucket of the previous valid sample, clamped to ≥ -1
	for i, t := range times {
		if i > 0 && t <= times[i-1] {
			return nil, fmt.Errorf("%w: sample times must increase (index %d)", ErrInput, i)
		}
		v := values[i]
		if math.IsNaN(v) {
			continue
		}
		k := bucketOf(t, start, step)
		d := 0.0
		switch {
		case math.IsNaN(last):
			if first == FirstSampleFromZero {
				d = v
			}
		case v >= last:
			d = v - last
		default:
			d = v
		}
		if !math.IsNaN(last) {
			// The interval since the previous sample is accounted for.
			for j := max(lastBucket+1, 0); j < min(k, g.N); j++ {
				if math.IsNaN(out[j]) {
					out[j] = 0
				}
			}
		}
		if k >= g.N {
			break
		}
		if k >= 0 {
			if math.IsNaN(out[k]) {
				out[k] = 0
			}
			out[k] += d
		}
		last, lastBucket = v, max(k, -1)
	}
	return out, nil
}

// bucketOf is the index of the left-open bucket containing t: ⌈(t−start)/step⌉ − 1.
func bucketOf(t, start, step int64) int {
	off := t - start
	q := off / step // truncates toward zero: the ceiling when off < 0
	if off > 0 && off%step != 0 {
		q++
	}
	return int(q) - 1
}

// SumIncreases adds per-bucket increases of several series (e.g. one per
// instance) into one: NaN only where every series is NaN, a missing series
// otherwise counting 0. Series must have equal lengths (ErrInput).
func SumIncreases(series ...[]float64) ([]float64, error) {
	if len(series) == 0 {
		return nil, nil
	}
	n := len(series[0])
	out := make([]float64, n)
	for i := range out {
		var k kahan.Sum
		present := false
		for _, s := range series {
			if len(s) != n {
				return nil, fmt.Errorf("%w: series of lengths %d and %d", ErrInput, n, len(s))
			}
			if !math.IsNaN(s[i]) {
				k.Add(s[i])
				present = true
			}
		}
		out[i] = math.NaN()
		if present {
			out[i] = k.Value()
		}
	}
	return out, nil
}
