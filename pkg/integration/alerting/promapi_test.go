package alerting

import (
	"fmt"
	"math"
	"time"

	"github.com/claudeenhancer/monitoring/internal/demostack"
)

// queryRange runs a PromQL range query on the history's Prometheus and lays
// each series on times (which must be the query's steps): NaN where a
// series has no value. A range query's value at each step is the instant
// query's at that time, which is what a Grafana rule with an instant
// Prometheus query sees when it evaluates then.
func (h *history) queryRange(expr string, times []time.Time) ([]instanceSeries, error) {
	r, err := h.QueryRange(expr, times[0], times[len(times)-1], times[1].Sub(times[0]))
	if err != nil {
		return nil, err
	}
	index := map[int64]int{}
	for i, at := range times {
		index[at.Unix()] = i
	}
	out := make([]instanceSeries, 0, len(r.Series))
	for _, s := range r.Series {
		vals := make([]float64, len(times))
		for i := range vals {
			vals[i] = math.NaN()
		}
		for _, p := range s.Values {
			ts, _ := p[0].(float64)
			i, ok := index[int64(ts)]
			if !ok {
				return nil, fmt.Errorf("query_range %s: sample at %v is not a step", expr, ts)
			}
			vals[i] = demostack.ParseValue(p[1])
		}
		out = append(out, instanceSeries{Labels: s.Metric, Values: vals})
	}
	return out, nil
}
