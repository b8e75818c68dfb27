package plugin

import (
	"context"
	"fmt"
	"strings"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/claudeenhancer/monitoring/pkg/internal/fanout"
	"github.com/claudeenhancer/monitoring/pkg/limits"
	"github.com/claudeenhancer/monitoring/pkg/models"
	"github.com/claudeenhancer/monitoring/pkg/query"
)

// QueryData runs each query on its own: one bad query answers with its own
// error and never fails its siblings, even by panicking (see recover.go).
// The datasource timeout bounds the request as a whole (see deadline.go);
// the queries share the request's point budget (limits.go), and those past
// limits.MaxQueriesPerRequest are answered with an error without being run.
func (d *Datasource) QueryData(ctx context.Context, req *backend.QueryDataRequest) (*backend.QueryDataResponse, error) {
	ctx, cancel := d.withTimeout(ctx, "query")
	defer cancel()
	ctx, release := limits.ForRequest(ctx, d.settings.MaxPointsPerQuery)
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
	run := min(len(queries), limits.MaxQueriesPerRequest)
	fanout.Run(run, func(i int) { results[i] = d.query(ctx, queries[i], alerting) })
	for i := run; i < len(queries); i++ {
		results[i] = d.errorResponse(userError(limits.TooManyQueries(len(req.Queries))))
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
		if err := q.AlertingError(); err != nil {
			return d.errorResponse(userError(err))
		}
	}
	ctx, budget, err := limits.ForQuery(ctx, q, d.settings.MaxPointsPerQuery)
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

// engines maps each query type to the engine of its kind.
var engines = map[models.QueryType]func(*query.Engine, context.Context, models.Query) (data.Frames, error){
	models.QueryTypeSeries: (*query.Engine).Series, models.QueryTypeAnomaly: (*query.Engine).Anomaly,
	models.QueryTypeTrend: (*query.Engine).Trend, models.QueryTypeForecast: (*query.Engine).Forecast,
	models.QueryTypeSLO: (*query.Engine).SLO,
}

func (d *Datasource) run(ctx context.Context, q models.Query) backend.DataResponse {
	run, ok := engines[q.Type]
	if !ok { // ParseQuery admits only known types; reaching here is our bug.
		return d.errorResponse(classified{backend.StatusInternal, backend.ErrorSourcePlugin,
			fmt.Errorf("query type %q has no handler", q.Type)})
	}
	fs, err := run(d.engine, ctx, q)
	if err != nil {
		return d.errorResponse(engineError(err))
	}
	return backend.DataResponse{Frames: fs}
}

// Queries of alert and recording rules. Grafana's rule evaluator sends
// every datasource query of a rule with the headers FromAlert: true,
// X-Cache-Skip: true, X-Rule-Uid and X-Grafana-Org-Id
// (pkg/services/ngalert/eval/eval.go, buildDatasourceHeaders), and
// pkg/expr/nodes.go hands them to the plugin as QueryDataRequest.Headers,
// keys unprefixed (the SDK's own AlertForwarderMiddleware reads
// Headers[backend.FromAlertHeaderName] likewise). The same evaluator runs
// Grafana-managed recording rules
// (pkg/services/ngalert/schedule/recording_rule.go) and the rule editor's
// preview (pkg/services/ngalert/api/api_testing.go, RouteEvalQueries).
// Which outputs such a request may ask for: models.Query.AlertingError.

// fromAlerting reports whether Grafana's alerting sent the request. The
// key is matched without regard to case: Grafana notes that it travels
// as "Fromalert" once canonicalised by an HTTP hop.
func fromAlerting(headers map[string]string) bool {
	for k, v := range headers {
		if strings.EqualFold(k, backend.FromAlertHeaderName) {
			return v != "" && !strings.EqualFold(v, "false")
		}
	}
	return false
}
