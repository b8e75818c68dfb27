package integration

import (
	"context"
	"errors"
	"math"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/claudeenhancer/monitoring/internal/testenv"
	"github.com/claudeenhancer/monitoring/pkg/prom"
)

// The Prometheus client against real engines: what comes back must be the
// fixture's numbers, not merely "some data".

func newClient(t *testing.T, up *testenv.Upstream) *prom.Client {
	t.Helper()
	c, err := prom.NewClient(up.URL, &http.Client{Timeout: 30 * time.Second}, prom.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// seriesID names a result series like the fixture does (without __name__
// when the query dropped it, as rate() does).
func seriesID(name string, labels prom.Labels) string {
	rest := map[string]string{}
	for k, v := range labels {
		if k != "__name__" {
			rest[k] = v
		}
	}
	s := testenv.Series{Name: name, Labels: rest}
	return s.ID()
}

func byID(t *testing.T, m prom.Matrix, name string) map[string]prom.Series {
	t.Helper()
	out := map[string]prom.Series{}
	for _, s := range m.Series {
		out[seriesID(name, s.Labels)] = s
	}
	return out
}

func queryRange(t *testing.T, c *prom.Client, expr string, from, to time.Time, step time.Duration) prom.Matrix {
	t.Helper()
	m, err := c.QueryRange(context.Background(), expr, prom.Range{Start: from, End: to, Step: step})
	if err != nil {
		t.Fatalf("QueryRange(%s): %v", expr, err)
	}
	if len(m.Warnings) > 0 {
		t.Errorf("QueryRange(%s) warnings: %v", expr, m.Warnings)
	}
	return m
}

func TestClientRangeQueryReturnsTheFixtureGaugesExactly(t *testing.T) {
	fx := testenv.SharedFixture()
	from, to := fx.Start.Add(time.Hour), fx.Start.Add(3*time.Hour)
	for _, up := range upstreams(t) {
		t.Run(up.Name, func(t *testing.T) {
			m := queryRange(t, newClient(t, up), "ce_cpu_usage", from, to, fx.Step)
			got := byID(t, m, "ce_cpu_usage")
			if len(got) != 2 {
				t.Fatalf("%d series, want 2 (api, worker): %v", len(m.Series), m.Series)
			}
			for _, id := range []string{testenv.CPUAPI, testenv.CPUWorker} {
				s, ok := got[id]
				if !ok {
					t.Fatalf("no series %s", id)
				}
				if s.Labels["__name__"] != "ce_cpu_usage" {
					t.Errorf("%s: labels %v lack __name__", id, s.Labels)
				}
				if want := 481; len(s.Times) != want || len(s.Values) != want {
					t.Fatalf("%s: %d times, %d values; want %d (2 h at 15 s, both ends included)", id, len(s.Times), len(s.Values), want)
				}
				for i, ms := range s.Times {
					at := from.Add(time.Duration(i) * fx.Step)
					want, _ := fx.ValueAt(id, at)
					if ms != at.UnixMilli() || s.Values[i] != want {
						t.Fatalf("%s point %d: (%d, %v), want (%d, %v)", id, i, ms, s.Values[i], at.UnixMilli(), want)
					}
				}
			}
		})
	}
}

func TestClientRateMatchesTheFixtureAcrossTheCounterReset(t *testing.T) {
	fx := testenv.SharedFixture()
	window := 5 * time.Minute
	from, to := fx.Reset.Add(-30*time.Minute), fx.Reset.Add(30*time.Minute)
	// At a step-aligned t, Prometheus 2 computes rate(x[5m]) from exactly the
	// samples at t-5m … t (its closed range needs no extrapolation) and
	// VictoriaMetrics takes the sample at t-5m as the previous value: both
	// give fx.Rate. Prometheus 3's left-open range leaves out the sample at
	// t-5m and extrapolates the rest to the range's start, as
	// fx.PrometheusRate models it. A decrease counts as a restart from zero.
	// The engines differ from the models only in float rounding (last ulp
	// seen on VictoriaMetrics), hence a relative tolerance of 1e-12.
	const tol = 1e-12
	for _, up := range upstreams(t) {
		t.Run(up.Name, func(t *testing.T) {
			m := queryRange(t, newClient(t, up), "rate(ce_requests_total[5m])", from, to, fx.Step)
			got := byID(t, m, "ce_requests_total")
			for _, id := range []string{testenv.Requests200, testenv.Requests500} {
				s, ok := got[id]
				if !ok {
					t.Fatalf("no series %s in %v", id, m.Series)
				}
				if _, named := s.Labels["__name__"]; named {
					t.Errorf("%s: rate() kept __name__: %v", id, s.Labels)
				}
				if len(s.Times) != 241 {
					t.Fatalf("%s: %d points, want 241", id, len(s.Times))
				}
				straddled := 0
				for i, ms := range s.Times {
					at := time.UnixMilli(ms)
					want, _ := fx.PrometheusRate(id, at, window, up.LeftOpen())
					if !relClose(s.Values[i], want, tol) {
						t.Fatalf("%s at %v: rate %v, want %v (the fixture's samples as %s reads them)", id, at.UTC(), s.Values[i], want, up.Name)
					}
					if at.After(fx.Reset) && at.Before(fx.Reset.Add(window)) {
						straddled++
					}
				}
				if straddled == 0 {
					t.Errorf("%s: no point's window straddles the reset; the test checks less than it claims", id)
				}
			}
		})
	}
}

func TestClientGapShowsAsMissingPoints(t *testing.T) {
	fx := testenv.SharedFixture()
	const lookback = 5 * time.Minute  // Prometheus' default lookback delta
	last := fx.GapStart.Add(-fx.Step) // the last sample before the gap
	from, to := fx.GapStart.Add(-10*time.Minute), fx.GapEnd.Add(10*time.Minute)
	lastValue, _ := fx.ValueAt(testenv.CacheHit, last)
	for _, up := range upstreams(t) {
		t.Run(up.Name, func(t *testing.T) {
			m := queryRange(t, newClient(t, up), `ce_cache_hit_ratio`, from, to, fx.Step)
			if len(m.Series) != 1 {
				t.Fatalf("%d series, want 1", len(m.Series))
			}
			s := m.Series[0]
			got := map[int64]float64{}
			for i, ms := range s.Times {
				got[ms] = s.Values[i]
			}
			missing := 0
			for at := from; !at.After(to); at = at.Add(fx.Step) {
				v, present := got[at.UnixMilli()]
				want, sampled := fx.ValueAt(testenv.CacheHit, at)
				switch {
				case sampled:
					if !present || v != want {
						t.Errorf("at %v: (%v, present %v), want the sample %v", at.UTC(), v, present, want)
					}
				case !at.After(last.Add(lookback)):
					// Inside the lookback after the last sample an engine may
					// repeat that sample (Prometheus does for 5 min,
					// VictoriaMetrics for one step) but show nothing else.
					if present && v != lastValue {
						t.Errorf("at %v: %v, want nothing or the last sample %v", at.UTC(), v, lastValue)
					}
					if !present {
						missing++
					}
				default:
					if present {
						t.Errorf("at %v: %v, want no point (no sample in the last 5 min)", at.UTC(), v)
					}
					missing++
				}
			}
			if minMissing := int((fx.GapEnd.Sub(last) - lookback) / fx.Step); missing < minMissing-1 {
				t.Errorf("%d points missing, want at least %d", missing, minMissing-1)
			}
		})
	}
}

func TestClientNaNSamples(t *testing.T) {
	fx := testenv.SharedFixture()
	nanAt := fx.Start.Add(2 * time.Hour).Truncate(time.Hour).Add(30 * time.Minute)
	if v, _ := fx.ValueAt(testenv.DBPool, nanAt); !math.IsNaN(v) {
		t.Fatalf("fixture: %v at %v, want NaN", v, nanAt)
	}
	before, _ := fx.ValueAt(testenv.DBPool, nanAt.Add(-fx.Step))
	from, to := nanAt.Add(-2*time.Minute), nanAt.Add(2*time.Minute)
	for _, up := range upstreams(t) {
		t.Run(up.Name, func(t *testing.T) {
			c := newClient(t, up)
			// Prometheus stores NaN as a value and returns it ("NaN" in JSON,
			// math.NaN() after decoding). VictoriaMetrics drops NaN samples on
			// ingestion, so that instant shows the previous sample through
			// its lookback instead.
			wantAtNaN := math.NaN()
			if up.Name == testenv.EngineVictoriaMetrics {
				wantAtNaN = before
			}
			m := queryRange(t, c, "ce_db_pool_utilization", from, to, fx.Step)
			if len(m.Series) != 1 || len(m.Series[0].Times) != 17 {
				t.Fatalf("got %v, want one series of 17 points", m.Series)
			}
			s := m.Series[0]
			for i, ms := range s.Times {
				at := time.UnixMilli(ms)
				want, _ := fx.ValueAt(testenv.DBPool, at)
				if at.Equal(nanAt) {
					want = wantAtNaN
				}
				if !sameFloat(s.Values[i], want) {
					t.Errorf("at %v: %v, want %v", at.UTC(), s.Values[i], want)
				}
			}

			samples, _, err := c.Query(context.Background(), "ce_db_pool_utilization", nanAt)
			if err != nil {
				t.Fatal(err)
			}
			if len(samples) != 1 || !sameFloat(samples[0].Value, wantAtNaN) {
				t.Errorf("instant query at the NaN: %v, want one sample %v", samples, wantAtNaN)
			}
		})
	}
}

func TestClientMetadataMatchesTheFixture(t *testing.T) {
	fx := testenv.SharedFixture()
	for _, up := range upstreams(t) {
		t.Run(up.Name, func(t *testing.T) {
			c := newClient(t, up)
			ctx := context.Background()
			cases := []struct {
				name string
				call func() ([]string, error)
				want []string
			}{
				{"label names of all series", func() ([]string, error) { return c.LabelNames(ctx, nil, fx.Start, fx.End) }, fx.LabelNames()},
				{"label names of ce_cpu_usage", func() ([]string, error) { return c.LabelNames(ctx, []string{"ce_cpu_usage"}, fx.Start, fx.End) }, []string{"__name__", "job", "service"}},
				{"label names without a time range", func() ([]string, error) { return c.LabelNames(ctx, nil, time.Time{}, time.Time{}) }, fx.LabelNames()},
				{"metric names are the values of __name__", func() ([]string, error) { return c.LabelValues(ctx, "__name__", nil, fx.Start, fx.End) }, fx.MetricNames()},
				{"values of service", func() ([]string, error) { return c.LabelValues(ctx, "service", nil, fx.Start, fx.End) }, fx.LabelValues("service")},
				{"values of code on the requests counter", func() ([]string, error) {
					return c.LabelValues(ctx, "code", []string{`ce_requests_total{job="claude-enhancer-api"}`}, fx.Start, fx.End)
				}, []string{"200", "500"}},
				{"values of a label nobody has", func() ([]string, error) { return c.LabelValues(ctx, "nonexistent", nil, fx.Start, fx.End) }, []string{}},
			}
			for _, tc := range cases {
				got, err := tc.call()
				if err != nil {
					t.Errorf("%s: %v", tc.name, err)
					continue
				}
				if !slices.Equal(got, tc.want) && !(len(got) == 0 && len(tc.want) == 0) {
					t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
				}
			}
		})
	}
}

func TestClientSyntaxErrorIsAnAPIError(t *testing.T) {
	fx := testenv.SharedFixture()
	const bad = "sum(rate(ce_requests_total[5m])"
	for _, up := range upstreams(t) {
		t.Run(up.Name, func(t *testing.T) {
			c := newClient(t, up)
			_, rangeErr := c.QueryRange(context.Background(), bad, prom.Range{Start: fx.Start, End: fx.Start.Add(time.Hour), Step: time.Minute})
			_, _, instErr := c.Query(context.Background(), bad, fx.End)
			for name, err := range map[string]error{"QueryRange": rangeErr, "Query": instErr} {
				var apiErr *prom.APIError
				if !errors.As(err, &apiErr) {
					t.Fatalf("%s: %v (%T), want *prom.APIError", name, err, err)
				}
				// Prometheus answers 400 with errorType bad_data;
				// VictoriaMetrics 1.79 answers 422 and puts the status
				// code in errorType.
				wantStatus, wantType := http.StatusBadRequest, "bad_data"
				if up.Name == testenv.EngineVictoriaMetrics {
					wantStatus, wantType = http.StatusUnprocessableEntity, "422"
				}
				if apiErr.StatusCode != wantStatus || apiErr.Type != wantType || apiErr.Message == "" {
					t.Errorf("%s: %+v, want status %d, type %q and a message", name, apiErr, wantStatus, wantType)
				}
				if !prom.IsUpstream(err) {
					t.Errorf("%s: IsUpstream = false for %v", name, err)
				}
			}
		})
	}
}

func TestClientInstantQuery(t *testing.T) {
	fx := testenv.SharedFixture()
	at := fx.Start.Add(13*time.Hour + 15*time.Second)
	api, _ := fx.ValueAt(testenv.CPUAPI, at)
	worker, _ := fx.ValueAt(testenv.CPUWorker, at)
	for _, up := range upstreams(t) {
		t.Run(up.Name, func(t *testing.T) {
			c := newClient(t, up)
			cases := []struct {
				name, expr string
				want       float64
				labels     prom.Labels
			}{
				{"a selector returns the sample at t", `ce_cpu_usage{service="api"}`, api,
					prom.Labels{"__name__": "ce_cpu_usage", "job": "claude-enhancer-api", "service": "api"}},
				{"an aggregation sums the samples at t", `sum(ce_cpu_usage)`, api + worker, prom.Labels{}},
				{"a scalar expression is one sample without labels", `1+1`, 2, prom.Labels{}},
			}
			for _, tc := range cases {
				samples, warnings, err := c.Query(context.Background(), tc.expr, at)
				if err != nil || len(warnings) > 0 {
					t.Errorf("%s: %v, warnings %v", tc.name, err, warnings)
					continue
				}
				if len(samples) != 1 {
					t.Errorf("%s: %d samples, want 1", tc.name, len(samples))
					continue
				}
				s := samples[0]
				if s.Value != tc.want || s.Time != at.UnixMilli() || len(s.Labels) != len(tc.labels) {
					t.Errorf("%s: %+v, want value %v at %d with labels %v", tc.name, s, tc.want, at.UnixMilli(), tc.labels)
				}
				for k, v := range tc.labels {
					if s.Labels[k] != v {
						t.Errorf("%s: label %s = %q, want %q", tc.name, k, s.Labels[k], v)
					}
				}
			}
		})
	}
}

func TestClientBuildInfo(t *testing.T) {
	for _, up := range upstreams(t) {
		t.Run(up.Name, func(t *testing.T) {
			info, err := newClient(t, up).BuildInfo(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			// Debian's Prometheus reports "2.42.0+ds"; Prometheus 3 built
			// with go install reports an empty version and the revision
			// "unknown" (no -ldflags set them); VictoriaMetrics answers the
			// endpoint with no data.
			want := ""
			if up.Build != nil && up.Build.Major() == 2 {
				want = "2.42.0+ds"
			}
			if info.Version != want || info.Application != "" {
				t.Errorf("build info %+v, want version %q and no application", info, want)
			}
		})
	}
}
