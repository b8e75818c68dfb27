package slo

import (
	"time"

	"github.com/claudeenhancer/monitoring/pkg/promdur"
)

// Reads names the figures an SLO query's output reads, which decide how far
// back its buckets go (NewPlan).
type Reads int

const (
	// ReadsSummary: the window's budget and the summary's short windows
	// (burn-rate pairs, exhaustion lookback, sustained violation) before
	// the instant. The budget output reads the same figures.
	ReadsSummary Reads = iota
	// ReadsBurndown: the window.
	ReadsBurndown
	// ReadsBurnRates: the longest pair window before the visible range.
	ReadsBurnRates
	// ReadsAlert: the longest pair window before the instant.
	ReadsAlert
)

// Plan is what one SLO query evaluates: the instant End, the burn-rate
// pairs, the first visible instant and the bucket grid to fetch, whose
// last bucket ends at End. Every output of a query ending at the same
// instant gets the same grid alignment and the same pairs, so the
// summary's burn rates, the burn-rate series at End and the alert values
// agree.
type Plan struct {
	End     time.Time
	Visible time.Time
	Pairs   []Pair
	Grid    Grid
}

// NewPlan plans an SLO query over the time range [from, to] at bucket step
// step: the instant is to, rounded down to the step (buckets are aligned to
// multiples of the step since the Unix epoch); the visible range starts at
// from, or maxHistory before the instant if that is later; the grid starts
// at the bucket end at or before the earliest instant reads needs.
func NewPlan(s SLO, step time.Duration, reads Reads, from, to time.Time, maxHistory time.Duration) Plan {
	end := promdur.AlignDown(to, step)
	p := Plan{End: end, Pairs: Pairs(s.Window.Nominal(), s.Objective, step)}
	p.Visible = from
	if v := end.Add(-maxHistory); v.After(from) {
		p.Visible = v
	}
	first := p.earliest(s, reads)
	n := int((end.Sub(first) + step - 1) / step)
	p.Grid = Grid{Start: end.Add(-time.Duration(n) * step), Step: step, N: n}
	return p
}

// earliest is the earliest instant an output reads: the window for the
// burndown; also the short windows before the instant for the summary and
// the budget; the longest pair window before the instant (alert) or
// before the visible range (burn-rate series).
func (p Plan) earliest(s SLO, reads Reads) time.Time {
	longest := shortWindowSpan(s, p.Pairs)
	winStart, _ := s.Window.Bounds(p.End)
	switch reads {
	case ReadsBurndown:
		return winStart
	case ReadsBurnRates:
		return p.Visible.Add(-longest)
	case ReadsAlert:
		return p.End.Add(-longest)
	}
	if t := p.End.Add(-longest); t.Before(winStart) {
		return t
	}
	return winStart
}

// shortWindowSpan is how far back from the instant the summary reads
// short windows: the longest pair window, the exhaustion lookback and the
// sustained-violation span.
func shortWindowSpan(s SLO, pairs []Pair) time.Duration {
	span := DefaultLookback
	for _, p := range pairs {
		span = max(span, p.Long)
	}
	if s.ViolationFor > 0 {
		span = max(span, s.ViolationFor+s.SustainWindow())
	}
	return span
}

// LongWindows lists the pairs' long windows, shortest first, once each.
func (p Plan) LongWindows() []time.Duration {
	var out []time.Duration
	for _, pair := range p.Pairs {
		if len(out) == 0 || out[len(out)-1] != pair.Long {
			out = append(out, pair.Long)
		}
	}
	return out
}
