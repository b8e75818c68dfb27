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
// The datasource timeout bounds the request as a whole (see deadline.go);
// the queries share the request's point budget (limits.go), and those past
// maxQueriesPerRequest are answered with an error without being run.
func (d *Datasource) QueryData(ctx context.Context, req *backend.QueryDataRequest) (*backend.QueryDataResponse, error) {
	ctx, cancel := d.withTimeout(ctx, "query")
	defer cancel()
	ctx, release := d.withRequestBudget(ctx)
	defer release()
	alerting := fromAlerting(req.Headers)
	resp := backend.NewQueryDataResponse()
	uses := make(map[string]int, len(req.Queries))
	for _, q := range req.Queries {
		uses[q.RefID]++
	}
	queries := make([]backend.DataQuery, 0, len(req.Queries))
	for _, q := range req.Queries {
		if n := uses[q.RefID]; n > 1 {
			resp.Responses[q.RefID] = d.errorResponse(userError(duplicateRefIDError{q.RefID, n}))
			continue
		}
		queries = append(queries, q)
	}
	results := make([]backend.DataResponse, len(queries))
	run := min(len(queries), maxQueriesPerRequest)
	fanOut(run, func(i int) { results[i] = d.query(ctx, queries[i], alerting) })
	for i := run; i < len(queries); i++ {
		results[i] = d.errorResponse(userError(tooManyQueries(len(req.Queries))))
	}
	for i, q := range queries {
		resp.Responses[q.RefID] = results[i]
	}
	return resp, nil
}

// duplicateRefIDError: answers are keyed by refId, so of two queries
// sharing one, one answer would be silently dropped. Neither runs, and the
// one answer Grafana can show for that refId says why.
type duplicateRefIDError struct {
	refID string
	uses  int
}

func (e duplicateRefIDError) Error() string {
	return fmt.Sprintf("refId %s is used by %d queries in this request: give each query its own refId", e.refID, e.uses)
}

// alerting: Grafana's alerting sent the query (see alerting.go).
func (d *Datasource) query(ctx context.Context, dq backend.DataQuery, alerting bool) (resp backend.DataResponse) {
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
	if alerting {
		if err := alertingOutputError(q); err != nil {
			return d.errorResponse(userError(err))
		}
	}
	ctx, budget, err := d.withQueryBudget(ctx, q)
	if err != nil {
		c, _ := limitError(err)
		return d.errorResponse(c)
	}
	qt = q.Type
	resp = dispatch(d, ctx, q)
	if resp.Error != nil { // what it decoded is dropped
		budget.Release(budget.Held())
	}
	return resp
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
		return d.sloQueryOrAll(ctx, q)
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
