package query

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/claudeenhancer/monitoring/pkg/internal/fanout"
	"github.com/claudeenhancer/monitoring/pkg/models"
	"github.com/claudeenhancer/monitoring/pkg/prom"
	"github.com/claudeenhancer/monitoring/pkg/slo"
)

// SLI data fetching: the queries come from slo (SLI.CounterQueries,
// SLI.AvailabilityQuery, whose doc comments say why they are exact); this
// file runs them on the plan's grid and hands the answers back to slo.

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
	if s.SLI.Kind == slo.KindAvailability {
		ev, out, err = e.availabilityEvents(ctx, s.SLI, g)
	} else {
		ev, out, err = e.counterEvents(ctx, s.SLI, g)
	}
	if err != nil {
		return sliData{}, err
	}
	if out.ledger, err = slo.NewLedger(ev); err != nil {
		return sliData{}, err
	}
	return out, nil
}

// counterEvents fetches the per-bucket increases of a ratio or latency
// SLI's numerator and total, two range queries run side by side.
func (e *Engine) counterEvents(ctx context.Context, sli slo.SLI, g slo.Grid) (slo.Events, sliData, error) {
	var le string
	if sli.Kind == slo.KindLatency {
		var err error
		if le, err = e.matchBucket(ctx, sli, g); err != nil {
			return slo.Events{}, sliData{}, err
		}
	}
	cq := sli.CounterQueries(g.Step, le, e.anchored(ctx))
	out := sliData{exprs: []string{cq.Num, cq.Total}}
	vals := make([][]float64, 2)
	warns := make([][]string, 2)
	errs := make([]error, 2)
	fanout.Run(2, func(i int) {
		vals[i], warns[i], errs[i] = e.fetchSum(ctx, out.exprs[i], g)
	})
	for i := range 2 {
		out.warnings = append(out.warnings, warns[i]...)
		if errs[i] != nil {
			return slo.Events{}, out, errs[i]
		}
	}
	ev, err := cq.Events(g, vals[0], vals[1])
	return ev, out, err
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

// fetchSum evaluates a sum(…) expression at every bucket end of g: value i
// is bucket i's; NaN where the upstream returned nothing.
func (e *Engine) fetchSum(ctx context.Context, expr string, g slo.Grid) ([]float64, []string, error) {
	if g.N == 0 {
		return []float64{}, nil, nil
	}
	series, warnings, err := e.fetchGrid(ctx, expr, g.Start.Add(g.Step), g.End(), g.Step)
	if err != nil {
		return nil, nil, err
	}
	if len(series) == 0 {
		return nanSlice(g.N), warnings, nil
	}
	return series[0].Values, warnings, nil
}

// availabilityEvents fetches the share of targets up per scrape slot.
func (e *Engine) availabilityEvents(ctx context.Context, sli slo.SLI, g slo.Grid) (slo.Events, sliData, error) {
	aq := sli.AvailabilityQuery(g, e.scrape)
	out := sliData{exprs: []string{aq.Expr}}
	var times []int64
	var values []float64
	if !aq.Last.Before(aq.First) {
		series, warnings, err := e.fetchGrid(ctx, aq.Expr, aq.First, aq.Last, aq.Scrape)
		if err != nil {
			return slo.Events{}, out, err
		}
		out.warnings = warnings
		n := int(aq.Last.Sub(aq.First)/aq.Scrape) + 1
		times, values = make([]int64, n), nanSlice(n)
		for i := range times {
			times[i] = aq.First.Add(time.Duration(i) * aq.Scrape).UnixMilli()
		}
		if len(series) > 0 {
			values = series[0].Values
		}
	}
	ev, err := slo.AvailabilityEvents(times, values, aq.Scrape, g, sli.Gaps)
	return ev, out, err
}

// Counter forms, as the probe answered (Engine.increaseForm).
const (
	formUnknown  int32 = iota // not probed yet
	formPortable              // slo.IncreaseExpr: exact under closed and left-open ranges
	formAnchored              // slo.AnchoredIncreaseExpr: the server accepts "anchored"
)

// anchored asks the server once per datasource instance whether it
// accepts the anchored modifier (slo.AnchoredProbe), and remembers the
// answer: a success means the anchored form, a rejected query (400 from
// Prometheus before 3.7 or without the feature, 422 from VictoriaMetrics)
// the portable one. Both forms are exact; the anchored one costs a tenth.
// Any other failure gives the portable form for this query only, and the
// next query asks again.
func (e *Engine) anchored(ctx context.Context) bool {
	if f := e.increaseForm.Load(); f != formUnknown {
		return f == formAnchored
	}
	_, _, err := e.fetch.Query(ctx, slo.AnchoredProbe, time.Now())
	var apiErr *prom.APIError
	switch {
	case err == nil:
		e.increaseForm.Store(formAnchored)
		return true
	case errors.As(err, &apiErr) && (apiErr.StatusCode == http.StatusBadRequest || apiErr.StatusCode == http.StatusUnprocessableEntity):
		e.increaseForm.Store(formPortable)
	}
	return false
}
