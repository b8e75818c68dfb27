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

	"github.com/claudeenhancer/monitoring/pkg/models"
	"github.com/claudeenhancer/monitoring/pkg/prom"
)

// fakeSeries is one series the fake upstream computes: its value at any
// evaluation time (NaN: no sample).
type fakeSeries struct {
	labels map[string]string
	at     func(t time.Time) float64
}

// fakeFetcher answers range queries like Prometheus from Go functions of
// time, whatever the expression: one value per series at start,
// start+step, …, end, and Prometheus' refusal above 11,000 intervals, so an
// engine that forgets to chunk fails.
type fakeFetcher struct {
	series []fakeSeries
	mu     sync.Mutex
	ranges []prom.Range // the range queries asked, in arrival order
}

func newFake(series ...fakeSeries) *Engine {
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
		ps := prom.Series{Labels: s.labels}
		for t := r.Start; !t.After(r.End); t = t.Add(r.Step) {
			if v := s.at(t); !math.IsNaN(v) {
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

// gauss is deterministic standard normal noise at t (Box–Muller over
// SplitMix64 of the millisecond and a seed).
func gauss(seed uint64, t time.Time) float64 {
	mix := func(z uint64) uint64 {
		z += 0x9e3779b97f4a7c15
		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
		z = (z ^ (z >> 27)) * 0x94d049bb133111eb
		return z ^ (z >> 31)
	}
	a := mix(seed ^ uint64(t.UnixMilli()))
	b := mix(a)
	u := 1 - float64(a>>11)/(1<<53)
	return math.Sqrt(-2*math.Log(u)) * math.Cos(2*math.Pi*float64(b>>11)/(1<<53))
}

// t0 is the fake's epoch: 2026-11-27 00:00 UTC.
var t0 = time.Unix(1795737600, 0).UTC()

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

// column returns a frame's float64 field by name, null as NaN.
func column(t *testing.T, f *data.Frame, name string) []float64 {
	t.Helper()
	fld, i := f.FieldByName(name)
	if i < 0 {
		t.Fatalf("frame %q has no field %q", f.Name, name)
	}
	out := make([]float64, fld.Len())
	for i := range out {
		switch v := fld.At(i).(type) {
		case float64:
			out[i] = v
		case *float64:
			out[i] = math.NaN()
			if v != nil {
				out[i] = *v
			}
		default:
			t.Fatalf("field %q holds %T, want float64 or *float64", name, v)
		}
	}
	return out
}

// times returns a frame's time field by name.
func times(t *testing.T, f *data.Frame, name string) []time.Time {
	t.Helper()
	fld, i := f.FieldByName(name)
	if i < 0 {
		t.Fatalf("frame %q has no field %q", f.Name, name)
	}
	out := make([]time.Time, fld.Len())
	for i := range out {
		out[i] = fld.At(i).(time.Time)
	}
	return out
}
