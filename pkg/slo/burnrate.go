package slo

import (
	"math"
	"time"
)

// Severity of a burn-rate pair, as in the Workbook's Table 5-8.
type Severity string

// Severities.
const (
	Page   Severity = "page"
	Ticket Severity = "ticket"
)

// Pair is one multiwindow burn-rate alert: it fires when the burn rate over
// both Long and Short exceeds Threshold (Google SRE Workbook, ch. 5 "Alerting on SLOs",
// "Multiwindow, Multi-Burn-Rate Alerts"):
//
//	BR(Long) > Threshold  AND  BR(Short) > Threshold
//
// i.e. an error ratio above Threshold·(1 − O) in both windows. Fraction is
// the share of the period's budget spent by the time Long alone crosses:
// Fraction = Threshold · Long / T. Feasible is false when
// Threshold·(1 − O) ≥ 1: the error ratio would have to exceed 100 %, so
// the pair can never fire (Workbook, "extreme goals"; e.g. 14.4× at 90 %).
type Pair struct {
	Severity  Severity
	Long      time.Duration
	Short     time.Duration
	Fraction  float64
	Threshold float64
	Feasible  bool
}

// Name is "<long>/<short>", e.g. "1h/5m".
func (p Pair) Name() string { return FormatDuration(p.Long) + "/" + FormatDuration(p.Short) }

// ErrorRatio is the error ratio both windows must exceed: Threshold·(1 − O).
func (p Pair) ErrorRatio(objective float64) float64 { return p.Threshold * (1 - objective) }

const workbookPeriod = 30 * 24 * time.Hour

// WorkbookPairs is the Workbook's table for 30 d (Table 5-8 plus the 1 d/2 h
// pair of the chapter's ticket expression, as Sloth, kubernetes-mixin and
// Grafana SLO use it): 1 h/5 m × 14.4 and 6 h/30 m × 6 page, 1 d/2 h × 3
// and 3 d/6 h × 1 ticket, spending 2 %, 5 %, 10 % and 10 % of the budget.
// Feasible is left false: it depends on the objective (see Pairs).
func WorkbookPairs() []Pair {
	return []Pair{
		{Severity: Page, Long: time.Hour, Short: 5 * time.Minute, Fraction: 0.02, Threshold: 14.4},
		{Severity: Page, Long: 6 * time.Hour, Short: 30 * time.Minute, Fraction: 0.05, Threshold: 6},
		{Severity: Ticket, Long: 24 * time.Hour, Short: 2 * time.Hour, Fraction: 0.10, Threshold: 3},
		{Severity: Ticket, Long: 72 * time.Hour, Short: 6 * time.Hour, Fraction: 0.10, Threshold: 1},
	}
}

// Pairs scales the Workbook pairs to a period T and an objective:
//
//	Long      = round(L₃₀ · T/30d)   to a multiple of resolution, ≥ resolution
//	Short     = round(Long / 12)      likewise
//	Threshold = Fraction · T / Long   (same budget share as in the Workbook)
//	Feasible  = Threshold · (1 − O) < 1
//
// For 30 d this is exactly the Workbook table; for other periods the long
// windows scale with the period (Pyrra's approach) and the thresholds stay at
// 14.4, 6, 3, 1 up to the rounding of the windows, which the thresholds
// absorb so each pair still fires at the same share of the budget. Infeasible
// pairs are kept and flagged, not dropped. resolution ≤ 0 means one minute;
// pass the bucket step so every window is a whole number of buckets.
func Pairs(period time.Duration, objective float64, resolution time.Duration) []Pair {
	if resolution <= 0 {
		resolution = time.Minute
	}
	scale := float64(period) / float64(workbookPeriod)
	round := func(d float64) time.Duration {
		n := math.Round(d / float64(resolution))
		return time.Duration(math.Max(1, n)) * resolution
	}
	out := WorkbookPairs()
	for i, p := range out {
		long := round(float64(p.Long) * scale)
		if long == p.Long && period == workbookPeriod {
			// Keep the table's exact thresholds (0.02·720 is not exactly 14.4).
			out[i].Feasible = p.Threshold*(1-objective) < 1
			continue
		}
		out[i].Long = long
		out[i].Short = round(float64(long) / 12)
		out[i].Threshold = p.Fraction * float64(period) / float64(long)
		out[i].Feasible = out[i].Threshold*(1-objective) < 1
	}
	return out
}

// PairCondition is a pair evaluated at one instant.
type PairCondition struct {
	Pair      Pair
	LongBurn  float64 // pro-rated burn rate over (now−Long, now]; NaN when no data
	ShortBurn float64 // pro-rated burn rate over (now−Short, now]; NaN when no data
	Firing    bool    // both burns > Threshold
	// PartialHistory: the data starts after now−Long, so LongBurn is
	// pro-rated over time the series did not exist.
	PartialHistory bool
}

// AlertConditions evaluates each pair at now (rounded down to a bucket end).
// The long window must hold at least minEvents events (event units; the
// guard of SLO.MinEvents) and the short window at least one, otherwise its
// burn is NaN and the pair does not fire. Burns are pro-rated by coverage
// (Tally.BurnRate), so a young series pages on a real outage but not like a
// window as short as its history would (the cold-start false page).
func AlertConditions(l *Ledger, pairs []Pair, objective float64, now time.Time, minEvents float64) []PairCondition {
	now = l.floorEnd(now)
	hs, ok := l.HistoryStart()
	out := make([]PairCondition, len(pairs))
	for k, p := range pairs {
		long := l.burn(objective, now, p.Long, minEvents)
		short := l.burn(objective, now, p.Short, 0)
		out[k] = PairCondition{
			Pair: p, LongBurn: long, ShortBurn: short,
			Firing:         long > p.Threshold && short > p.Threshold,
			PartialHistory: !ok || hs.After(now.Add(-p.Long)),
		}
	}
	return out
}

// burn is the pro-rated burn rate over (end−w, end], NaN when the window has
// no events or, for event units, fewer than minEvents.
func (l *Ledger) burn(objective float64, end time.Time, w time.Duration, minEvents float64) float64 {
	t := l.Tally(end.Add(-w), end)
	if l.unit == UnitEvents && t.Total < minEvents {
		return math.NaN()
	}
	return t.BurnRate(objective, w)
}

// Series is a regularly spaced derived series: Values[i] is the value at
// Start + i·Step. NaN is "no value".
type Series struct {
	Start  time.Time
	Step   time.Duration
	Values []float64
}

// At is the time of point i.
func (s Series) At(i int) time.Time { return s.Start.Add(time.Duration(i) * s.Step) }

// BurnRateSeries is the pro-rated burn rate over the trailing window w
// (Tally.BurnRate), evaluated at bucket ends from the first one ≥ from to the
// last one ≤ to, every step (rounded up to a whole number of buckets; ≤ 0
// means every bucket). NaN where the window has no events or, for event
// units, fewer than minEvents. Each point costs O(1) and the values equal
// AlertConditions' burns at the same instants. Preconditions:
// 0 < objective < 1, w > 0.
func BurnRateSeries(l *Ledger, objective float64, w time.Duration, from, to time.Time, step time.Duration, minEvents float64) Series {
	stride := max(1, int64((step+l.step-1)/l.step))
	first := floorDiv(from.Sub(l.start)+l.step-1, l.step) // ceil: first bucket end ≥ from
	last := floorDiv(to.Sub(l.start), l.step)
	out := Series{Start: l.start.Add(time.Duration(first) * l.step), Step: time.Duration(stride) * l.step}
	if last < first {
		return out
	}
	wb := -floorDiv(-w, l.step) // buckets in the window, as Tally counts them
	span := w.Seconds()
	scale := 1 / (1 - objective)
	guard := math.Max(minEvents, 0)
	if l.unit != UnitEvents {
		guard = 0
	}
	n := int64(l.n)
	out.Values = make([]float64, 0, (last-first)/stride+1)
	for e := first; e <= last; e += stride {
		j := min(max(e, 0), n)
		i := min(max(e-wb, 0), n)
		total := l.total.sum(int(i), int(j))
		v := math.NaN()
		if total > 0 && total >= guard {
			bad := max(0, l.bad.sum(int(i), int(j)))
			cov := l.covered.sum(int(i), int(j)) / span
			v = bad / total * scale * min(1, cov)
		}
		out.Values = append(out.Values, v)
	}
	return out
}
