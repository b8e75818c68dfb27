package slo

import (
	"math"
	"testing"
	"time"
)

func TestTimeToExhaustion(t *testing.T) {
	// 1 h of 100 % errors at 100 events/min: a burn of 1000× at 99.9 %.
	e := constant(t0, time.Minute, 60, 100, 1)
	l := mustLedger(t, e)
	now := bucketEnd(e, 59)
	full := NewBudget(Tally{Total: 100 * 60 * 24 * 30, Covered: 30 * day}, 0.999, 30*day, UnitEvents)
	cases := []struct {
		name string
		b    Budget
		l    *Ledger
		want float64 // seconds
	}{
		// Workbook Table 5-4: burn 1000 → 100 % errors → budget gone in 43 min (T/BR = 30 d/1000 = 43.2 min).
		{"a full budget at 1000× lasts 43.2 minutes", full, l, 2592},
		{"an overspent budget is exhausted now", Budget{Allowed: 10, Spent: 11, Remaining: -1, Ratio: -0.1}, l, 0},
		{"no errors in the lookback is never", full, mustLedger(t, constant(t0, time.Minute, 60, 100, 0)), math.Inf(1)},
		{"zero traffic is not burning either", full, mustLedger(t, constant(t0, time.Minute, 60, 0, 0)), math.Inf(1)},
		{"no data in the lookback is unknown", full, mustLedger(t, Events{Start: t0, Step: time.Minute, Good: []float64{math.NaN()}, Total: []float64{math.NaN()}}), math.NaN()},
		{"no budget is unknown", NewBudget(Tally{}, 0.999, 30*day, UnitEvents), l, math.NaN()},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			x := TimeToExhaustion(c.b, c.l, now, time.Hour, 0)
			assertNear(t, "seconds", x.Seconds, c.want, 1e-9)
		})
	}
	t.Run("no lookback means the default hour", func(t *testing.T) {
		x := TimeToExhaustion(full, l, now, 0, 0)
		assertNear(t, "seconds", x.Seconds, 43.2*60, 1e-9)
		if x.Lookback != time.Hour {
			t.Fatalf("lookback %v", x.Lookback)
		}
	})
}

func TestSustainedViolation(t *testing.T) {
	// 0.2 % errors from minute 60 on, at 99.9 %: the 5 m ratio exceeds 0.1 %
	// from the bucket ending at 63 m (3 of 5 buckets), so a 30 m pending
	// period fires at 93 m (as an alerting rule ratio_rate5m > 0.001 with
	// for: 30m would).
	e := constant(t0, time.Minute, 200, 1000, 0)
	setRatio(e, 60, 200, 0.002)
	l := mustLedger(t, e)
	at := func(m int) time.Time { return t0.Add(time.Duration(m) * time.Minute) }
	cases := []struct {
		name   string
		l      *Ledger
		now    int
		firing bool
		since  int
	}{
		{"29 minutes of violation are not yet 30", l, 92, false, 63},
		{"30 minutes of continuous violation trigger", l, 93, true, 63},
		{"a clean window is no violation", l, 60, false, -1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := SustainedViolation(c.l, 0.999, 5*time.Minute, 30*time.Minute, at(c.now), 0)
			if s.Firing != c.firing || (c.since >= 0 && !s.Since.Equal(at(c.since))) || (c.since < 0 && !s.Since.IsZero()) {
				t.Fatalf("%+v", s)
			}
		})
	}
	t.Run("a dip below the threshold restarts the count", func(t *testing.T) {
		d := constant(t0, time.Minute, 200, 1000, 0)
		setRatio(d, 60, 200, 0.002)
		setRatio(d, 80, 83, 0) // three clean minutes: the 5 m ratio drops to 0.08 %
		s := SustainedViolation(mustLedger(t, d), 0.999, 5*time.Minute, 30*time.Minute, at(93), 0)
		if s.Firing || !s.Since.After(at(83)) {
			t.Fatalf("%+v", s)
		}
	})
}
