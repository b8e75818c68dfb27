package slo

import (
	"fmt"
	"math"
	"time"
)

// Unit is what an SLI's events count.
type Unit string

// Units.
const (
	// UnitEvents: requests (ratio and latency SLIs).
	UnitEvents Unit = "events"
	// UnitSeconds: up time over observed time (availability SLIs).
	UnitSeconds Unit = "seconds"
)

// Grid is a fixed bucket grid: N buckets of width Step, bucket i covering
// (Start+i·Step, Start+(i+1)·Step].
type Grid struct {
	Start time.Time
	Step  time.Duration
	N     int
}

// End is Start + N·Step, the end of the last bucket.
func (g Grid) End() time.Time { return g.Start.Add(time.Duration(g.N) * g.Step) }

func (g Grid) validate() error {
	if g.Step <= 0 || g.N < 0 {
		return fmt.Errorf("%w: grid step %s and length %d must be positive", ErrInput, g.Step, g.N)
	}
	return nil
}

// Events is an SLI's input: per-bucket good and total events on a grid.
// Total[i] NaN marks a missing bucket (no samples); Total[i] = 0 is a bucket
// with zero traffic. A NaN Good with a present Total is also missing (use
// EventsFromBad for bad/total SLIs, where an absent bad series means no bad
// events). Unit is UnitEvents when empty.
type Events struct {
	Start time.Time
	Step  time.Duration
	Good  []float64
	Total []float64
	Unit  Unit
}

// Grid is the events' grid.
func (e Events) Grid() Grid { return Grid{Start: e.Start, Step: e.Step, N: len(e.Total)} }

// EventsFromBad builds events from per-bucket bad and total counts on g:
// good = total − bad. A NaN bad where total is present counts as 0 bad: an
// error series that does not exist yet has produced no errors (a counter
// created on its first error). A NaN total is a missing bucket. Slices must
// have length g.N.
func EventsFromBad(g Grid, bad, total []float64) (Events, error) {
	if err := g.validate(); err != nil {
		return Events{}, err
	}
	if len(bad) != g.N || len(total) != g.N {
		return Events{}, fmt.Errorf("%w: %d bad and %d total buckets for a grid of %d", ErrInput, len(bad), len(total), g.N)
	}
	e := missingEvents(g, UnitEvents)
	for i, t := range total {
		if math.IsNaN(t) {
			continue
		}
		b := bad[i]
		if math.IsNaN(b) {
			b = 0
		}
		e.Good[i], e.Total[i] = t-b, t
	}
	return e, nil
}

func missingEvents(g Grid, u Unit) Events {
	e := Events{Start: g.Start, Step: g.Step, Good: make([]float64, g.N), Total: make([]float64, g.N), Unit: u}
	for i := range e.Total {
		e.Good[i], e.Total[i] = math.NaN(), math.NaN()
	}
	return e
}
