package slo

import (
	"fmt"
	"math"
	"time"
)

// DefaultWarnBelow is the remaining-budget ratio under which a summary warns.
const DefaultWarnBelow = 0.25

// Options tune Summarize. The zero value uses the defaults.
type Options struct {
	// WarnBelow: remaining-budget ratio under which the state is warning.
	// 0 means DefaultWarnBelow; a negative value disables the check.
	WarnBelow float64
	// Lookback of the exhaustion estimate; 0 means DefaultLookback (1 h).
	Lookback time.Duration
	// Resolution the pair windows are rounded to; 0 means the bucket step.
	Resolution time.Duration
	// Pairs overrides the burn-rate pairs; nil means
	// Pairs(Window.Nominal(), Objective, Resolution).
	Pairs []Pair
}

// Summary is everything the summary output of an SLO query shows.
type Summary struct {
	ID         string
	Objective  float64
	Window     Window
	Start, End time.Time // the window: (Start, End]; a calendar End is the period end
	Now        time.Time // the evaluation instant: the latest bucket end ≤ the requested now
	Unit       Unit

	Good, Bad, Total float64 // over (Start, Now], in Unit
	SLI              float64 // Good/Total, event- (or time-) weighted; NaN when no data
	// Coverage is the share of (Start, Now] the data accounts for, in [0, 1].
	Coverage float64
	// HistoryStart is where the data begins (zero when there is none);
	// PartialHistory is set when it begins at least one bucket after Start.
	HistoryStart   time.Time
	PartialHistory bool

	Budget     Budget
	Pairs      []PairCondition
	Exhaustion Exhaustion
	Sustained  *Sustained // nil unless the SLO sets ViolationFor

	Inconsistent int // buckets the ledger repaired (see Ledger)
	State        State
	Reasons      []string // human sentences explaining State, for tooltips
}

// Summarize evaluates SLO s over the ledger at now: the window's SLI (a
// ratio of sums), the budget (Budget), every burn-rate pair
// (AlertConditions), the exhaustion estimate (TimeToExhaustion), the
// sustained-violation condition when configured, and the state:
//
//	no data     no events in the window, or fewer than MinEvents (event SLIs)
//	breaching   Budget.Remaining < 0, SLI < objective, or a sustained violation
//	warning     any pair firing, or Budget.Ratio < WarnBelow
//	partial     data starting after the window start
//	ok          otherwise
//
// Errors: the SLO's validation errors, or ErrInput when the ledger's unit
// does not fit the SLI (availability needs AvailabilityEvents).
func Summarize(s SLO, l *Ledger, now time.Time, opt Options) (Summary, error) {
	if err := s.Validate(); err != nil {
		return Summary{}, err
	}
	if s.SLI.Unit() != l.Unit() {
		return Summary{}, fmt.Errorf("%w: a %s SLI needs %s, the ledger holds %s", ErrInput, s.SLI.Kind, s.SLI.Unit(), l.Unit())
	}
	o := s.Objective
	now = l.floorEnd(now)
	start, end := s.Window.Bounds(now)
	t := l.Tally(start, now)
	sum := Summary{
		ID: s.ID, Objective: o, Window: s.Window, Start: start, End: end, Now: now, Unit: l.Unit(),
		Good: t.Good, Bad: t.Bad, Total: t.Total, SLI: t.SLI(), Coverage: math.NaN(),
		Budget: NewBudget(t, o, end.Sub(start), l.Unit()), Inconsistent: l.Inconsistent(),
	}
	if elapsed := now.Sub(start); elapsed > 0 {
		sum.Coverage = t.coverage(elapsed)
	}
	hs, ok := l.HistoryStart()
	if ok {
		sum.HistoryStart = hs
	}
	sum.PartialHistory = !ok || hs.Sub(start) >= l.Step()

	pairs := opt.Pairs
	if pairs == nil {
		res := opt.Resolution
		if res <= 0 {
			res = l.Step()
		}
		pairs = Pairs(s.Window.Nominal(), o, res)
	}
	sum.Pairs = AlertConditions(l, pairs, o, now, s.MinEvents)
	sum.Exhaustion = TimeToExhaustion(sum.Budget, l, now, opt.Lookback, s.MinEvents)
	if s.ViolationFor > 0 {
		v := SustainedViolation(l, o, s.SustainWindow(), s.ViolationFor, now, s.MinEvents)
		sum.Sustained = &v
	}
	sum.State, sum.Reasons = classify(s, sum, opt)
	return sum, nil
}

func classify(s SLO, sum Summary, opt Options) (State, []string) {
	var why []string
	add := func(format string, a ...any) { why = append(why, fmt.Sprintf(format, a...)) }
	if sum.PartialHistory {
		if sum.HistoryStart.IsZero() {
			add("no data at all")
		} else {
			add("history starts %s, after the window start %s: figures are extrapolated",
				sum.HistoryStart.UTC().Format(time.RFC3339), sum.Start.UTC().Format(time.RFC3339))
		}
	}
	if !sum.PartialHistory && sum.Coverage < 0.99 {
		add("data covers %.1f %% of the window so far: figures are extrapolated", 100*sum.Coverage)
	}
	if !(sum.Total > 0) {
		add("no events in the window")
		return StateNoData, why
	}
	if sum.Unit == UnitEvents && sum.Total < s.MinEvents {
		add("only %g events in the window (minimum %g)", sum.Total, s.MinEvents)
		return StateNoData, why
	}
	state := StateOK
	if sum.PartialHistory {
		state = StatePartialHistory
	}
	warnBelow := opt.WarnBelow
	if warnBelow == 0 {
		warnBelow = DefaultWarnBelow
	}
	if warnBelow > 0 && sum.Budget.Ratio < warnBelow {
		add("remaining budget %.1f %% is below %.0f %%", 100*sum.Budget.Ratio, 100*warnBelow)
		state = StateWarning
	}
	for _, c := range sum.Pairs {
		if c.Firing {
			add("%s burn %s firing: %.2f× and %.2f× > %g×", c.Pair.Severity, c.Pair.Name(), c.LongBurn, c.ShortBurn, c.Pair.Threshold)
			state = StateWarning
		}
	}
	breach := false
	if sum.Budget.Remaining < 0 {
		add("error budget overspent: %.1f %% remaining", 100*sum.Budget.Ratio)
		breach = true
	}
	if sum.SLI < s.Objective {
		add("SLI %.5g is below the objective %g", sum.SLI, s.Objective)
		breach = true
	}
	if v := sum.Sustained; v != nil && v.Firing {
		add("error ratio above %.6g for %s (since %s)", 1-s.Objective, FormatDuration(sum.Now.Sub(v.Since)), v.Since.UTC().Format(time.RFC3339))
		breach = true
	}
	if breach {
		state = StateBreaching
	}
	return state, why
}
