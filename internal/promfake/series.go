package promfake

import (
	"math"
	"time"
)

// Series is one series a fake upstream computes: its value at any
// evaluation time (NaN: no sample).
type Series struct {
	Labels map[string]string
	At     func(t time.Time) float64
}

// T0 is the fakes' epoch: 2026-11-27 00:00 UTC.
var T0 = time.Unix(1795737600, 0).UTC()

// SpikeAt is the minute in which Level's spiking series jumps.
var SpikeAt = T0.Add(3 * time.Hour)

// Level is a latency series of service, 100 + N(0, 1); with spike, +30 for
// the minute from SpikeAt.
func Level(service string, seed uint64, spike bool) Series {
	return Series{
		Labels: map[string]string{"__name__": "latency", "service": service},
		At: func(t time.Time) float64 {
			v := 100 + Gauss(seed, t)
			if spike && !t.Before(SpikeAt) && t.Before(SpikeAt.Add(time.Minute)) {
				v += 30
			}
			return v
		},
	}
}

// Gauss is deterministic standard normal noise at t (Box–Muller over
// SplitMix64 of the millisecond and a seed).
func Gauss(seed uint64, t time.Time) float64 {
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
