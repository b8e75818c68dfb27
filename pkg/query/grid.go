package query

import (
	"context"
	"errors"
	"math"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/claudeenhancer/monitoring/pkg/internal/fanout"
	"github.com/claudeenhancer/monitoring/pkg/prom"
)

// gridSeries is one series on a fixed step: Values[i] is the value at
// Start + i·Step, NaN where the upstream returned no point.
type gridSeries struct {
	Labels prom.Labels
	Start  time.Time
	Step   time.Duration
	Values []float64
}

func (g gridSeries) time(i int) time.Time { return g.Start.Add(time.Duration(i) * g.Step) }

// fetchGrid runs a range query over [start, end] on step (start and end on
// the step grid) and lays every series on that grid. Ranges longer than
// Prometheus' 11,000-step limit are fetched in consecutive chunks; series
// are matched across chunks by their label set. Chunks are counted in grid
// points, not durations: 11,000 steps of 10 days overflow a time.Duration.
//
// Under a prom.Budget (in ctx) the grid is charged, not only the samples:
// a series holds a value for every step even where the upstream sent a
// single sample, so a query's cost is series × steps (× gridCost for
// detection, whose steps cost more than a sample).
func (e *Engine) fetchGrid(ctx context.Context, expr string, start, end time.Time, step time.Duration) ([]gridSeries, []string, error) {
	n := int(end.Sub(start)/step) + 1
	var ranges []prom.Range
	for i := 0; i < n; i += prom.MaxIntervals + 1 {
		j := min(i+prom.MaxIntervals, n-1)
		ranges = append(ranges, prom.Range{Start: start.Add(time.Duration(i) * step), End: start.Add(time.Duration(j) * step), Step: step})
	}
	matrices, err := e.queryRanges(ctx, expr, ranges)
	if err != nil {
		return nil, nil, err
	}
	// The decoded points are about to become the grid: the budget holds
	// the larger of the two, not their sum, so a dense answer of S series
	// × n steps costs S·n whether it came in one chunk or several.
	budget, cost := prom.BudgetFromContext(ctx), gridCost(ctx)
	for _, m := range matrices {
		for _, s := range m.Series {
			budget.Release(int64(len(s.Times)))
		}
	}
	byKey := map[string]*gridSeries{}
	var order []string
	var warnings []string
	for _, m := range matrices {
		warnings = append(warnings, m.Warnings...)
		for j, s := range m.Series {
			m.Series[j] = prom.Series{} // the GC may take it once merged
			key := data.Labels(s.Labels).String()
			g, ok := byKey[key]
			if !ok {
				if err := budget.Charge(cost * int64(n)); err != nil {
					return nil, nil, err
				}
				g = &gridSeries{Labels: s.Labels, Start: start, Step: step, Values: nanSlice(n)}
				byKey[key] = g
				order = append(order, key)
			}
			for i, ms := range s.Times {
				if k := int((ms - start.UnixMilli()) / step.Milliseconds()); k >= 0 && k < n {
					g.Values[k] = s.Values[i]
				}
			}
		}
	}
	out := make([]gridSeries, len(order))
	for i, k := range order {
		out[i] = *byKey[k]
	}
	return out, warnings, nil
}

// queryRanges runs the chunks concurrently (each upstream call takes one
// of the process's upstream slots, prom.Slots) and returns their results in chunk
// order; the first error cancels the rest.
func (e *Engine) queryRanges(ctx context.Context, expr string, ranges []prom.Range) ([]prom.Matrix, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	out := make([]prom.Matrix, len(ranges))
	errs := make([]error, len(ranges))
	fanout.Run(len(ranges), func(i int) {
		if out[i], errs[i] = e.fetch.QueryRange(ctx, expr, ranges[i]); errs[i] != nil {
			cancel()
		}
	})
	for _, err := range errs {
		if err != nil && !errors.Is(err, context.Canceled) {
			return nil, err
		}
	}
	return out, errors.Join(errs...)
}

func nanSlice(n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = math.NaN()
	}
	return s
}

// times lists the instants of points [from, to) of g.
func (g gridSeries) times(from, to int) []time.Time {
	out := make([]time.Time, to-from)
	for i := range out {
		out[i] = g.time(from + i)
	}
	return out
}
