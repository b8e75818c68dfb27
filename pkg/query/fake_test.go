package query

import (
	"context"
	"errors"
	"math"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/claudeenhancer/monitoring/internal/promfake"
	"github.com/claudeenhancer/monitoring/pkg/models"
	"github.com/claudeenhancer/monitoring/pkg/prom"
)

// fakeFetcher answers range queries like Prometheus from Go functions of
// time, whatever the expression: one value per series at start,
// start+step, …, end, and Prometheus' refusal above 11,000 intervals, so an
// engine that forgets to chunk fails.
type fakeFetcher struct {
	series []promfake.Series
	mu     sync.Mutex
	ranges []prom.Range // the range queries asked, in arrival order
}

func newFake(series ...promfake.Series) *Engine {
	return New(&fakeFetcher{series: series}, 15*time.Second)
}

var errNotFaked = errors.New("not faked")

func (f *fakeFetcher) QueryRange(_ context.Context, _ string, r prom.Range) (prom.Matrix, error) {
	f.mu.Lock()
	f.ranges = append(f.ranges, r)
	f.mu.Unlock()
	if r.End.Sub(r.Start)/r.Step > prom.MaxIntervals {
		return prom.Matrix{}, &prom.APIError{StatusCode: 400, Message: "exceeded maximum resolution of 11,000 points per timeseries"}
	}
	var m prom.Matrix
	for _, s := range f.series {
		ps := prom.Series{Labels: s.Labels}
		for t := r.Start; !t.After(r.End); t = t.Add(r.Step) {
			if v := s.At(t); !math.IsNaN(v) {
				ps.Times, ps.Values = append(ps.Times, t.UnixMilli()), append(ps.Values, v)
			}
		}
		m.Series = append(m.Series, ps)
	}
	return m, nil
}

// sortedRanges returns the range queries asked, by start.
func (f *fakeFetcher) sortedRanges() []prom.Range {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := slices.Clone(f.ranges)
	slices.SortFunc(out, func(a, b prom.Range) int { return a.Start.Compare(b.Start) })
	return out
}

func (f *fakeFetcher) Query(context.Context, string, time.Time) ([]prom.Sample, []string, error) {
	return nil, nil, errNotFaked
}

func (f *fakeFetcher) LabelValues(context.Context, string, []string, time.Time, time.Time) ([]string, error) {
	return nil, errNotFaked
}

// runQuery parses body as the frontend sends it (15 s interval) and runs
// it on e with the engine of its type.
func runQuery(t *testing.T, e *Engine, body string, from, to time.Time, maxPoints int64) data.Frames {
	t.Helper()
	s, err := models.LoadSettings(context.Background(), backend.DataSourceInstanceSettings{URL: "http://prometheus.invalid", JSONData: []byte(`{}`)})
	if err != nil {
		t.Fatal(err)
	}
	q, err := models.ParseQuery(backend.DataQuery{RefID: "A", JSON: []byte(body), Interval: 15 * time.Second,
		MaxDataPoints: maxPoints, TimeRange: backend.TimeRange{From: from, To: to}}, s)
	if err != nil {
		t.Fatal(err)
	}
	engines := map[models.QueryType]func(context.Context, models.Query) (data.Frames, error){
		models.QueryTypeSeries: e.Series, models.QueryTypeAnomaly: e.Anomaly, models.QueryTypeTrend: e.Trend,
		models.QueryTypeForecast: e.Forecast, models.QueryTypeSLO: e.SLO,
	}
	fs, err := engines[q.Type](context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	return fs
}
