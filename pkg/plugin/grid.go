package plugin

import (
	"context"
	"math"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

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
// are matched across chunks by their label set.
func (d *Datasource) fetchGrid(ctx context.Context, expr string, start, end time.Time, step time.Duration) ([]gridSeries, []string, error) {
	n := int(end.Sub(start)/step) + 1
	byKey := map[string]*gridSeries{}
	var order []string
	var warnings []string
	chunk := time.Duration(prom.MaxIntervals) * step
	for from := start; !from.After(end); from = from.Add(chunk + step) {
		to := from.Add(chunk)
		if to.After(end) {
			to = end
		}
		m, err := d.client.QueryRange(ctx, expr, prom.Range{Start: from, End: to, Step: step})
		if err != nil {
			return nil, nil, err
		}
		warnings = append(warnings, m.Warnings...)
		for _, s := range m.Series {
			key := data.Labels(s.Labels).String()
			g, ok := byKey[key]
			if !ok {
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

func nanSlice(n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = math.NaN()
	}
	return s
}
