package slo

import (
	"math"
	"testing"
	"time"
)

// benchInputs is 30 days of 1-minute buckets for the three seed SLOs: ratio
// and latency events with a daily traffic swing and a few incidents, and
// 15 s `up` samples for availability with a scrape gap.
func benchInputs(b *testing.B) (Catalog, []Events, []int64, []float64, Grid) {
	const n = 30 * 1440
	start := t0.Add(-30 * day)
	g := Grid{Start: start, Step: time.Minute, N: n}
	evs := make([]Events, 2)
	for k := range evs {
		e := Events{Start: start, Step: time.Minute, Good: make([]float64, n), Total: make([]float64, n)}
		for i := range n {
			tot := math.Round(2000 * (1 + 0.45*math.Cos(2*math.Pi*float64(i)/1440)))
			ratio := 0.0003
			if i%5000 < 30 {
				ratio = 0.05 // a half-hour incident every ~3.5 days
			}
			e.Total[i], e.Good[i] = tot, math.Round(tot*(1-ratio))
		}
		evs[k] = e
	}
	times := make([]int64, n*4)
	up := make([]float64, n*4)
	for i := range times {
		times[i] = start.Add(time.Duration(i+1) * 15 * time.Second).UnixMilli()
		up[i] = 1
		if i%40000 < 8 {
			up[i] = 0
		}
		if i%90000 == 7 {
			up[i] = math.NaN()
		}
	}
	return seedCatalog(b), evs, times, up, g
}

// BenchmarkSummary30d: per iteration, for the three seed SLOs over 30 days
// of 1-minute buckets (43 200 each): build the availability events from
// 172 800 `up` samples, index the three ledgers, and compute the summary,
// the burndown and one burn-rate series per pair window, each point every
// bucket (every_bucket) or about 1 000 points per series (panel); or only
// the events, ledgers and summaries (summary_only).
func BenchmarkSummary30d(b *testing.B) {
	cat, evs, times, up, g := benchInputs(b)
	now := g.End()
	for _, mode := range []struct {
		name string
		step time.Duration
	}{{"every_bucket", time.Minute}, {"panel", 43 * time.Minute}, {"summary_only", 0}} {
		b.Run(mode.name, func(b *testing.B) {
			b.ReportAllocs()
			points := 0
			for b.Loop() {
				points = 0
				av, err := AvailabilityEvents(times, up, 15*time.Second, g, GapsAsDown)
				if err != nil {
					b.Fatal(err)
				}
				for k, s := range cat {
					ev := av
					if k > 0 {
						ev = evs[k-1]
					}
					l, err := NewLedger(ev)
					if err != nil {
						b.Fatal(err)
					}
					sum, err := Summarize(s, l, now, Options{})
					_ = sum.State
					if err != nil {
						b.Fatal(err)
					}
					if mode.step == 0 {
						continue
					}
					bd, _ := Burndown(s, l, now, mode.step)
					points += len(bd)
					seen := map[time.Duration]bool{}
					for _, c := range sum.Pairs {
						for _, w := range []time.Duration{c.Pair.Long, c.Pair.Short} {
							if !seen[w] {
								seen[w] = true
								points += len(BurnRateSeries(l, s.Objective, w, g.Start, now, mode.step, s.MinEvents).Values)
							}
						}
					}
				}
			}
			b.ReportMetric(float64(points), "points/op")
		})
	}
}
