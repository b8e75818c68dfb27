package query

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/claudeenhancer/monitoring/pkg/internal/fanout"
	"github.com/claudeenhancer/monitoring/pkg/prom"
	"github.com/claudeenhancer/monitoring/pkg/slo"
)

// counterForm is the PromQL a counter's per-bucket increases are asked in.
type counterForm int32

const (
	formUnknown  counterForm = iota // not probed yet
	formPortable                    // slo.IncreaseExpr: exact under closed and left-open ranges
	formAnchored                    // slo.AnchoredIncreaseExpr: the server accepts "anchored"
)

// expr is the summed per-bucket increase of selector in form f.
func (f counterForm) expr(selector string, step time.Duration) string {
	if f == formAnchored {
		return "sum(" + slo.AnchoredIncreaseExpr(selector, step) + ")"
	}
	return "sum(" + slo.IncreaseExpr(selector, step) + ")"
}

// anchoredProbe parses only on an engine with the anchored modifier; with
// no such series it answers an empty vector.
const anchoredProbe = "increase(claudeenhancer_anchored_probe_total[1m] anchored)"

// counterForm asks the server once per datasource instance whether it
// accepts the anchored modifier, and remembers the answer: a success means
// the anchored form, a rejected query (400 from Prometheus before 3.7 or
// without the feature, 422 from VictoriaMetrics) the portable one. Both
// forms are exact; the anchored one costs a tenth. Any other failure gives
// the portable form for this query only, and the next query asks again.
func (e *Engine) counterForm(ctx context.Context) counterForm {
	if f := counterForm(e.increaseForm.Load()); f != formUnknown {
		return f
	}
	_, _, err := e.fetch.Query(ctx, anchoredProbe, time.Now())
	var apiErr *prom.APIError
	switch {
	case err == nil:
		e.increaseForm.Store(int32(formAnchored))
		return formAnchored
	case errors.As(err, &apiErr) && (apiErr.StatusCode == http.StatusBadRequest || apiErr.StatusCode == http.StatusUnprocessableEntity):
		e.increaseForm.Store(int32(formPortable))
	}
	return formPortable
}

// ratioEvents fetches the per-bucket increases of good (or bad) and total,
// two range queries run side by side.
func (e *Engine) ratioEvents(ctx context.Context, g slo.Grid, good, bad, total string) (slo.Events, sliData, error) {
	num := good
	if num == "" {
		num = bad
	}
	form := e.counterForm(ctx)
	sels := []string{num, total}
	vals := make([][]float64, len(sels))
	warns := make([][]string, len(sels))
	errs := make([]error, len(sels))
	out := sliData{}
	for _, sel := range sels {
		out.exprs = append(out.exprs, form.expr(sel, g.Step))
	}
	fanout.Run(len(sels), func(i int) {
		vals[i], warns[i], errs[i] = e.fetchSum(ctx, out.exprs[i], g)
	})
	for i := range sels {
		out.warnings = append(out.warnings, warns[i]...)
		if errs[i] != nil {
			return slo.Events{}, out, errs[i]
		}
	}
	if bad != "" {
		ev, err := slo.EventsFromBad(g, vals[0], vals[1])
		return ev, out, err
	}
	return slo.Events{Start: g.Start, Step: g.Step, Good: vals[0], Total: vals[1], Unit: slo.UnitEvents}, out, nil
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
