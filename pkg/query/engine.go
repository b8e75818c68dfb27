// Package query runs parsed queries: one engine per query kind (series.go,
// anomaly.go, trend.go, forecast.go, slo.go) plans the fetch, reads the
// upstream through a Fetcher, calls the domain maths (detect, slo) and
// hands the results to frames. It knows nothing of the plugin SDK's
// requests and responses: an engine returns frames or an error, and the
// caller (pkg/plugin) classifies the error.
package query

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/claudeenhancer/monitoring/pkg/prom"
)

// Fetcher is the part of the Prometheus HTTP API the engines read;
// *prom.Client implements it.
type Fetcher interface {
	QueryRange(ctx context.Context, expr string, r prom.Range) (prom.Matrix, error)
	Query(ctx context.Context, expr string, t time.Time) ([]prom.Sample, []string, error)
	LabelValues(ctx context.Context, name string, matchers []string, start, end time.Time) ([]string, error)
}

// Engine runs the queries of one datasource instance.
type Engine struct {
	fetch Fetcher
	// scrape is the targets' scrape interval (the datasource's
	// timeInterval), the slot of availability SLIs.
	scrape time.Duration
	// increaseForm is the counterForm the server answered the probe with
	// (slofetch.go, anchored); 0 until probed.
	increaseForm atomic.Int32
}

// New returns an engine reading through f; scrape is the targets' scrape
// interval.
func New(f Fetcher, scrape time.Duration) *Engine {
	return &Engine{fetch: f, scrape: scrape}
}

type gridCostKey struct{}

// WithGridCost makes fetchGrid charge cost points per series and step to
// the budget in ctx (1 without it): a detection step holds several
// numbers and costs far more CPU than a plain sample.
func WithGridCost(ctx context.Context, cost int64) context.Context {
	return context.WithValue(ctx, gridCostKey{}, cost)
}

func gridCost(ctx context.Context) int64 {
	if c, ok := ctx.Value(gridCostKey{}).(int64); ok {
		return c
	}
	return 1
}
