package slo

import (
	"fmt"
	"math"
	"time"

	"github.com/claudeenhancer/monitoring/pkg/internal/kahan"
)

// Ledger indexes Events with compensated prefix sums so the sums over any
// window cost O(1). It is immutable once built and safe for concurrent use.
//
// Building it cleans the input: a bucket is missing when Total or Good is
// NaN or ±Inf, or Total < 0; Good is clamped to [0, Total] (a success
// counter exceeding its total, pyrra#448). Each such repair is counted in
// Inconsistent so the summary can report the data-quality problem.
type Ledger struct {
	start        time.Time
	step         time.Duration
	n            int
	unit         Unit
	bad, total   prefix
	covered      prefix // seconds of time each bucket accounts for
	present      []int32
	first        int // first present bucket, -1 when none
	inconsistent int
}

// NewLedger validates and indexes ev (ErrInput when Step ≤ 0, the slices
// differ in length, or the unit is unknown). Covered time per present bucket
// is Step for event units and Total (the observed seconds) for UnitSeconds.
func NewLedger(ev Events) (*Ledger, error) {
	if ev.Step <= 0 || len(ev.Good) != len(ev.Total) {
		return nil, fmt.Errorf("%w: step %s, %d good and %d total buckets", ErrInput, ev.Step, len(ev.Good), len(ev.Total))
	}
	unit := ev.Unit
	if unit == "" {
		unit = UnitEvents
	}
	if unit != UnitEvents && unit != UnitSeconds {
		return nil, fmt.Errorf("%w: unknown unit %q", ErrInput, ev.Unit)
	}
	n := len(ev.Total)
	l := &Ledger{
		start: ev.Start, step: ev.Step, n: n, unit: unit,
		bad: newPrefix(n), total: newPrefix(n), covered: newPrefix(n),
		present: make([]int32, n+1), first: -1,
	}
	stepSec := ev.Step.Seconds()
	var kb, kt, kc kahan.Sum
	var p int32
	for i := range n {
		g, t := ev.Good[i], ev.Total[i]
		switch {
		case math.IsNaN(t) || math.IsNaN(g):
		case math.IsInf(t, 0) || math.IsInf(g, 0) || t < 0:
			l.inconsistent++
		default:
			if g < 0 || g > t {
				l.inconsistent++
				g = math.Min(t, math.Max(0, g))
			}
			kb.Add(t - g)
			kt.Add(t)
			if unit == UnitSeconds {
				kc.Add(t)
			} else {
				kc.Add(stepSec)
			}
			p++
			if l.first < 0 {
				l.first = i
			}
		}
		l.bad.set(i+1, kb)
		l.total.set(i+1, kt)
		l.covered.set(i+1, kc)
		l.present[i+1] = p
	}
	return l, nil
}

// Step is the bucket width.
func (l *Ledger) Step() time.Duration { return l.step }

// Unit is the unit of the sums.
func (l *Ledger) Unit() Unit { return l.unit }

// Grid is the ledger's bucket grid.
func (l *Ledger) Grid() Grid { return Grid{Start: l.start, Step: l.step, N: l.n} }

// Inconsistent counts the buckets repaired or dropped when building.
func (l *Ledger) Inconsistent() int { return l.inconsistent }

// HistoryStart is the opening edge of the first present bucket (zero-traffic
// buckets are present); false when no bucket is.
func (l *Ledger) HistoryStart() (time.Time, bool) {
	if l.first < 0 {
		return time.Time{}, false
	}
	return l.start.Add(time.Duration(l.first) * l.step), true
}

// floorEnd is the latest bucket end ≤ t on the grid (possibly outside it).
func (l *Ledger) floorEnd(t time.Time) time.Time {
	return l.start.Add(time.Duration(floorDiv(t.Sub(l.start), l.step)) * l.step)
}

// index maps the window (from, to] to the bucket range [i, j) whose ends lie
// in it, clamped to the grid.
func (l *Ledger) index(from, to time.Time) (int, int) {
	i := clampInt(floorDiv(from.Sub(l.start), l.step), 0, int64(l.n))
	j := clampInt(floorDiv(to.Sub(l.start), l.step), 0, int64(l.n))
	if j < i {
		j = i
	}
	return i, j
}

// Tally sums the buckets whose end lies in (from, to]. Exact on a grid where
// from and to are bucket ends; otherwise a bucket straddling from is
// included and one straddling to is not.
func (l *Ledger) Tally(from, to time.Time) Tally {
	i, j := l.index(from, to)
	return l.tally(i, j)
}

func (l *Ledger) tally(i, j int) Tally {
	bad := math.Max(0, l.bad.sum(i, j))
	total := math.Max(0, l.total.sum(i, j))
	return Tally{
		Good:    math.Max(0, total-bad),
		Bad:     bad,
		Total:   total,
		Covered: time.Duration(math.Max(0, l.covered.sum(i, j)) * float64(time.Second)),
		Buckets: j - i,
		Present: int(l.present[j] - l.present[i]),
	}
}

// Tally is the sum of a window's buckets.
type Tally struct {
	Good, Bad, Total float64       // in the ledger's unit
	Covered          time.Duration // time the present buckets account for
	Buckets, Present int           // buckets in the window, and present ones
}

// SLI is the event-weighted SLI Good/Total, a ratio of sums (good events over
// valid events: Google SRE Workbook, ch. 2 "Implementing SLOs"). NaN when
// Total is 0: zero traffic is no data, never good or bad.
func (t Tally) SLI() float64 {
	if !(t.Total > 0) {
		return math.NaN()
	}
	return 1 - t.Bad/t.Total
}

// ErrorRatio is Bad/Total; NaN when Total is 0.
func (t Tally) ErrorRatio() float64 {
	if !(t.Total > 0) {
		return math.NaN()
	}
	return t.Bad / t.Total
}

// BurnRate is the rate the window spends budget at, relative to spending
// exactly the budget over the period (Google SRE Workbook, ch. 5 "Alerting on SLOs"), pro-rated by
// coverage:
//
//	BR = (Bad/Total) / (1 − objective) · min(1, Covered/span)
//
// With the window fully covered it is the Workbook's burn rate; time without
// data counts as traffic at the observed rate that spent nothing (package
// doc, "Partial windows"). NaN when Total is 0. Precondition: 0 < objective < 1.
func (t Tally) BurnRate(objective float64, span time.Duration) float64 {
	er := t.ErrorRatio()
	if math.IsNaN(er) {
		return er
	}
	return er / (1 - objective) * t.coverage(span)
}

// coverage is min(1, Covered/span); 1 when span ≤ 0.
func (t Tally) coverage(span time.Duration) float64 {
	if span <= 0 {
		return 1
	}
	return math.Min(1, float64(t.Covered)/float64(span))
}

func floorDiv(a, b time.Duration) int64 {
	q := int64(a / b)
	if a%b != 0 && a < 0 {
		q--
	}
	return q
}

func clampInt(v, lo, hi int64) int {
	return int(min(max(v, lo), hi))
}
