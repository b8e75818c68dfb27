package slo

import (
	"fmt"
	"math"
	"testing"
	"time"
)

func TestPairs(t *testing.T) {
	type row struct {
		sev         Severity
		long, short time.Duration
		threshold   float64
		feasible    bool
	}
	cases := []struct {
		name       string
		period     time.Duration
		objective  float64
		resolution time.Duration
		want       []row
	}{
		{
			// Google SRE Workbook, ch. 5, Table 5-8 (+ the 1 d/2 h ticket pair of the chapter's expression).
			name: "30 days is exactly the Workbook table", period: 30 * day, objective: 0.999, resolution: time.Minute,
			want: []row{{Page, time.Hour, 5 * time.Minute, 14.4, true}, {Page, 6 * time.Hour, 30 * time.Minute, 6, true},
				{Ticket, day, 2 * time.Hour, 3, true}, {Ticket, 3 * day, 6 * time.Hour, 1, true}},
		},
		{
			// Workbook, "extreme goals": at 90 % a 100 % outage burns 1.4 %/h, so the 2 %/1 h page can never fire.
			name: "at 90 % over 30 days the fast page is flagged infeasible, not dropped", period: 30 * day, objective: 0.9, resolution: time.Minute,
			want: []row{{Page, time.Hour, 5 * time.Minute, 14.4, false}, {Page, 6 * time.Hour, 30 * time.Minute, 6, true},
				{Ticket, day, 2 * time.Hour, 3, true}, {Ticket, 3 * day, 6 * time.Hour, 1, true}},
		},
		{
			// Windows × 7/30 (1 h → 14 m), thresholds unchanged; feasible at 95 % since 14.4·0.05 < 1.
			name: "7 days scale the windows and keep the budget shares", period: 7 * day, objective: 0.95, resolution: time.Minute,
			want: []row{{Page, 14 * time.Minute, time.Minute, 14.4, true}, {Page, 84 * time.Minute, 7 * time.Minute, 6, true},
				{Ticket, 336 * time.Minute, 28 * time.Minute, 3, true}, {Ticket, 1008 * time.Minute, 84 * time.Minute, 1, true}},
		},
		{
			// 1 h × 1/30 = 2 m; the 10 s short window is floored to one bucket.
			name: "24 hours floor the short windows at one bucket", period: day, objective: 0.999, resolution: time.Minute,
			want: []row{{Page, 2 * time.Minute, time.Minute, 14.4, true}, {Page, 12 * time.Minute, time.Minute, 6, true},
				{Ticket, 48 * time.Minute, 4 * time.Minute, 3, true}, {Ticket, 144 * time.Minute, 12 * time.Minute, 1, true}},
		},
		{
			// 1 h × 7/30 = 14 m rounds to 15 m on 5-minute buckets: 0.02·7 d/15 m = 13.44.
			name: "rounding a window to the bucket step moves its threshold to keep the share", period: 7 * day, objective: 0.95, resolution: 5 * time.Minute,
			want: []row{{Page, 15 * time.Minute, 5 * time.Minute, 13.44, true}, {Page, 85 * time.Minute, 5 * time.Minute, 0.05 * 7 * 24 * 60 / 85, true},
				{Ticket, 335 * time.Minute, 30 * time.Minute, 0.1 * 7 * 24 * 60 / 335, true}, {Ticket, 1010 * time.Minute, 85 * time.Minute, 0.1 * 7 * 24 * 60 / 1010, true}},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Pairs(c.period, c.objective, c.resolution)
			if len(got) != len(c.want) {
				t.Fatalf("%d pairs", len(got))
			}
			for i, w := range c.want {
				g := got[i]
				if g.Severity != w.sev || g.Long != w.long || g.Short != w.short || g.Feasible != w.feasible || !near(g.Threshold, w.threshold, 1e-12) {
					t.Errorf("pair %d = %+v, want %+v", i, g, w)
				}
				// Each pair keeps the Workbook's budget share: Threshold·Long/T.
				assertNear(t, "budget share", g.Threshold*float64(g.Long)/float64(c.period), g.Fraction, 1e-12)
			}
		})
	}
}

// outage returns 15-second buckets: clean history, then 100 % errors from
// bucket clean on.
func outage(clean, after int) Events {
	e := constant(t0, 15*time.Second, clean+after, 100, 0)
	setRatio(e, clean, clean+after, 1)
	return e
}

func TestFullOutageDetection(t *testing.T) {
	// Workbook ch. 5: detection time = (1 − SLO)/error_ratio × window × burn
	// = 0.001 × 1 h × 14.4 = 51.84 s for a full outage at 99.9 %;
	// for the 6 h/30 m pair 0.001 × 6 h × 6 = 129.6 s. On 15 s buckets the
	// alert fires at the first bucket end past those times.
	const clean = 8 * 60 * 4 // 8 h of clean 15 s buckets: the 6 h window is covered
	e := outage(clean, 40)
	l := mustLedger(t, e)
	pairs := Pairs(30*day, 0.999, e.Step)
	cases := []struct {
		name     string
		pair     int
		workbook time.Duration
		want     time.Duration
	}{
		{"a full outage pages on the 1 h/5 m pair within a minute", 0, 51840 * time.Millisecond, 60 * time.Second},
		{"a full outage pages on the 6 h/30 m pair within 2 m 15 s", 1, 129600 * time.Millisecond, 135 * time.Second},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			start := e.Start.Add(clean * e.Step)
			var fired time.Duration = -1
			for i := clean; i < len(e.Total); i++ {
				now := bucketEnd(e, i)
				if AlertConditions(l, pairs, 0.999, now, 0)[c.pair].Firing {
					fired = now.Sub(start)
					break
				}
			}
			if fired != c.want || fired <= c.workbook || fired > c.workbook+e.Step {
				t.Fatalf("fired after %v, want %v (the first 15 s bucket after the Workbook's %v)", fired, c.want, c.workbook)
			}
		})
	}
	t.Run("a young service pages on an outage before its history fills the window", func(t *testing.T) {
		// 10 minutes of history, down for the last 5: the 1 h burn is pro-rated,
		// (5/10)/0.001 × 10/60 = 83.3×, not hidden.
		e := constant(t0, time.Minute, 10, 100, 0)
		setRatio(e, 5, 10, 1)
		c := AlertConditions(mustLedger(t, e), Pairs(30*day, 0.999, time.Minute), 0.999, bucketEnd(e, 9), 0)[0]
		if !c.Firing || !c.PartialHistory {
			t.Fatalf("%+v", c)
		}
		assertNear(t, "1 h burn", c.LongBurn, 500.0/6, 1e-12)
	})
}

func TestSilentJustBelowEachThreshold(t *testing.T) {
	// An error ratio a hair below Threshold·(1 − O) never fires the pair; a
	// hair above fires it once its long window is full (the pair is
	// long > BR·(1−O) AND short > BR·(1−O)).
	const o = 0.999
	for k, p := range Pairs(30*day, o, time.Minute) {
		for _, f := range []float64{1 - 1e-6, 1 + 1e-6} {
			firing := f > 1
			name := p.Name() + " stays silent just below its threshold"
			if firing {
				name = p.Name() + " fires just above its threshold"
			}
			t.Run(name, func(t *testing.T) {
				n := int((p.Long + 6*time.Hour) / time.Minute)
				e := constant(t0, time.Minute, n, 1000, p.ErrorRatio(o)*f)
				l := mustLedger(t, e)
				for i := int(p.Long/time.Minute) - 1; i < n; i += 7 {
					c := AlertConditions(l, []Pair{p}, o, bucketEnd(e, i), 0)[0]
					if c.Firing != firing {
						t.Fatalf("at bucket %d: firing %v, burns %.9g/%.9g, threshold %g (pair %d)", i, c.Firing, c.LongBurn, c.ShortBurn, p.Threshold, k)
					}
				}
			})
		}
	}
}

func TestColdStart(t *testing.T) {
	// With 70 min of history, 9 min of 5 % errors make a Prometheus rule for
	// the 6×/6 h pair page: a 6 h range holding 70 min of samples is a 70 min
	// ratio, 0.05·9/70/0.001 = 6.43×. Pro-rated over the missing history the 6 h
	// burn is 0.05·9/360/0.001 = 1.25×: no page, and the pair says why.
	e := constant(t0, time.Minute, 70, 100, 0)
	setRatio(e, 61, 70, 0.05)
	c := AlertConditions(mustLedger(t, e), Pairs(30*day, 0.999, time.Minute), 0.999, bucketEnd(e, 69), 0)[1]
	if c.Firing || !c.PartialHistory {
		t.Fatalf("%+v", c)
	}
	assertNear(t, "6 h burn", c.LongBurn, 1.25, 1e-9)
	assertNear(t, "30 m burn", c.ShortBurn, 15, 1e-9)
}

func TestMinEventsGuard(t *testing.T) {
	// One failure among 10 requests in an hour is a 100× burn at 99.9 %; a
	// guard of 100 events makes the hour "no data" instead of a page.
	e := constant(t0, time.Minute, 120, 0, 0)
	for i := 60; i < 120; i += 6 {
		e.Total[i] = 1
		e.Good[i] = 1
	}
	e.Total[118] = 1 // the failure
	l := mustLedger(t, e)
	pairs := Pairs(30*day, 0.999, time.Minute)
	cases := []struct {
		name      string
		minEvents float64
		firing    bool
	}{
		{"without a guard one failed request pages", 0, true},
		{"a guard of 100 events keeps the quiet hour silent", 100, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cond := AlertConditions(l, pairs, 0.999, bucketEnd(e, 119), c.minEvents)[0]
			if cond.Firing != c.firing || (c.minEvents > 0 && !math.IsNaN(cond.LongBurn)) {
				t.Fatalf("%+v", cond)
			}
		})
	}
}

func TestBurnRateSeriesMatchesConditions(t *testing.T) {
	e := constant(t0, time.Minute, 600, 50, 0.002)
	setRatio(e, 300, 330, 0.2)
	e.Total[100], e.Good[100] = math.NaN(), math.NaN()
	l := mustLedger(t, e)
	pairs := Pairs(30*day, 0.999, time.Minute)
	series := BurnRateSeries(l, 0.999, time.Hour, t0, bucketEnd(e, 599), 10*time.Minute, 0)
	if len(series.Values) != 61 || !math.IsNaN(series.Values[0]) || !series.Start.Equal(t0) || series.Step != 10*time.Minute {
		t.Fatalf("%d points from %v every %v, want 61 every 10 minutes from the grid start (which has no data)", len(series.Values), series.Start, series.Step)
	}
	for i, v := range series.Values {
		want := AlertConditions(l, pairs, 0.999, series.At(i), 0)[0].LongBurn
		if !near(v, want, 1e-12) {
			t.Fatalf("at %v series %v, condition %v", series.At(i), v, want)
		}
	}
}

func TestBurnExactlyAtThresholdDoesNotFire(t *testing.T) {
	// The Workbook's multiwindow alert is a strict inequality,
	// rate1h > 14.4 × 0.001 (The Site Reliability Workbook, ch. 5, "Alerting
	// on SLOs", §6 "Multiwindow, Multi-Burn-Rate Alerts"), as are the rules Sloth and Pyrra generate.
	// At 75 % the error ratios 0.25 and 0.75 are exact and so are the burns
	// 0.25/0.25 = 1 and 0.75/0.25 = 3, the ticket pairs' thresholds: a burn
	// equal to the threshold stays silent, a ratio 2⁻¹⁰ above it (also exact,
	// as are the good counts 1 − ratio) fires.
	const o = 0.75
	for _, p := range Pairs(30*day, o, time.Minute)[2:] {
		ratio := p.Threshold * (1 - o)
		for _, r := range []float64{ratio, ratio + 1.0/1024} {
			firing := r > ratio
			t.Run(fmt.Sprintf("%s at error ratio %v fires %v", p.Name(), r, firing), func(t *testing.T) {
				n := int((p.Long + time.Hour) / time.Minute)
				e := constant(t0, time.Minute, n, 1, r)
				c := AlertConditions(mustLedger(t, e), []Pair{p}, o, bucketEnd(e, n-1), 0)[0]
				if !firing && (c.LongBurn != p.Threshold || c.ShortBurn != p.Threshold) {
					t.Fatalf("burns %v/%v, want exactly %v: the case does not test the boundary", c.LongBurn, c.ShortBurn, p.Threshold)
				}
				if c.Firing != firing {
					t.Fatalf("firing %v, want %v at burns %v/%v against %v", c.Firing, firing, c.LongBurn, c.ShortBurn, p.Threshold)
				}
			})
		}
	}
}
