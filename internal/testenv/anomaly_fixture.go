package testenv

import (
	"math"
	"strconv"
	"sync"
	"testing"
	"time"
)

// Series IDs of the anomaly fixture, for tests' tables.
const (
	AnomalySpike    = `ce_anomaly_case{case="spike",job="claude-enhancer-anomaly"}`
	AnomalyDrop     = `ce_anomaly_case{case="drop",job="claude-enhancer-anomaly"}`
	AnomalyShift    = `ce_anomaly_case{case="shift",job="claude-enhancer-anomaly"}`
	AnomalyDrift    = `ce_anomaly_case{case="drift",job="claude-enhancer-anomaly"}`
	AnomalySeasonal = `ce_anomaly_case{case="seasonal",job="claude-enhancer-anomaly"}`
)

// Shape of the anomaly fixture's series, for tests that state expectations.
const (
	AnomalyLevel      = 100.0 // level of the spike, drop, shift and drift series
	AnomalyNoise      = 2.0   // their Gaussian noise σ
	AnomalySpikeSize  = 40.0  // 20σ for two minutes
	AnomalyShiftSize  = 10.0  // 5σ, for good
	AnomalyDriftRate  = 4.0   // per hour (2σ/h), from DriftAt on
	SeasonalMean      = 50.0  // seasonal and clean series: mean + amplitude·sin(day phase)
	SeasonalAmplitude = 30.0
	SeasonalNoise     = 1.0 // their Gaussian noise σ
	SeasonalDipSize   = 8.0 // the seasonal series' dip, 8σ, for 30 minutes
	AnomalyCleanCount = 4   // clean seasonal replicas "0".."3"
	AnomalyDays       = 6   // length of the fixture, in days
	anomalyStep       = DefaultStep
)

// Anomaly is a fixture of series with anomalies injected at known times, for
// testing detection end to end: six days at a 15 s step ending, on a whole
// hour, at least ten minutes before now. Every series is
// ce_anomaly_case{job="claude-enhancer-anomaly", case=…}:
//
//   - spike: 100 + N(0, 2²), plus 40 in [SpikeAt, SpikeAt+2m);
//   - drop: 100 + N(0, 2²), 0 in [DropAt, DropAt+10m) (a crashed exporter);
//   - shift: 100 + N(0, 2²), plus 10 from ShiftAt on (a level shift);
//   - drift: 100 + N(0, 2²), plus 4 per hour since DriftAt (a slow leak);
//   - seasonal: 50 + 30·sin(2π·(t − Start)/1d) + N(0, 1), minus 8 in
//     [SeasonalAt, SeasonalAt+30m): at SeasonalAt the daily curve rises
//     fastest, so the dip stays inside the last hour's range and only the
//     same time on earlier days shows it;
//   - clean, replica "0".."3": the seasonal curve with phases k·π/2 and no
//     anomaly, the baseline for false events.
//
// Every injected time is a whole hour after Start, so it falls on the grid of
// any detector step that divides an hour. Noise is Gaussian (Box–Muller over
// the fixture's hash noise, keyed by the offset from Start), values are
// rounded to three decimals. The same seed gives the same values at the same
// offsets from Start whatever now is, so verdicts do not change from run to run.
type Anomaly struct {
	Fixture
	SpikeAt, DropAt, ShiftAt, DriftAt, SeasonalAt time.Time
	SpikeFor, DropFor, SeasonalFor                time.Duration
}

// NewAnomaly builds the anomaly fixture for now and seed.
func NewAnomaly(now time.Time, seed uint64) *Anomaly {
	end := now.Add(-10 * time.Minute).Truncate(time.Hour)
	start := end.Add(-AnomalyDays * 24 * time.Hour)
	day := 24 * time.Hour
	a := &Anomaly{
		Fixture:     Fixture{Start: start, End: end, Step: anomalyStep},
		SpikeAt:     start.Add(4*day + 3*time.Hour),
		SpikeFor:    2 * time.Minute,
		DropAt:      start.Add(4*day + 9*time.Hour),
		DropFor:     10 * time.Minute,
		ShiftAt:     start.Add(5*day + 6*time.Hour),
		DriftAt:     start.Add(5*day + 9*time.Hour),
		SeasonalAt:  start.Add(5 * day),
		SeasonalFor: 30 * time.Minute,
	}
	labels := func(kv ...string) map[string]string {
		m := map[string]string{"job": "claude-enhancer-anomaly"}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
	within := func(t, from time.Time, d time.Duration) bool { return !t.Before(from) && t.Before(from.Add(d)) }
	level := func(c string, extra func(t time.Time) (float64, bool)) Series {
		l := labels("case", c)
		n := newGaussian(seed, "ce_anomaly_case", l)
		return Series{
			Name: "ce_anomaly_case", Type: Gauge, Help: "Synthetic series with injected anomalies.", Labels: l,
			Value: func(t time.Time) (float64, bool) {
				v := AnomalyLevel + AnomalyNoise*n.at(t.Sub(start))
				if x, replace := extra(t); replace {
					v = x
				} else {
					v += x
				}
				return round3(v), true
			},
		}
	}
	seasonal := func(l map[string]string, phase float64, dip func(t time.Time) bool) Series {
		n := newGaussian(seed, "ce_anomaly_case", l)
		return Series{
			Name: "ce_anomaly_case", Type: Gauge, Help: "Synthetic series with injected anomalies.", Labels: l,
			Value: func(t time.Time) (float64, bool) {
				x := float64(t.Sub(start)) / float64(day)
				v := SeasonalMean + SeasonalAmplitude*math.Sin(2*math.Pi*x+phase) + SeasonalNoise*n.at(t.Sub(start))
				if dip(t) {
					v -= SeasonalDipSize
				}
				return round3(v), true
			},
		}
	}
	a.Series = []Series{
		level("spike", func(t time.Time) (float64, bool) {
			if within(t, a.SpikeAt, a.SpikeFor) {
				return AnomalySpikeSize, false
			}
			return 0, false
		}),
		level("drop", func(t time.Time) (float64, bool) { return 0, within(t, a.DropAt, a.DropFor) }),
		level("shift", func(t time.Time) (float64, bool) {
			if t.Before(a.ShiftAt) {
				return 0, false
			}
			return AnomalyShiftSize, false
		}),
		level("drift", func(t time.Time) (float64, bool) {
			if t.Before(a.DriftAt) {
				return 0, false
			}
			return AnomalyDriftRate * t.Sub(a.DriftAt).Hours(), false
		}),
		seasonal(labels("case", "seasonal"), 0, func(t time.Time) bool { return within(t, a.SeasonalAt, a.SeasonalFor) }),
	}
	for k := range AnomalyCleanCount {
		a.Series = append(a.Series, seasonal(labels("case", "clean", "replica", strconv.Itoa(k)),
			float64(k)*math.Pi/2, func(time.Time) bool { return false }))
	}
	return a
}

// AnomalyClean is the ID of clean replica k.
func AnomalyClean(k int) string {
	return `ce_anomaly_case{case="clean",job="claude-enhancer-anomaly",replica="` + strconv.Itoa(k) + `"}`
}

// gaussian is standard normal noise as a deterministic function of
// (seed, series, offset from the fixture's start): Box–Muller over two
// independent hash streams. Keyed by offset rather than time, the fixture is
// the same sequence of values whenever it is built, only moved in time, so
// detection tests give the same verdicts on every run.
type gaussian struct{ u, v noise }

func newGaussian(seed uint64, name string, labels map[string]string) gaussian {
	n := newNoise(seed, name, labels)
	return gaussian{u: n, v: noise{key: n.key ^ 0x5851f42d4c957f2d}}
}

func (g gaussian) at(offset time.Duration) float64 {
	t := time.UnixMilli(offset.Milliseconds())
	u := 1 - g.u.unit(t) // (0, 1]: log stays finite
	return math.Sqrt(-2*math.Log(u)) * math.Cos(2*math.Pi*g.v.unit(t))
}

// AnomalySeed seeds the shared anomaly fixture.
const AnomalySeed = 20261128

var (
	sharedAnomalyOnce sync.Once
	sharedAnomaly     *Anomaly

	sharedAnomalyProm = NewSharedPrometheus("anomaly", func() *Fixture { return &SharedAnomalyFixture().Fixture })
)

// SharedAnomalyFixture is the anomaly fixture shared by this test binary,
// built from the time of the first call and AnomalySeed.
func SharedAnomalyFixture() *Anomaly {
	sharedAnomalyOnce.Do(func() { sharedAnomaly = NewAnomaly(time.Now(), AnomalySeed) })
	return sharedAnomaly
}

// SharedAnomalyPrometheus is the default build's Prometheus over
// SharedAnomalyFixture, started on first use (one backfill per test binary)
// and stopped by Main. Skips under -short; fails without the binaries.
func SharedAnomalyPrometheus(t testing.TB) *Upstream {
	t.Helper()
	return sharedAnomalyProm.Get(t)
}

// SharedAnomalyPrometheuses is SharedAnomalyPrometheus for every build of
// the matrix, Prometheus 2 first.
func SharedAnomalyPrometheuses(t testing.TB) []*Upstream {
	t.Helper()
	return sharedAnomalyProm.GetAll(t)
}
