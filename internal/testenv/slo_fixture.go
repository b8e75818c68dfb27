package testenv

import (
	"fmt"
	"math"
	"time"
)

// Series IDs of the SLO fixture. The names are the seed's (demostack.SeedCatalog
// queries them unchanged).
const (
	AuthLate   = `auth_requests_total{instance="a",status="502"}`
	IdleOK     = `idle_requests_total{status="200"}`
	IdleFailed = `idle_requests_total{status="500"}`
	UpAuth0    = `up{instance="auth-0",job="claude-enhancer-auth"}`
	UpAuth1    = `up{instance="auth-1",job="claude-enhancer-auth"}`
)

// SLOStatuses are the statuses every instance of the SLO fixture reports
// from the start; AuthLate is born later.
var SLOStatuses = []string{"200", "201", "404", "500", "503"}

// SLOLes are the le values of the SLO fixture's histogram, as exported.
var SLOLes = []string{"0.05", "0.1", "0.2", "0.5", "1", "+Inf"}

// Interval is the half-open span [Start, End); a sample at t belongs to it
// when Start < t ≤ End (it reports the slot ending at t).
type Interval struct{ Start, End time.Time }

// Holds reports whether the sample at t reports a slot inside the interval.
func (i Interval) Holds(t time.Time) bool { return t.After(i.Start) && !t.After(i.End) }

// SLO is the fixture of the SLO integration tests: eight days at 15 s,
// ending on the hour at least ten minutes before now, with known incidents.
// Every counter is built from per-sample increments ("events"), so tests
// read the exact number of events in any window from Events:
//
//   - auth_requests_total{instance="a"|"b",status=SLOStatuses…}: ten
//     counters, about 155 requests per 15 s in all, 5xx at about 0.03 %.
//     Instance b restarts at Reset (its counters start again from the
//     slot's increment). AuthLate is born at LateBirth with LateBirthValue
//     already counted (the first increment PromQL cannot see).
//   - Outage: every request of both instances fails with 503.
//   - auth_response_time_bucket{le=SLOLes…} and _count: a histogram of about
//     30 requests per 15 s, 97 % ≤ 0.2 s, 85 % during LatencyIncident.
//   - up{job="claude-enhancer-auth",instance="auth-0"|"auth-1"}: auth-0 is
//     down (0) during UpOutage; neither reports during UpGap; auth-1 alone
//     does not report during UpGapOne.
//   - idle_requests_total{status="200"|"500"}: constant counters (zero traffic).
type SLO struct {
	Fixture
	Outage, LatencyIncident   Interval
	UpOutage, UpGap, UpGapOne Interval
	Reset, LateBirth          time.Time
	LateBirthValue            float64
	events                    map[string][]float64 // by series ID, per sample index
}

// SLOStep is the SLO fixture's sample interval.
const SLOStep = 15 * time.Second

// NewSLO builds the SLO fixture for now and seed.
func NewSLO(now time.Time, seed uint64) *SLO {
	end := now.Add(-10 * time.Minute).Truncate(time.Hour)
	start := end.Add(-8 * 24 * time.Hour)
	d := 24 * time.Hour
	at := func(off time.Duration, long time.Duration) Interval {
		return Interval{start.Add(off), start.Add(off + long)}
	}
	f := &SLO{
		Fixture:         Fixture{Start: start, End: end, Step: SLOStep},
		Outage:          Interval{end.Add(-12 * time.Hour), end.Add(-12*time.Hour + 5*time.Minute)},
		LatencyIncident: at(6*d+12*time.Hour, 2*time.Hour),
		UpOutage:        at(3*d+8*time.Hour, 30*time.Minute),
		UpGap:           at(6*d+3*time.Hour, 20*time.Minute),
		UpGapOne:        at(2*d+time.Hour, 10*time.Minute),
		Reset:           start.Add(5*d + 2*time.Hour),
		LateBirth:       start.Add(4*d + 10*time.Hour),
		LateBirthValue:  7,
		events:          map[string][]float64{},
	}
	n := int(end.Sub(start)/SLOStep) + 1
	b := builder{fx: &f.Fixture, n: n, events: f.events}

	for _, inst := range []string{"a", "b"} {
		ns := map[string]noise{}
		for _, st := range SLOStatuses {
			ns[st] = newNoise(seed, "auth_requests_total", map[string]string{"instance": inst, "status": st})
		}
		normal := func(st string, t time.Time) float64 {
			u := ns[st].unit(t)
			switch st {
			case "200":
				return 40 + math.Floor(40*u)
			case "201":
				return 10 + math.Floor(10*u)
			case "404":
				return 2 + math.Floor(2*u)
			}
			return bernoulli(u, 0.01) // 500, 503
		}
		restart := -1
		if inst == "b" {
			restart = b.index(f.Reset)
		}
		for _, st := range SLOStatuses {
			b.counter("auth_requests_total", map[string]string{"instance": inst, "status": st}, 0, restart, 1000,
				func(t time.Time) float64 {
					if !f.Outage.Holds(t) {
						return normal(st, t)
					}
					if st != "503" {
						return 0
					}
					sum := 0.0
					for _, s := range SLOStatuses {
						sum += normal(s, t)
					}
					return sum
				})
		}
	}
	lateNoise := newNoise(seed, "auth_requests_total", map[string]string{"instance": "a", "status": "502"})
	b.counter("auth_requests_total", map[string]string{"instance": "a", "status": "502"}, b.index(f.LateBirth), -1, f.LateBirthValue,
		func(t time.Time) float64 { return bernoulli(lateNoise.unit(t), 0.02) })

	f.histogram(&b, seed)
	f.up(&b)
	b.counter("idle_requests_total", map[string]string{"status": "200"}, 0, -1, 42, func(time.Time) float64 { return 0 })
	b.counter("idle_requests_total", map[string]string{"status": "500"}, 0, -1, 0, func(time.Time) float64 { return 0 })
	return f
}

func (f *SLO) histogram(b *builder, seed uint64) {
	nNoise := newNoise(seed, "auth_response_time_count", nil)
	uNoise := newNoise(seed, "auth_response_time_bucket", nil)
	normal := []float64{0.5, 0.8, 0.97, 0.995, 0.999, 1}
	slow := []float64{0.3, 0.6, 0.85, 0.97, 0.995, 1}
	count := func(t time.Time) float64 { return 20 + math.Floor(20*nNoise.unit(t)) }
	for i, le := range SLOLes {
		b.gaugeCounter("auth_response_time_bucket", map[string]string{"le": le}, func(t time.Time) float64 {
			fr := normal
			if f.LatencyIncident.Holds(t) {
				fr = slow
			}
			// The same u for every le keeps the buckets cumulative.
			return math.Floor(count(t)*fr[i] + uNoise.unit(t))
		})
	}
	b.gaugeCounter("auth_response_time_count", nil, count)
}

func (f *SLO) up(b *builder) {
	for _, inst := range []string{"auth-0", "auth-1"} {
		labels := map[string]string{"job": "claude-enhancer-auth", "instance": inst}
		b.gauge("up", labels, func(t time.Time) float64 {
			switch {
			case f.UpGap.Holds(t), inst == "auth-1" && f.UpGapOne.Holds(t):
				return math.NaN()
			case inst == "auth-0" && f.UpOutage.Holds(t):
				return 0
			}
			return 1
		})
	}
}

// Events is the exact number of events the counters ids counted in the
// slots ending in (from, to] (times on the step grid), birth values
// included: the ground truth, which PromQL misses only by the first
// increment of a late-born series.
func (f *SLO) Events(from, to time.Time, ids ...string) float64 {
	sum := 0.0
	for _, id := range ids {
		ev, ok := f.events[id]
		if !ok {
			panic("testenv: no SLO counter " + id)
		}
		for k := f.index(from) + 1; k <= f.index(to) && k < len(ev); k++ {
			if k >= 0 {
				sum += ev[k]
			}
		}
	}
	return sum
}

// AuthIDs lists the auth_requests_total series whose status satisfies keep
// (nil keeps all), the late-born one included.
func (f *SLO) AuthIDs(keep func(status string) bool) []string {
	var ids []string
	for _, s := range f.Series {
		if s.Name == "auth_requests_total" && (keep == nil || keep(s.Labels["status"])) {
			ids = append(ids, s.ID())
		}
	}
	return ids
}

// Bucket is the ID of the histogram's bucket series with label le.
func Bucket(le string) string { return fmt.Sprintf(`auth_response_time_bucket{le=%q}`, le) }

// HistogramCount is the ID of the histogram's count series.
const HistogramCount = `auth_response_time_count{}`

func (f *SLO) index(t time.Time) int { return int(t.Sub(f.Start) / f.Step) }

// NewSLOBench builds the benchmark fixture: three services × five instances
// × {200, 500} counters of bench_requests_total{svc,instance,code} (30
// series) at 15 s over span, ending on the hour at least ten minutes before
// now: about 60 requests per series and step, 0.1 % errors on average.
func NewSLOBench(now time.Time, seed uint64, span time.Duration) *SLO {
	end := now.Add(-10 * time.Minute).Truncate(time.Hour)
	f := &SLO{
		Fixture: Fixture{Start: end.Add(-span), End: end, Step: SLOStep},
		events:  map[string][]float64{},
	}
	b := builder{fx: &f.Fixture, n: int(span/SLOStep) + 1, events: f.events}
	for _, svc := range []string{"s1", "s2", "s3"} {
		for i := range 5 {
			for _, code := range []string{"200", "500"} {
				labels := map[string]string{"svc": svc, "instance": fmt.Sprint(i), "code": code}
				nz := newNoise(seed, "bench_requests_total", labels)
				b.counter("bench_requests_total", labels, 0, -1, 0, func(t time.Time) float64 {
					if code == "500" {
						return bernoulli(nz.unit(t), 0.06)
					}
					return 30 + math.Floor(60*nz.unit(t))
				})
			}
		}
	}
	return f
}

func bernoulli(u, p float64) float64 {
	if u < p {
		return 1
	}
	return 0
}

// builder precomputes series values so that writing a fixture of millions
// of samples costs one lookup per sample.
type builder struct {
	fx     *Fixture
	n      int
	events map[string][]float64
}

func (b *builder) index(t time.Time) int { return int(t.Sub(b.fx.Start) / b.fx.Step) }

// counter adds a counter born at sample index born with value initial
// (counted as events only when born > 0: a series existing before the
// fixture starts has history, not events), restarting from zero at index
// restart (-1: never), growing by inc(t) per sample.
func (b *builder) counter(name string, labels map[string]string, born, restart int, initial float64, inc func(time.Time) float64) {
	b.add(Counter, name, labels, born, restart, initial, inc)
}

// gaugeCounter is a cumulative series that is not named _total (histogram
// buckets and counts), written with the gauge type the fixture encoders know.
func (b *builder) gaugeCounter(name string, labels map[string]string, inc func(time.Time) float64) {
	b.add(Gauge, name, labels, 0, -1, 0, inc)
}

func (b *builder) add(typ Type, name string, labels map[string]string, born, restart int, initial float64, inc func(time.Time) float64) {
	vals, ev := make([]float64, b.n), make([]float64, b.n)
	v := 0.0
	for k := range vals {
		t := b.fx.Start.Add(time.Duration(k) * b.fx.Step)
		switch {
		case k < born:
			vals[k] = math.NaN()
			continue
		case k == born:
			v = initial
			if born > 0 {
				ev[k] = initial
			}
		case k == restart:
			ev[k] = inc(t)
			v = ev[k]
		default:
			ev[k] = inc(t)
			v += ev[k]
		}
		vals[k] = v
	}
	b.series(typ, name, labels, vals)
	b.events[b.fx.Series[len(b.fx.Series)-1].ID()] = ev
}

func (b *builder) gauge(name string, labels map[string]string, value func(time.Time) float64) {
	vals := make([]float64, b.n)
	for k := range vals {
		vals[k] = value(b.fx.Start.Add(time.Duration(k) * b.fx.Step))
	}
	b.series(Gauge, name, labels, vals)
}

// series appends a series whose NaN values are gaps (no sample).
func (b *builder) series(typ Type, name string, labels map[string]string, vals []float64) {
	fx := b.fx
	s := Series{Name: name, Type: typ, Labels: labels, Help: "SLO fixture series.",
		Value: func(t time.Time) (float64, bool) {
			if !fx.onGrid(t) {
				return 0, false
			}
			v := vals[int(t.Sub(fx.Start)/fx.Step)]
			return v, !math.IsNaN(v)
		}}
	fx.Series = append(fx.Series, s)
}
