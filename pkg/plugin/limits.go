package plugin

import (
	"context"
	"errors"
	"fmt"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/claudeenhancer/monitoring/pkg/models"
	"github.com/claudeenhancer/monitoring/pkg/prom"
	"github.com/claudeenhancer/monitoring/pkg/query"
)

// What one query, one request and the whole plugin process may hold, in
// points: decoded samples, and for detection and SLO queries the grid of
// series × steps they lay the samples on (see prom.Budget and fetchGrid).
// The figures behind the defaults are in the README, "Operations /
// limits", measured by BenchmarkQueryMemory.
const (
	// maxSeriesPerQuery bounds the series of each answer a query receives.
	maxSeriesPerQuery = 5000
	// requestPointsFactor: a request may hold this many queries' worth of
	// points (4 × the per-query limit).
	requestPointsFactor = 4
	// maxQueriesPerRequest: queries past it are answered with an error, not
	// run. A panel sends one request with its queries; alert rules one per
	// rule evaluation.
	maxQueriesPerRequest = 100
	// upstreamCallSlots bounds the upstream calls in flight across every
	// instance and request, below Prometheus' default
	// --query.max-concurrency of 20, so the plugin alone does not fill a
	// Prometheus' query queue.
	upstreamCallSlots = 16
	// maxPointsInProcess bounds the points every request in progress holds
	// together: two requests at the default limits (measured: ~1 GB of
	// heap at the peak, responses encoded). models' upper bound on
	// maxPointsPerQuery keeps one request within it.
	maxPointsInProcess = 8_000_000
	// detectionStepCost is what one step of one series costs an anomaly,
	// trend or forecast query, in points: a step of theirs holds up to ~3
	// times what a plain series' point does (grid, detector output, bands)
	// and costs far more CPU, so a quarter as many fit under one limit.
	detectionStepCost = 4

	processScope = "the requests in progress together"
)

var (
	// upstreamSlots is shared by every client of the process.
	upstreamSlots = prom.NewSlots(upstreamCallSlots)
	// processBudget is the parent of every request's budget.
	processBudget = prom.NewBudget(nil, prom.Limits{
		Scope: processScope, MaxPoints: maxPointsInProcess,
		Hint: "retry when they have finished, or ask for fewer points",
	})

	errTooManyQueries = errors.New("too many queries in one request")
)

// withRequestBudget gives the request a budget of requestPointsFactor
// queries at the per-query limit; release returns what it held and, after
// a large request, lets the process give its memory back (memreturn.go).
func (d *Datasource) withRequestBudget(ctx context.Context) (context.Context, func()) {
	b := prom.NewBudget(processBudget, prom.Limits{
		Scope:     "the queries of this request together",
		MaxPoints: requestPointsFactor * d.settings.MaxPointsPerQuery,
		Hint:      "split them across panels, or ask each for fewer points",
	})
	return prom.WithBudget(ctx, b), func() {
		b.Release(b.Held())
		processMemory.requestEnded(b.Peak())
	}
}

// withQueryBudget gives one query its budget inside the request's, and
// detection queries their grid cost. It fails at once when the request or
// the process has no room left.
func (d *Datasource) withQueryBudget(ctx context.Context, q models.Query) (context.Context, *prom.Budget, error) {
	limits := prom.Limits{Scope: "the query", MaxSeries: maxSeriesPerQuery, MaxPoints: d.settings.MaxPointsPerQuery}
	if q.Detection != nil {
		limits.Hint = fmt.Sprintf("each step of a series counts %d for detection; shorten the time range or the window, or select fewer series",
			detectionStepCost)
		ctx = query.WithGridCost(ctx, detectionStepCost)
	}
	b := prom.NewBudget(prom.BudgetFromContext(ctx), limits)
	if err := b.Exhausted(); err != nil {
		return ctx, nil, err
	}
	return prom.WithBudget(ctx, b), b, nil
}

func tooManyQueries(n int) error {
	return fmt.Errorf("%w: the request has %d queries and at most %d are run per request; split them across panels or rules",
		errTooManyQueries, n, maxQueriesPerRequest)
}

// limitError classifies a crossed limit: the query asked for too much (a
// downstream 400), or the process is full (429, worth a retry).
func limitError(err error) (classified, bool) {
	var limit *prom.LimitError
	if !errors.As(err, &limit) {
		return classified{}, false
	}
	status := backend.StatusBadRequest
	if limit.Scope == processScope {
		status = backend.StatusTooManyRequests
	}
	return classified{status, backend.ErrorSourceDownstream, err}, true
}
