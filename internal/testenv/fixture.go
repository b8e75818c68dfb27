// Package testenv runs real Prometheus-compatible servers (Prometheus over a
// promtool backfill, VictoriaMetrics over its import API) on a deterministic
// fixture, so integration tests can assert the exact numbers a query returns.
//
// A Fixture is one in-memory description of series; the same description is
// written as OpenMetrics for promtool and as Prometheus exposition lines with
// millisecond timestamps for VictoriaMetrics, and answers ValueAt and
// Increase so tests compute their expectations from it rather than
// hard-coding them.
package testenv

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"sync/atomic"
	"time"
)

// Type is a metric type as OpenMetrics names it.
type Type string

// The metric types the generator writes.
const (
	Counter Type = "counter"
	Gauge   Type = "gauge"
)

// Series is one time series of a fixture.
type Series struct {
	// Name is the metric name as it is queried; counters end in _total.
	Name   string
	Type   Type
	Help   string
	Labels map[string]string
	// Value gives the sample at t, a sample time of the fixture (aligned to
	// its step). ok=false means there is no sample at t (a gap). It must be
	// deterministic: tests call it again to compute expectations.
	Value func(t time.Time) (v float64, ok bool)
}

// ID is the series' selector with the labels sorted, e.g.
// `ce_cpu_usage{job="claude-enhancer-api",service="api"}`; it is the key of
// Fixture.ValueAt and stable across runs.
func (s *Series) ID() string {
	keys := make([]string, 0, len(s.Labels))
	for k := range s.Labels {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b strings.Builder
	b.WriteString(s.Name)
	b.WriteByte('{')
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "%s=%q", k, s.Labels[k])
	}
	b.WriteByte('}')
	return b.String()
}

// Fixture is a set of series sampled every Step from Start to End inclusive.
// Treat it as immutable once a server or a test has used it.
type Fixture struct {
	Start, End time.Time // first and last sample time, both multiples of Step since the Unix epoch
	Step       time.Duration
	Series     []Series

	index atomic.Pointer[map[string]int] // series ID → index, built on first Lookup
}

// Times returns every sample time of the fixture, ascending.
func (f *Fixture) Times() []time.Time {
	n := int(f.End.Sub(f.Start)/f.Step) + 1
	ts := make([]time.Time, n)
	for i := range ts {
		ts[i] = f.Start.Add(time.Duration(i) * f.Step)
	}
	return ts
}

// Lookup returns the series with the given ID, or nil.
func (f *Fixture) Lookup(id string) *Series {
	idx := f.index.Load()
	if idx == nil || len(*idx) != len(f.Series) {
		m := make(map[string]int, len(f.Series))
		for i := range f.Series {
			m[f.Series[i].ID()] = i
		}
		idx = &m
		f.index.Store(idx)
	}
	if i, ok := (*idx)[id]; ok {
		return &f.Series[i]
	}
	return nil
}

// MustLookup is Lookup that panics on an unknown ID (a typo in a test).
func (f *Fixture) MustLookup(id string) *Series {
	s := f.Lookup(id)
	if s == nil {
		panic("testenv: no fixture series " + id)
	}
	return s
}

// ValueAt is the sample of series id at t. ok is false when t is outside the
// fixture, not on its step grid, or in a gap of the series.
func (f *Fixture) ValueAt(id string, t time.Time) (v float64, ok bool) {
	if !f.onGrid(t) {
		return 0, false
	}
	return f.MustLookup(id).Value(t)
}

// Increase is what the counter id grew by over the samples in [from, to],
// counting a decrease as a reset to zero (the value after a reset is all
// growth), as Prometheus' increase() and VictoriaMetrics' do before
// extrapolation. from and to must be on the step grid.
func (f *Fixture) Increase(id string, from, to time.Time) float64 {
	s := f.MustLookup(id)
	var sum float64
	prev, havePrev := 0.0, false
	for t := from; !t.After(to); t = t.Add(f.Step) {
		v, ok := f.ValueAt(s.ID(), t)
		if !ok || math.IsNaN(v) {
			continue
		}
		if havePrev {
			if v >= prev {
				sum += v - prev
			} else {
				sum += v
			}
		}
		prev, havePrev = v, true
	}
	return sum
}

// Rate is Increase over [t-window, t] divided by the window in seconds: what
// rate(id[window]) returns at t when the window's samples cover it exactly
// (t and window multiples of Step, no gap), on Prometheus (closed window,
// no extrapolation needed) and VictoriaMetrics (the sample at t-window is the
// previous value) alike.
func (f *Fixture) Rate(id string, t time.Time, window time.Duration) float64 {
	return f.Increase(id, t.Add(-window), t) / window.Seconds()
}

// PrometheusRate is what Prometheus' rate(id[window]) returns at t (on the
// step grid) from the fixture's samples, computed as extrapolatedRate in
// Prometheus' promql/functions.go does: the samples of [t−window, t]
// (Prometheus 2) or, when leftOpen, of (t−window, t] (Prometheus 3); a
// decrease counted as a reset; the increase extrapolated to the range's
// edges when the first or last sample lies within 1.1 average sample
// intervals of them (else by half an interval), but not below a zero
// counter value. ok is false when fewer than two samples fall in the range
// (Prometheus returns nothing).
//
// With closed ranges over whole steps it equals Rate. Under left-open ranges
// the first sample is one step after the range's start, so the result is the
// increase over window − Step scaled by window / (window − Step) — or less,
// when the counter's first sample is zero.
func (f *Fixture) PrometheusRate(id string, t time.Time, window time.Duration, leftOpen bool) (float64, bool) {
	from := t.Add(-window)
	var ts []time.Time
	var vs []float64
	for at := from; !at.After(t); at = at.Add(f.Step) {
		if leftOpen && at.Equal(from) {
			continue
		}
		if v, ok := f.ValueAt(id, at); ok {
			ts, vs = append(ts, at), append(vs, v)
		}
	}
	if len(vs) < 2 {
		return 0, false
	}
	n := len(vs)
	result := vs[n-1] - vs[0]
	for i := 1; i < n; i++ {
		if vs[i] < vs[i-1] {
			result += vs[i-1]
		}
	}
	toStart := ts[0].Sub(from).Seconds()
	toEnd := t.Sub(ts[n-1]).Seconds()
	sampled := ts[n-1].Sub(ts[0]).Seconds()
	avg := sampled / float64(n-1)
	threshold := 1.1 * avg
	if toStart >= threshold {
		toStart = avg / 2
	}
	if result > 0 && vs[0] >= 0 {
		if toZero := sampled * vs[0] / result; toZero < toStart {
			toStart = toZero
		}
	}
	if toEnd >= threshold {
		toEnd = avg / 2
	}
	return result * (sampled + toStart + toEnd) / sampled / window.Seconds(), true
}

// SampleCount is the number of samples the fixture writes, NaN included.
func (f *Fixture) SampleCount() int {
	n := 0
	for _, t := range f.Times() {
		for i := range f.Series {
			if _, ok := f.Series[i].Value(t); ok {
				n++
			}
		}
	}
	return n
}

// MetricNames returns the distinct metric names, sorted.
func (f *Fixture) MetricNames() []string {
	var names []string
	for _, s := range f.Series {
		names = append(names, s.Name)
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// LabelNames returns the distinct label names including __name__, sorted,
// as /api/v1/labels lists them.
func (f *Fixture) LabelNames() []string {
	names := []string{"__name__"}
	for _, s := range f.Series {
		for k := range s.Labels {
			names = append(names, k)
		}
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// LabelValues returns the distinct values of label name, sorted.
func (f *Fixture) LabelValues(name string) []string {
	var vals []string
	for _, s := range f.Series {
		if v, ok := s.Labels[name]; ok {
			vals = append(vals, v)
		}
	}
	slices.Sort(vals)
	return slices.Compact(vals)
}

func (f *Fixture) onGrid(t time.Time) bool {
	return !t.Before(f.Start) && !t.After(f.End) && t.Sub(f.Start)%f.Step == 0
}

// Validate reports a fixture the encoders cannot write faithfully.
func (f *Fixture) Validate() error {
	if f.Step <= 0 || f.Step%time.Millisecond != 0 {
		return fmt.Errorf("testenv: step %v must be a positive whole number of milliseconds", f.Step)
	}
	if f.Start.UnixMilli()%f.Step.Milliseconds() != 0 || f.End.Sub(f.Start)%f.Step != 0 || f.End.Before(f.Start) {
		return fmt.Errorf("testenv: start %v and end %v must be aligned to step %v", f.Start, f.End, f.Step)
	}
	seen := map[string]bool{}
	types := map[string]Type{}
	for _, s := range f.Series {
		if seen[s.ID()] {
			return fmt.Errorf("testenv: duplicate series %s", s.ID())
		}
		seen[s.ID()] = true
		if s.Type == Counter && !strings.HasSuffix(s.Name, "_total") {
			return fmt.Errorf("testenv: counter %s must end in _total", s.Name)
		}
		if t, ok := types[s.Name]; ok && t != s.Type {
			return fmt.Errorf("testenv: metric %s has two types", s.Name)
		}
		types[s.Name] = s.Type
	}
	return nil
}
