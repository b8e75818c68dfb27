package slo

import (
	"fmt"
	"strings"
	"time"

	"github.com/claudeenhancer/monitoring/pkg/promdur"
)

// The PromQL an SLI is read with: no recording rules and no single
// increase(x[30d]). The SLI becomes per-bucket event counts on the plan's
// grid (Plan), so every query ending at the same instant (a panel, an
// alert rule) sees the same buckets.
//
// Ratio and latency SLIs (latency: good = <histogram>_bucket{le="<le>"},
// le picked by MatchBucket among the histogram's le values, total =
// <histogram>_count) are range queries evaluated at every bucket end t of
// sum(<increase>), where <increase> makes consecutive buckets tile each
// counter exactly: per series, the difference of the last samples at or
// before t and t − S, with counter resets corrected, whatever the scrape
// phase and whatever the engine's range rule. Prometheus 2's range
// selectors are closed, [t−S, t]; Prometheus 3's are left-open, (t−S, t],
// so plain increase(x[S]) misses the increment from the sample at t−S and
// extrapolates the rest (measured on the test fixture: 0.2–0.5 % on 1 h
// burn rates, up to 0.8 % on remaining budgets). Two forms, both exact on
// Prometheus 2.42, 3.16 and VictoriaMetrics (pkg/integration/increase_test.go):
//
//	anchored:  increase(x[S] anchored)            AnchoredIncreaseExpr
//	portable:  x - x offset S unless …, or …      IncreaseExpr
//
// The anchored modifier (Prometheus 3.16 by default) starts from the sample
// at or before t − S and does not extrapolate; servers without it get the
// portable form, which reads the same samples under either range rule (its
// doc comment has the proof) at about ten times the cost (0.28 s against
// 0.02 s of evaluation for a week of ten 15 s counters in 5-minute
// buckets). Which one a server takes is the caller's to ask, by what the
// server does (whether it parses "anchored"), not by its version string,
// which source builds and proxies do not report. Lost as by any
// increase(): the first increment of a late-born series (initialise
// counters to 0), increments between the last scrape and a restart, and
// the increase across a scrape gap longer than the lookback (5 m); the
// portable form also counts a bucket holding two restarts from its largest
// value.
//
// Availability SLIs: avg(avg_over_time(<expr>[<scrape>-1ms])) at the
// scrape interval, which gives one value per scrape slot and none where no
// target reported (Prometheus' 5 m lookback would otherwise fill a gap with
// the last value), turned into up-seconds by AvailabilityEvents under the
// SLO's gap policy. It needs the datasource's scrape interval
// (timeInterval) to be the targets' real interval: with a longer real
// interval, slots without a sample are gaps. Selectors (good, bad, total,
// expr) must be series selectors, as the range selectors need.

// AnchoredProbe parses only on an engine with the anchored modifier; with
// no such series it answers an empty vector.
const AnchoredProbe = "increase(claudeenhancer_anchored_probe_total[1m] anchored)"

// CounterQueries are the two range queries of a ratio or latency SLI,
// each evaluated at every bucket end of the grid: the summed per-bucket
// increases of the numerator (good events, or bad ones when BadNumerator)
// and of the total.
type CounterQueries struct {
	Num, Total   string
	BadNumerator bool
}

// CounterQueries plans the queries of a ratio or latency SLI at bucket
// step: le is the latency SLI's bucket (MatchBucket), anchored whether the
// server accepts the anchored modifier (AnchoredProbe).
func (s SLI) CounterQueries(step time.Duration, le string, anchored bool) CounterQueries {
	sum := func(selector string) string {
		if anchored {
			return "sum(" + AnchoredIncreaseExpr(selector, step) + ")"
		}
		return "sum(" + IncreaseExpr(selector, step) + ")"
	}
	switch {
	case s.Kind == KindLatency:
		return CounterQueries{Num: sum(s.BucketSelector(le)), Total: sum(s.CountSelector())}
	case s.Bad != "":
		return CounterQueries{Num: sum(s.Bad), Total: sum(s.Total), BadNumerator: true}
	default:
		return CounterQueries{Num: sum(s.Good), Total: sum(s.Total)}
	}
}

// Events are the per-bucket answers of the queries (NaN where the
// upstream returned nothing) as events on g.
func (c CounterQueries) Events(g Grid, num, total []float64) (Events, error) {
	if c.BadNumerator {
		return EventsFromBad(g, num, total)
	}
	return Events{Start: g.Start, Step: g.Step, Good: num, Total: total, Unit: UnitEvents}, nil
}

// AvailabilityQuery is the range query of an availability SLI over a
// grid: Expr evaluated at every scrape slot end from First to Last (none
// when Last is before First). Slot (First − Scrape, First] starts at or
// before the grid.
type AvailabilityQuery struct {
	Expr        string
	First, Last time.Time
	Scrape      time.Duration
}

// AvailabilityQuery plans the query of an availability SLI over g at the
// targets' scrape interval.
func (s SLI) AvailabilityQuery(g Grid, scrape time.Duration) AvailabilityQuery {
	return AvailabilityQuery{
		Expr:   fmt.Sprintf("avg(avg_over_time(%s[%s]))", strings.TrimSpace(s.Expr), FormatDuration(scrape-time.Millisecond)),
		First:  promdur.AlignDown(g.Start, scrape).Add(scrape),
		Last:   promdur.AlignDown(g.End(), scrape),
		Scrape: scrape,
	}
}
