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

// EvaluationResolution is what the instant of an SLO query is rounded
// down to: the bucket step of the burn-rate alert rules (Grafana evaluates
// rules every minute or slower). Buckets are laid back from the instant,
// not from multiples of the step, so a summary at 5-minute buckets read at
// 03:17 covers the windows ending at 03:17 that the 1-minute rules read,
// not those ending at 03:15.
const EvaluationResolution = time.Minute

// NewPlan plans an SLO query over the time range [from, to] at bucket step
// step: the instant is to, rounded down to EvaluationResolution (or to the
// step, when shorter) since the Unix epoch; the visible range starts at
// from, or maxHistory before the instant if that is later; the grid's
// buckets end at the instant and every step before it, back to the
// earliest instant reads needs. Windows that are whole numbers of steps
// (rolling windows, the pairs' windows) are then exact at any instant; a
// calendar period whose start is not a bucket end also counts the bucket
// across its start (up to step − 1 minute of the previous period; a
// 1-minute step makes it exact).
func NewPlan(s SLO, step time.Duration, reads Reads, from, to time.Time, maxHistory time.Duration) Plan {
	end := promdur.AlignDown(to, min(step, EvaluationResolution))
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
