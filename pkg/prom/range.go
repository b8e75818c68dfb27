package prom

import (
	"fmt"
	"math"
	"strconv"
	"time"
)

// MaxIntervals is Prometheus' own resolution limit for range queries: it
// rejects a query when (end-start)/step, in whole steps, exceeds 11,000.
// Such a query has Points() = 11,001 at most.
const MaxIntervals = 11000

// Points is the number of evaluation timestamps in r: ⌊(End−Start)/Step⌋+1,
// counting both ends. It is 0 when r is not valid (Step ≤ 0 or End before
// Start) and saturates at math.MaxInt64.
func (r Range) Points() int64 {
	if r.Step <= 0 || r.End.Before(r.Start) {
		return 0
	}
	n := int64(r.End.Sub(r.Start) / r.Step) // Sub saturates at ±292 years
	if n == math.MaxInt64 {
		return n
	}
	return n + 1
}

// Validate returns an error wrapping ErrInvalidRange when Start or End is
// zero, Step ≤ 0, End is before Start, or the range has more steps than
// Prometheus accepts (see MaxIntervals). The message says how many points
// were asked for, so the user knows how far to raise the step.
func (r Range) Validate() error {
	switch {
	case r.Start.IsZero() || r.End.IsZero():
		return fmt.Errorf("%w: start and end are required", ErrInvalidRange)
	case r.Step <= 0:
		return fmt.Errorf("%w: step must be positive, got %v", ErrInvalidRange, r.Step)
	case r.End.Before(r.Start):
		return fmt.Errorf("%w: end %s is before start %s", ErrInvalidRange,
			r.End.UTC().Format(time.RFC3339), r.Start.UTC().Format(time.RFC3339))
	}
	if p := r.Points(); p-1 > MaxIntervals {
		return fmt.Errorf("%w: %d points per series (%v at step %v) exceed the limit of %d; use a step of at least %v",
			ErrInvalidRange, p, r.End.Sub(r.Start), r.Step, MaxIntervals+1, minStep(r.End.Sub(r.Start)))
	}
	return nil
}

// minStep is the smallest whole-second step that keeps d within MaxIntervals.
func minStep(d time.Duration) time.Duration {
	s := (d + MaxIntervals*time.Second - 1) / (MaxIntervals * time.Second)
	return max(s, 1) * time.Second
}

// formatTime renders t as Unix seconds with millisecond precision and no
// trailing zeros ("1764201600", "1764201600.5", "1764201600.123"), the form
// Prometheus parses without loss. It is exact: no float64 round trip.
func formatTime(t time.Time) string {
	ms := t.UnixMilli()
	sign := ""
	if ms < 0 {
		sign, ms = "-", -ms
	}
	s := sign + strconv.FormatInt(ms/1000, 10)
	if frac := ms % 1000; frac != 0 {
		f := strconv.FormatInt(1000+frac, 10)[1:] // zero-padded to 3 digits
		for f[len(f)-1] == '0' {
			f = f[:len(f)-1]
		}
		s += "." + f
	}
	return s
}

// formatStep renders a step in seconds ("15", "0.5").
func formatStep(d time.Duration) string {
	return strconv.FormatFloat(d.Seconds(), 'f', -1, 64)
}
