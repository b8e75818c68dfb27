package slo

import (
	"fmt"
	"math"
	"time"
)

// maxSlots bounds the work AvailabilityEvents accepts (30 d at 1 s is 2.6 M).
const maxSlots = 50_000_000

// AvailabilityEvents turns samples of a bool gauge, or of the share of
// targets up (avg(up{…}) per step), into time-weighted events on g: Good is
// up-seconds and Total observed (or expected) seconds in each bucket, Unit
// UnitSeconds.
//
// Samples are expected every interval, on the slots t0, t0+interval, … from
// the first non-NaN sample t0 (times in Unix ms, strictly increasing; NaN is
// a gap). A sample at t stands for the slot (t−interval, t]; several samples
// in one slot are averaged; values are clamped to [0, 1]. Slots run up to
// g's end, so a target that stopped reporting is a trailing gap. A slot
// without a sample is a gap, which the policy decides:
//
//	GapsAsDown:  Total += slot, Good += 0   (the seed's "allowed downtime")
//	GapsIgnored: nothing                     (sum_over_time/count_over_time)
//
// Time before the first sample is missing history (NaN buckets) under both
// policies; a bucket without any observed or expected time is NaN. Slots are
// split exactly across bucket edges, so any interval/step pair works; on a
// grid aligned with the slots the result is exact: "gaps as down" counts
// the expected samples exactly, without the one-sample overstatement of an
// inclusive PromQL range evaluated on the scrape grid (Prometheus 2's range
// selectors are closed, [t − w, t], so an aligned one holds w/interval + 1
// samples; Prometheus 3 made them left-open).
// Errors wrap ErrInput or ErrGapPolicy.
func AvailabilityEvents(times []int64, values []float64, interval time.Duration, g Grid, gaps GapPolicy) (Events, error) {
	if err := g.validate(); err != nil {
		return Events{}, err
	}
	if gaps != GapsAsDown && gaps != GapsIgnored {
		return Events{}, fmt.Errorf("%w, got %q", ErrGapPolicy, gaps)
	}
	s := interval.Milliseconds()
	if s <= 0 || len(times) != len(values) {
		return Events{}, fmt.Errorf("%w: interval %s, %d times, %d values", ErrInput, interval, len(times), len(values))
	}
	for i := 1; i < len(times); i++ {
		if times[i] <= times[i-1] {
			return Events{}, fmt.Errorf("%w: sample times must increase (index %d)", ErrInput, i)
		}
	}
	e := missingEvents(g, UnitSeconds)
	first := -1
	for i, v := range values {
		if !math.IsNaN(v) {
			first = i
			break
		}
	}
	if first < 0 || g.N == 0 {
		return e, nil
	}
	gs, step := g.Start.UnixMilli(), g.Step.Milliseconds()
	ge := gs + int64(g.N)*step
	t0 := times[first]
	if ge <= t0-s {
		return e, nil
	}
	slots := (ge-t0)/s + 2
	if slots > maxSlots {
		return Events{}, fmt.Errorf("%w: %d sample slots (interval %s over %s) exceed %d", ErrInput, slots, interval, time.Duration(ge-t0)*time.Millisecond, maxSlots)
	}
	// Plain sums: a bucket adds only step/interval slot pieces; the long
	// sums are the Ledger's, compensated.
	good := make([]float64, g.N)
	total := make([]float64, g.N)
	touched := make([]bool, g.N)
	i := first
	for j := int64(0); ; j++ {
		end := t0 + j*s // slot (end−s, end]
		if end-s >= ge {
			break
		}
		var sum float64
		n := 0
		for ; i < len(times) && times[i] <= end; i++ {
			if v := values[i]; !math.IsNaN(v) {
				sum += math.Min(1, math.Max(0, v))
				n++
			}
		}
		if n == 0 && gaps == GapsIgnored {
			continue
		}
		up := 0.0
		if n > 0 {
			up = sum / float64(n)
		}
		// Split the slot over the buckets it overlaps.
		for u, stop := max(end-s, gs), min(end, ge); u < stop; {
			k := (u - gs) / step
			seg := min(stop, gs+(k+1)*step) - u
			sec := float64(seg) / 1000
			total[k] += sec
			good[k] += up * sec
			touched[k] = true
			u += seg
		}
	}
	for k := range touched {
		if touched[k] {
			e.Good[k], e.Total[k] = good[k], total[k]
		}
	}
	return e, nil
}
