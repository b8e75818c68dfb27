package plugin

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/claudeenhancer/monitoring/pkg/models"
	"github.com/claudeenhancer/monitoring/pkg/slo"
)

// exactIncreaseExpr is the exact-tiling per-bucket increase of a counter
// selector: per series, the difference of the last samples at or before
// the bucket's two ends, or increase() over the bucket when it holds a
// reset or the series has no sample before it.
func exactIncreaseExpr(selector string, step time.Duration) string {
	x, s := strings.TrimSpace(selector), models.FormatDuration(step)
	return fmt.Sprintf("sum((%[1]s - %[1]s offset %[2]s >= 0 unless resets(%[1]s[%[2]s]) > 0) or increase(%[1]s[%[2]s]))", x, s)
}

// increaseExpr is the cheap per-bucket increase, under a quarter of the exact
// form's upstream CPU, for the buckets only long windows read.
func increaseExpr(selector string, step time.Duration) string {
	return fmt.Sprintf("sum(increase(%s[%s]))", strings.TrimSpace(selector), models.FormatDuration(step))
}

// rangeJob is one range query filling buckets [from, to) of a counter.
type rangeJob struct {
	counter  int
	expr     string
	from, to int
}

// sloFetchConcurrency bounds the range queries one SLO query runs at once,
// so QueryData's queryConcurrency queries send at most 8 upstream requests.
const sloFetchConcurrency = 2

// ratioEvents fetches the per-bucket increases of good (or bad) and total:
// up to four range queries (two counters × the plain and the exact part),
// sloFetchConcurrency at a time.
func (d *Datasource) ratioEvents(ctx context.Context, p fetchPlan, good, bad, total string) (slo.Events, sliData, error) {
	num := good
	if num == "" {
		num = bad
	}
	var jobs []rangeJob // the long plain parts first, side by side
	for i, sel := range []string{num, total} {
		if p.Exact > 0 {
			jobs = append(jobs, rangeJob{i, increaseExpr(sel, p.Step), 0, p.Exact})
		}
	}
	for i, sel := range []string{num, total} {
		if p.Exact < p.N {
			jobs = append(jobs, rangeJob{i, exactIncreaseExpr(sel, p.Step), p.Exact, p.N})
		}
	}
	vals := [][]float64{nanSlice(p.N), nanSlice(p.N)}
	warns := make([][]string, len(jobs))
	errs := make([]error, len(jobs))
	fanOutLimit(len(jobs), sloFetchConcurrency, func(k int) {
		j := jobs[k]
		sub := slo.Grid{Start: p.Start.Add(time.Duration(j.from) * p.Step), Step: p.Step, N: j.to - j.from}
		var v []float64
		v, warns[k], errs[k] = d.fetchSum(ctx, j.expr, sub)
		copy(vals[j.counter][j.from:j.to], v)
	})
	out := sliData{}
	for k, j := range jobs {
		out.exprs = append(out.exprs, j.expr)
		out.warnings = append(out.warnings, warns[k]...)
		if errs[k] != nil {
			return slo.Events{}, out, errs[k]
		}
	}
	if bad != "" {
		ev, err := slo.EventsFromBad(p.Grid, vals[0], vals[1])
		return ev, out, err
	}
	return slo.Events{Start: p.Start, Step: p.Step, Good: vals[0], Total: vals[1], Unit: slo.UnitEvents}, out, nil
}

// fetchSum evaluates a sum(…) expression at every bucket end of g: value i
// is bucket i's; NaN where the upstream returned nothing.
func (d *Datasource) fetchSum(ctx context.Context, expr string, g slo.Grid) ([]float64, []string, error) {
	if g.N == 0 {
		return []float64{}, nil, nil
	}
	series, warnings, err := d.fetchGrid(ctx, expr, g.Start.Add(g.Step), g.End(), g.Step)
	if err != nil {
		return nil, nil, err
	}
	if len(series) == 0 {
		return nanSlice(g.N), warnings, nil
	}
	return series[0].Values, warnings, nil
}
