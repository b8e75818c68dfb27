package slo

import (
	"math"
	"testing"
	"time"
)

func TestLedgerTally(t *testing.T) {
	nan := math.NaN()
	e := Events{Start: t0, Step: time.Minute,
		Good:  []float64{nan, 0, 90, 12, 5, 7, math.Inf(1)},
		Total: []float64{nan, 0, 100, 10, 10, -1, 7}}
	l := mustLedger(t, e)
	cases := []struct {
		name             string
		from, to         time.Time
		good, bad, total float64
		present, covered int
	}{
		{"a missing bucket adds nothing and covers nothing", t0, t0.Add(time.Minute), 0, 0, 0, 0, 0},
		{"a zero-traffic bucket covers its time with no events", t0.Add(time.Minute), t0.Add(2 * time.Minute), 0, 0, 0, 1, 60},
		{"good above total is clamped to total", t0.Add(3 * time.Minute), t0.Add(4 * time.Minute), 10, 0, 10, 1, 60},
		{"a window sums its buckets as a ratio of sums", t0, t0.Add(5 * time.Minute), 105, 15, 120, 4, 240},
		{"negative totals and infinities are dropped", t0.Add(5 * time.Minute), t0.Add(7 * time.Minute), 0, 0, 0, 0, 0},
		{"a window outside the grid is empty", t0.Add(-time.Hour), t0, 0, 0, 0, 0, 0},
		{"a misaligned window includes the bucket straddling its start", t0.Add(150 * time.Second), t0.Add(3 * time.Minute), 90, 10, 100, 1, 60},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tl := l.Tally(c.from, c.to)
			if tl.Good != c.good || tl.Bad != c.bad || tl.Total != c.total || tl.Present != c.present || tl.Covered != time.Duration(c.covered)*time.Second {
				t.Fatalf("Tally = %+v", tl)
			}
		})
	}
	if l.Inconsistent() != 3 {
		t.Errorf("Inconsistent = %d, want 3 (good > total, negative total, infinite good)", l.Inconsistent())
	}
	if hs, ok := l.HistoryStart(); !ok || !hs.Equal(t0.Add(time.Minute)) {
		t.Errorf("HistoryStart = %v, %v; want the zero-traffic bucket's start", hs, ok)
	}
}

func TestTallyRatios(t *testing.T) {
	cases := []struct {
		name      string
		tl        Tally
		span      time.Duration
		sli, burn float64
	}{
		{"zero traffic is no data, never good or bad", Tally{Covered: time.Hour}, time.Hour, math.NaN(), math.NaN()},
		{"1 % errors at 99.9 % burn 10× (Workbook Table 5-4)", Tally{Good: 990, Bad: 10, Total: 1000, Covered: time.Hour}, time.Hour, 0.99, 10},
		{"half a window of data halves the burn", Tally{Good: 990, Bad: 10, Total: 1000, Covered: 30 * time.Minute}, time.Hour, 0.99, 5},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assertNear(t, "SLI", c.tl.SLI(), c.sli, 1e-12)
			assertNear(t, "burn", c.tl.BurnRate(0.999, c.span), c.burn, 1e-12)
		})
	}
}

func TestLedgerPrecision(t *testing.T) {
	// 30 days of 1-minute buckets with 1e6 events each and non-integer
	// increases: a 5-minute window at the end must keep its precision, and a
	// window of zero errors must sum to exactly zero.
	n := 43200
	e := constant(t0, time.Minute, n, 1e6+0.1, 0)
	for i := range n - 5 {
		e.Good[i] = e.Total[i] - 0.3
	}
	l := mustLedger(t, e)
	end := bucketEnd(e, n-1)
	if got := l.Tally(end.Add(-5*time.Minute), end).Bad; got != 0 {
		t.Fatalf("bad events in a clean window = %g, want exactly 0", got)
	}
	tl := l.Tally(end.Add(-10*time.Minute), end)
	assertNear(t, "bad in the last 10 min", tl.Bad, 1.5, 1e-9)
	assertNear(t, "total in the last 10 min", tl.Total, 10*(1e6+0.1), 1e-15)
}
