package plugin

import (
	"context"
	"fmt"
	"strings"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/claudeenhancer/monitoring/pkg/frames"
	"github.com/claudeenhancer/monitoring/pkg/models"
	"github.com/claudeenhancer/monitoring/pkg/prom"
)

// QueryData runs each query on its own: one bad query answers with its own
// error and never fails its siblings, even by panicking (see recover.go).
func (d *Datasource) QueryData(ctx context.Context, req *backend.QueryDataRequest) (*backend.QueryDataResponse, error) {
	results := make([]backend.DataResponse, len(req.Queries))
	fanOut(len(req.Queries), func(i int) { results[i] = d.query(ctx, req.Queries[i]) })
	resp := backend.NewQueryDataResponse()
	for i, q := range req.Queries {
		resp.Responses[q.RefID] = results[i]
	}
	return resp, nil
}

func (d *Datasource) query(ctx context.Context, dq backend.DataQuery) (resp backend.DataResponse) {
	var qt models.QueryType // known once parsed
	defer func() {
		if p := recover(); p != nil {
			d.logPanic(ctx, "query", p, "refId", dq.RefID, "queryType", qt)
			resp = internalError(strings.TrimSpace(string(qt) + " query"))
		}
	}()
	if d.configErr != nil {
		return d.errorResponse(configError(d.configErr))
	}
	q, err := models.ParseQuery(dq, d.settings)
	if err != nil {
		return d.errorResponse(userError(err))
	}
	qt = q.Type
	return dispatch(d, ctx, q)
}

// dispatch runs a parsed query; a variable so that a test can make one
// query panic.
var dispatch = (*Datasource).run

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
