// Package limits holds what one query, one request and the whole plugin
// process may hold and call upstream at once, and gives a large request's
// memory back to the OS once the process is quiet (memreturn.go).
package limits

import (
	"context"
	"errors"
	"fmt"

	"github.com/claudeenhancer/monitoring/pkg/models"
	"github.com/claudeenhancer/monitoring/pkg/prom"
	"github.com/claudeenhancer/monitoring/pkg/query"
)

// What one query, one request and the whole plugin process may hold, in
// points: decoded samples, and for detection and SLO queries the grid of
// series × steps they lay the samples on (see prom.Budget and fetchGrid).
// The figures behind the defaults are in the README, "Operations /
// limits", measured by BenchmarkQueryMemory (pkg/plugin).
const (
	// MaxSeriesPerQuery bounds the series of each answer a query receives.
	MaxSeriesPerQuery = 5000
	// RequestPointsFactor: a request may hold this many queries' worth of
	// points (4 × the per-query limit).
	RequestPointsFactor = 4
	// MaxQueriesPerRequest: queries past it are answered with an error, not
	// run. A panel sends one request with its queries; alert rules one per
	// rule evaluation.
	MaxQueriesPerRequest = 100
	// UpstreamCallSlots bounds the upstream calls in flight across every
	// instance and request, below Prometheus' default
	// --query.max-concurrency of 20, so the plugin alone does not fill a
	// Prometheus' query queue.
	UpstreamCallSlots = 16
	// MaxPointsInProcess bounds the points every request in progress holds
	// together: two requests at the default limits (measured: ~1 GB of
	// heap at the peak, responses encoded). models' upper bound on
	// maxPointsPerQuery keeps one request within it.
	MaxPointsInProcess = 8_000_000
	// DetectionStepCost is what one step of one series costs an anomaly,
	// trend or forecast query, in points: a step of theirs holds up to ~3
	// times what a plain series' point does (grid, detector output, bands)
	// and costs far more CPU, so a quarter as many fit under one limit.
	DetectionStepCost = 4

	ProcessScope = "the requests in progress together"
)

var (
	// UpstreamSlots is shared by every client of the process.
	UpstreamSlots = prom.NewSlots(UpstreamCallSlots)
	// Process is the parent of every request's budget.
	Process = prom.NewBudget(nil, prom.Limits{
		Scope: ProcessScope, MaxPoints: MaxPointsInProcess,
		Hint: "retry when they have finished, or ask for fewer points",
	})

	ErrTooManyQueries = errors.New("too many queries in one request")
)

// ForRequest gives the request a budget of RequestPointsFactor
// queries at the per-query limit; release returns what it held and, after
// a large request, lets the process give its memory back (memreturn.go).
func ForRequest(ctx context.Context, maxPointsPerQuery int64) (context.Context, func()) {
	b := prom.NewBudget(Process, prom.Limits{
		Scope:     "the queries of this request together",
		MaxPoints: RequestPointsFactor * maxPointsPerQuery,
		Hint:      "split them across panels, or ask each for fewer points",
	})
	return prom.WithBudget(ctx, b), func() {
		b.Release(b.Held())
		processMemory.requestEnded(b.Peak())
	}
}

// ForQuery gives one query its budget inside the request's, and
// detection queries their grid cost. It fails at once when the request or
// the process has no room left.
func ForQuery(ctx context.Context, q models.Query, maxPointsPerQuery int64) (context.Context, *prom.Budget, error) {
	limits := prom.Limits{Scope: "the query", MaxSeries: MaxSeriesPerQuery, MaxPoints: maxPointsPerQuery}
	if q.Detection != nil {
		limits.Hint = fmt.Sprintf("each step of a series counts %d for detection; shorten the time range or the window, or select fewer series",
			DetectionStepCost)
		ctx = query.WithGridCost(ctx, DetectionStepCost)
	}
	b := prom.NewBudget(prom.BudgetFromContext(ctx), limits)
	if err := b.Exhausted(); err != nil {
		return ctx, nil, err
	}
	return prom.WithBudget(ctx, b), b, nil
}

func TooManyQueries(n int) error {
	return fmt.Errorf("%w: the request has %d queries and at most %d are run per request; split them across panels or rules",
		ErrTooManyQueries, n, MaxQueriesPerRequest)
}
