package testenv

import (
	"fmt"
	"hash/fnv"
	"math"
	"time"
)

// Series IDs of the default fixture, for tests' tables.
const (
	Requests200 = `ce_requests_total{code="200",job="claude-enhancer-api",service="api"}`
	Requests500 = `ce_requests_total{code="500",job="claude-enhancer-api",service="api"}`
	CPUAPI      = `ce_cpu_usage{job="claude-enhancer-api",service="api"}`
	CPUWorker   = `ce_cpu_usage{job="claude-enhancer-api",service="worker"}`
	CacheHit    = `ce_cache_hit_ratio{job="claude-enhancer-api",service="cache"}`
	DBPool      = `ce_db_pool_utilization{job="claude-enhancer-api",service="db"}`
)

// DefaultStep is the sample interval of the default fixture.
const DefaultStep = 15 * time.Second

// Default is the small fixture the integration tests share: two days at a 15 s
// step ending at least ten minutes before now (so engines that hide the most
// recent samples, like VictoriaMetrics' -search.latencyOffset, show them all):
//
//   - Requests200, Requests500: integer counters growing by 30 and 3 per step
//     on average (1–59 and 1–5), both reset to zero at Reset (a process
//     restart);
//   - CPUAPI, CPUWorker: gauges, 50 + 30·sin(2π·time of day) + noise in
//     [-2, 2], rounded to three decimals so every engine stores them exactly
//     (VictoriaMetrics keeps about 12 significant digits);
//   - CacheHit: a gauge with no samples in [GapStart, GapEnd), 30 minutes;
//   - DBPool: a gauge that is NaN at every half hour (minute 30, second 0).
//
// The same seed and now give the same fixture.
type Default struct {
	Fixture
	Reset            time.Time // first sample after the counter reset
	GapStart, GapEnd time.Time // CacheHit has no samples in [GapStart, GapEnd)
}

// NewDefault builds the default fixture for now and seed.
func NewDefault(now time.Time, seed uint64) *Default {
	step := DefaultStep
	end := now.Add(-10 * time.Minute).Truncate(step)
	start := end.Add(-48 * time.Hour)
	d := &Default{
		Fixture:  Fixture{Start: start, End: end, Step: step},
		Reset:    start.Add(24 * time.Hour),
		GapStart: start.Add(30 * time.Hour),
	}
	d.GapEnd = d.GapStart.Add(30 * time.Minute)

	base := map[string]string{"job": "claude-enhancer-api"}
	with := func(kv ...string) map[string]string {
		m := map[string]string{}
		for k, v := range base {
			m[k] = v
		}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
	counter := func(code string, perStep float64) Series {
		labels := with("service", "api", "code", code)
		n := newNoise(seed, "ce_requests_total", labels)
		return Series{
			Name: "ce_requests_total", Type: Counter, Help: "Requests served by the Claude Enhancer API.",
			Labels: labels,
			Value: func(t time.Time) (float64, bool) {
				from := start
				if !t.Before(d.Reset) {
					from = d.Reset
				}
				k := float64(t.Sub(from) / step)
				// perStep·k + floor(perStep·u(k)) with u in [0,1) grows by
				// between 1 and 2·perStep-1 per step: monotone, integer.
				return perStep*k + math.Floor(perStep*n.unit(t)), true
			},
		}
	}
	cpu := func(service string, phase float64) Series {
		labels := with("service", service)
		n := newNoise(seed, "ce_cpu_usage", labels)
		return Series{
			Name: "ce_cpu_usage", Type: Gauge, Help: "CPU usage in percent.",
			Labels: labels,
			Value: func(t time.Time) (float64, bool) {
				day := float64(t.UnixMilli()%86_400_000) / 86_400_000
				return round3(50 + 30*math.Sin(2*math.Pi*day+phase) + 2*n.signed(t)), true
			},
		}
	}
	cacheLabels := with("service", "cache")
	cacheNoise := newNoise(seed, "ce_cache_hit_ratio", cacheLabels)
	dbLabels := with("service", "db")
	dbNoise := newNoise(seed, "ce_db_pool_utilization", dbLabels)

	d.Series = []Series{
		counter("200", 30),
		counter("500", 3),
		cpu("api", 0),
		cpu("worker", math.Pi/2),
		{
			Name: "ce_cache_hit_ratio", Type: Gauge, Help: "Cache hit ratio (0-1).",
			Labels: cacheLabels,
			Value: func(t time.Time) (float64, bool) {
				if !t.Before(d.GapStart) && t.Before(d.GapEnd) {
					return 0, false
				}
				return round3(0.9 + 0.05*cacheNoise.signed(t)), true
			},
		},
		{
			Name: "ce_db_pool_utilization", Type: Gauge, Help: "Share of the DB connection pool in use (0-1); NaN when the pool is being rebuilt.",
			Labels: dbLabels,
			Value: func(t time.Time) (float64, bool) {
				if t.UnixMilli()%3_600_000 == 1_800_000 {
					return math.NaN(), true
				}
				return round3(0.4 + 0.2*dbNoise.unit(t)), true
			},
		},
	}
	return d
}

// NewBench builds a fixture of n gauges ce_bench_gauge{instance="i000".."}
// over the given span at a 15 s step ending ten minutes before now, for
// benchmarks that need many points (n·span/15s samples).
func NewBench(now time.Time, seed uint64, n int, span time.Duration) *Fixture {
	step := DefaultStep
	end := now.Add(-10 * time.Minute).Truncate(step)
	f := &Fixture{Start: end.Add(-span), End: end, Step: step}
	for i := range n {
		labels := map[string]string{"job": "claude-enhancer-bench", "instance": fmt.Sprintf("i%03d", i)}
		nz := newNoise(seed, "ce_bench_gauge", labels)
		f.Series = append(f.Series, Series{
			Name: "ce_bench_gauge", Type: Gauge, Help: "Benchmark gauge.",
			Labels: labels,
			Value: func(t time.Time) (float64, bool) {
				return round3(100 * nz.unit(t)), true
			},
		})
	}
	return f
}

func round3(v float64) float64 { return math.Round(v*1000) / 1000 }

// noise is a deterministic pseudo-random function of (seed, series, time):
// SplitMix64 over the three mixed together, so a sample's value does not
// depend on which other samples were generated before it.
type noise struct{ key uint64 }

func newNoise(seed uint64, name string, labels map[string]string) noise {
	s := Series{Name: name, Labels: labels}
	h := fnv.New64a()
	h.Write([]byte(s.ID()))
	return noise{key: seed ^ h.Sum64()}
}

func (n noise) bits(t time.Time) uint64 {
	z := n.key + uint64(t.UnixMilli())*0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// unit is uniform in [0, 1).
func (n noise) unit(t time.Time) float64 { return float64(n.bits(t)>>11) / (1 << 53) }

// signed is uniform in [-1, 1).
func (n noise) signed(t time.Time) float64 { return 2*n.unit(t) - 1 }
