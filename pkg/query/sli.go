package query

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/claudeenhancer/monitoring/pkg/models"
	"github.com/claudeenhancer/monitoring/pkg/promdur"
	"github.com/claudeenhancer/monitoring/pkg/slo"
)

// SLI data fetching. No recording rules and no single increase(x[30d]):
// the SLI becomes per-bucket event counts on a grid of the bucket step,
// aligned to multiples of the step since the Unix epoch, so every query
// ending at the same instant (a panel, an alert rule) sees the same buckets.
//
// Ratio and latency SLIs (latency: good = <histogram>_bucket{le="<le>"},
// le picked by slo.MatchBucket among the histogram's le values, total =
// <histogram>_count) are range queries evaluated at every bucket end t
// (fetchGrid, chunked at 11,000 steps) of sum(<increase>), where
// <increase> makes consecutive buckets tile each counter exactly: per
// series, the difference of the last samples at or before t and t − S,
// with counter resets corrected, whatever the scrape phase and whatever the
// engine's range rule. Prometheus 2's range selectors are closed, [t−S, t];
// Prometheus 3's are left-open, (t−S, t], so plain increase(x[S]) misses the
// increment from the sample at t−S and extrapolates the rest (measured on
// the test fixture: 0.2–0.5 % on 1 h burn rates, up to 0.8 % on remaining
// budgets). Two forms, both exact on Prometheus 2.42, 3.16 and
// VictoriaMetrics (pkg/integration/increase_test.go):
//
//	anchored:  increase(x[S] anchored)            slo.AnchoredIncreaseExpr
//	portable:  x - x offset S unless …, or …      slo.IncreaseExpr
//
// The anchored modifier (Prometheus 3.16 by default) starts from the sample
// at or before t − S and does not extrapolate; servers without it get the
// portable form, which reads the same samples under either range rule (its
// doc comment has the proof) at about ten times the cost (0.28 s against
// 0.02 s of evaluation for a week of ten 15 s counters in 5-minute
// buckets). Which one a server takes is asked once per datasource instance
// (counterForm, slocounters.go) by what it does: whether it parses
// "anchored", not by its version string, which source builds and proxies
// do not report. Lost as by any increase(): the first increment of a
// late-born series (initialise counters to 0), increments between the last
// scrape and a restart, and the increase across a scrape gap longer than
// the lookback (5 m); the portable form also counts a bucket holding two
// restarts from its largest value.

// Availability SLIs: avg(avg_over_time(<expr>[<scrape>-1ms])) at the
// scrape interval, which gives one value per scrape slot and none where no
// target reported (Prometheus' 5 m lookback would otherwise fill a gap with
// the last value), turned into up-seconds by slo.AvailabilityEvents under
// the SLO's gap policy. It needs the datasource's scrape interval
// (timeInterval) to be the targets' real interval: with a longer real
// interval, slots without a sample are gaps. Selectors (good, bad, total,
// expr) must be series selectors, as the range selectors need.

// sliData is an SLI turned into a ledger, with what was run to get it.
type sliData struct {
	ledger   *slo.Ledger
	exprs    []string
	warnings []string
}

// checkGridSize refuses a grid beyond the query limits: more than
// models.MaxSLOBuckets buckets (a burn-rate series over a long range at a
// fine bucket step), or, for an availability SLI, more than
// models.MaxAvailabilitySamples scrape slots (a fine scrape interval).
// Every buffer of the query is sized by one of the two.
func checkGridSize(g slo.Grid, sli slo.SLI, scrape time.Duration) error {
	span := time.Duration(g.N) * g.Step
	if g.N > models.MaxSLOBuckets {
		return fmt.Errorf("%w: %w: this output reads %d buckets of %s over %s, more than %d; use a larger bucketStep or a shorter time range",
			models.ErrSLOQuery, models.ErrQueryLimit, g.N, models.FormatDuration(g.Step), models.FormatDuration(span), models.MaxSLOBuckets)
	}
	if n := span / scrape; sli.Kind == slo.KindAvailability && n > models.MaxAvailabilitySamples {
		return fmt.Errorf("%w: %w: an availability SLI over %s at the %s scrape interval is %d samples, more than %d; check the datasource's scrape interval",
			models.ErrSLOQuery, models.ErrQueryLimit, models.FormatDuration(span), models.FormatDuration(scrape), n, models.MaxAvailabilitySamples)
	}
	return nil
}

// fetchSLI builds the ledger of s over the buckets of g.
func (e *Engine) fetchSLI(ctx context.Context, s slo.SLO, g slo.Grid) (sliData, error) {
	var (
		ev  slo.Events
		out sliData
		err error
	)
	switch s.SLI.Kind {
	case slo.KindAvailability:
		ev, out, err = e.availabilityEvents(ctx, s.SLI, g)
	case slo.KindLatency:
		var le string
		if le, err = e.matchBucket(ctx, s.SLI, g); err == nil {
			ev, out, err = e.ratioEvents(ctx, g, s.SLI.BucketSelector(le), "", s.SLI.CountSelector())
		}
	default:
		ev, out, err = e.ratioEvents(ctx, g, s.SLI.Good, s.SLI.Bad, s.SLI.Total)
	}
	if err != nil {
		return sliData{}, err
	}
	if out.ledger, err = slo.NewLedger(ev); err != nil {
		return sliData{}, err
	}
	return out, nil
}

// matchBucket finds the le label value equal to the latency threshold among
// the histogram's buckets seen over the grid.
func (e *Engine) matchBucket(ctx context.Context, sli slo.SLI, g slo.Grid) (string, error) {
	les, err := e.fetch.LabelValues(ctx, "le", []string{sli.BucketsSelector()}, g.Start, g.End())
	if err != nil {
		return "", err
	}
	le, err := slo.MatchBucket(les, sli.Threshold)
	if err != nil {
		return "", fmt.Errorf("%s: %w", sli.BucketsSelector(), err)
	}
	return le, nil
}

// availabilityEvents fetches the share of targets up per scrape slot.
func (e *Engine) availabilityEvents(ctx context.Context, sli slo.SLI, g slo.Grid) (slo.Events, sliData, error) {
	scrape := e.scrape
	expr := fmt.Sprintf("avg(avg_over_time(%s[%s]))", strings.TrimSpace(sli.Expr), models.FormatDuration(scrape-time.Millisecond))
	out := sliData{exprs: []string{expr}}
	first := promdur.AlignDown(g.Start, scrape).Add(scrape) // slot (first−scrape, first] starts at or before the grid
	last := promdur.AlignDown(g.End(), scrape)
	var times []int64
	var values []float64
	if !last.Before(first) {
		series, warnings, err := e.fetchGrid(ctx, expr, first, last, scrape)
		if err != nil {
			return slo.Events{}, out, err
		}
		out.warnings = warnings
		n := int(last.Sub(first)/scrape) + 1
		times, values = make([]int64, n), nanSlice(n)
		for i := range times {
			times[i] = first.Add(time.Duration(i) * scrape).UnixMilli()
		}
		if len(series) > 0 {
			values = series[0].Values
		}
	}
	ev, err := slo.AvailabilityEvents(times, values, scrape, g, sli.Gaps)
	return ev, out, err
}
