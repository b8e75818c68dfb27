package plugin

import (
	"context"
	"fmt"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/claudeenhancer/monitoring/pkg/frames"
	"github.com/claudeenhancer/monitoring/pkg/models"
	"github.com/claudeenhancer/monitoring/pkg/prom"
)

// QueryData runs each query on its own: one bad query answers with its own
// error and never fails its siblings. The queries share the request's
// point budget (limits.go); those past maxQueriesPerRequest are answered
// with an error without being run.
func (d *Datasource) QueryData(ctx context.Context, req *backend.QueryDataRequest) (*backend.QueryDataResponse, error) {
	ctx, release := d.withRequestBudget(ctx)
	defer release()
	results := make([]backend.DataResponse, len(req.Queries))
	run := min(len(req.Queries), maxQueriesPerRequest)
	fanOut(run, func(i int) { results[i] = d.query(ctx, req.Queries[i]) })
	for i := run; i < len(req.Queries); i++ {
		results[i] = d.errorResponse(userError(tooManyQueries(len(req.Queries))))
	}
	resp := backend.NewQueryDataResponse()
	for i, q := range req.Queries {
		resp.Responses[q.RefID] = results[i]
	}
	return resp, nil
}

func (d *Datasource) query(ctx context.Context, dq backend.DataQuery) backend.DataResponse {
	if d.configErr != nil {
		return d.errorResponse(configError(d.configErr))
	}
	q, err := models.ParseQuery(dq, d.settings)
	if err != nil {
		return d.errorResponse(userError(err))
	}
	ctx, budget, err := d.withQueryBudget(ctx, q)
	if err != nil {
		c, _ := limitError(err)
		return d.errorResponse(c)
	}
	resp := d.run(ctx, q)
	if resp.Error != nil { // what it decoded is dropped
		budget.Release(budget.Held())
	}
	return resp
}

func (d *Datasource) run(ctx context.Context, q models.Query) backend.DataResponse {
	switch q.Type {
	case models.QueryTypeSeries:
		return d.series(ctx, q)
	case models.QueryTypeAnomaly:
		return d.anomaly(ctx, q)
	case models.QueryTypeTrend:
		return d.trend(ctx, q)
	case models.QueryTypeForecast:
		return d.forecast(ctx, q)
	case models.QueryTypeSLO:
		return d.sloQuery(ctx, q)
	default: // ParseQuery admits only known types; reaching here is our bug.
		return d.errorResponse(classified{backend.StatusInternal, backend.ErrorSourcePlugin,
			fmt.Errorf("query type %q has no handler", q.Type)})
	}
}

func (d *Datasource) series(ctx context.Context, q models.Query) backend.DataResponse {
	m, err := d.client.QueryRange(ctx, q.Expr, prom.Range{Start: q.Start, End: q.End, Step: q.Step})
	if err != nil {
		return d.errorResponse(upstreamError(err))
	}
	return backend.DataResponse{Frames: frames.Series(frames.SeriesInput{
		Matrix:       m,
		LegendFormat: q.LegendFormat,
		Executed:     executed(q),
		Step:         q.Step,
	})}
}

func executed(q models.Query) string {
	return q.Expr + "\nStep: " + models.FormatDuration(q.Step)
}
