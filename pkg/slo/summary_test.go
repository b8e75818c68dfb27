package slo

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"
)

func mustSummary(t *testing.T, s SLO, e Events, now time.Time, opt Options) Summary {
	t.Helper()
	sum, err := Summarize(s, mustLedger(t, e), now, opt)
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

func TestSummaryStates(t *testing.T) {
	w := RollingWindow(day)
	full := func(ratio float64) Events { return constant(t0.Add(-day), time.Minute, 1440, 100, ratio) }
	now := t0
	cases := []struct {
		name  string
		slo   SLO
		ev    Events
		opt   Options
		state State
		check func(t *testing.T, s Summary)
	}{
		{
			name: "a clean day is ok", slo: ratioSLO("api", 0.999, w), ev: full(0), state: StateOK,
			check: func(t *testing.T, s Summary) {
				assertNear(t, "SLI", s.SLI, 1, 0)
				assertNear(t, "remaining ratio", s.Budget.Ratio, 1, 1e-12)
				assertNear(t, "remaining events", s.Budget.Remaining, 144, 1e-9) // 0.001 × 144 000
				if !math.IsInf(s.Exhaustion.Seconds, 1) || s.PartialHistory || s.Coverage != 1 {
					t.Errorf("%+v", s)
				}
			},
		},
		{
			name: "zero traffic is no data, never good or bad", slo: ratioSLO("api", 0.999, w),
			ev: constant(t0.Add(-day), time.Minute, 1440, 0, 0), state: StateNoData,
			check: func(t *testing.T, s Summary) {
				if !math.IsNaN(s.SLI) || !math.IsNaN(s.Budget.Ratio) || anyFiring(s.Pairs, "") || s.PartialHistory {
					t.Errorf("%+v", s)
				}
			},
		},
		{
			name: "fewer events than the guard is no data", slo: withMin(ratioSLO("api", 0.999, w), 1e6), ev: full(0.5), state: StateNoData,
			check: func(t *testing.T, s Summary) {
				if !strings.Contains(strings.Join(s.Reasons, ";"), "minimum") {
					t.Errorf("reasons %q", s.Reasons)
				}
			},
		},
		{
			name: "an overspent budget is negative and breaching", slo: ratioSLO("api", 0.999, w), ev: full(0.003), state: StateBreaching,
			check: func(t *testing.T, s Summary) {
				assertNear(t, "remaining ratio", s.Budget.Ratio, -2, 1e-9) // 1 − 0.003/0.001
				assertNear(t, "remaining events", s.Budget.Remaining, -288, 1e-9)
				if s.Exhaustion.Seconds != 0 {
					t.Errorf("exhaustion %v, want 0 (already spent)", s.Exhaustion.Seconds)
				}
			},
		},
		{
			name: "a fast burn in a healthy day warns", slo: ratioSLO("api", 0.999, w),
			ev: func() Events { e := full(0); setRatio(e, 1435, 1440, 0.02); return e }(), state: StateWarning,
			check: func(t *testing.T, s Summary) {
				if !anyFiring(s.Pairs, Page) {
					t.Errorf("no page pair firing: %+v", s.Pairs)
				}
			},
		},
		{
			name: "a low remaining budget warns", slo: ratioSLO("api", 0.999, w), ev: full(0.0008), opt: Options{WarnBelow: 0.3}, state: StateWarning,
			check: func(t *testing.T, s Summary) { assertNear(t, "ratio", s.Budget.Ratio, 0.2, 1e-9) },
		},
		{
			name: "a negative WarnBelow disables the budget warning", slo: ratioSLO("api", 0.999, w), ev: full(0.0008), opt: Options{WarnBelow: -1}, state: StateOK,
		},
		{
			name: "history shorter than the window is flagged, not shortened", slo: ratioSLO("api", 0.999, w),
			ev: constant(t0.Add(-6*time.Hour), time.Minute, 360, 100, 0.0005), state: StatePartialHistory,
			check: func(t *testing.T, s Summary) {
				// 6 h of data at half the allowed ratio spend ¼ × ½ of the day's budget.
				assertNear(t, "remaining ratio", s.Budget.Ratio, 0.875, 1e-9)
				assertNear(t, "coverage", s.Coverage, 0.25, 1e-12)
				assertNear(t, "SLI", s.SLI, 0.9995, 1e-12)
				if !s.PartialHistory || !s.HistoryStart.Equal(t0.Add(-6*time.Hour)) {
					t.Errorf("%+v", s)
				}
			},
		},
		{
			name: "a breach outranks partial history, which stays flagged", slo: ratioSLO("api", 0.999, w),
			ev: constant(t0.Add(-6*time.Hour), time.Minute, 360, 100, 0.01), state: StateBreaching,
			check: func(t *testing.T, s Summary) {
				if !s.PartialHistory {
					t.Error("partial history must stay flagged")
				}
			},
		},
		{
			name: "the infeasible fast pair of a 90 % SLO over 30 days is flagged", slo: ratioSLO("api", 0.9, RollingWindow(30*day)),
			ev: constant(t0.Add(-30*day), time.Hour, 720, 100, 0.01), state: StateOK,
			check: func(t *testing.T, s Summary) {
				if s.Pairs[0].Pair.Feasible || !s.Pairs[1].Pair.Feasible {
					t.Errorf("%+v", s.Pairs)
				}
			},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := mustSummary(t, c.slo, c.ev, now, c.opt)
			if s.State != c.state {
				t.Fatalf("state %s, want %s (reasons %q)", s.State, c.state, s.Reasons)
			}
			if c.check != nil {
				c.check(t, s)
			}
		})
	}
}

func withMin(s SLO, n float64) SLO { s.MinEvents = n; return s }

func TestSummaryAvailabilityGapPolicies(t *testing.T) {
	// 30 days of 1-minute `up` samples with a 20-minute scrape gap: as down it
	// spends 20 of the 43.2 minutes; ignored it spends nothing.
	n := 30 * 1440
	times := make([]int64, n)
	values := make([]float64, n)
	for i := range n {
		times[i] = t0.Add(time.Duration(i+1) * time.Minute).UnixMilli()
		values[i] = 1
		if i >= 1000 && i < 1020 {
			values[i] = math.NaN()
		}
	}
	g := Grid{Start: t0, Step: 5 * time.Minute, N: n / 5}
	cases := []struct {
		name      string
		gaps      GapPolicy
		remaining time.Duration
		state     State
	}{
		{"a scrape gap counted as down spends 20 of 43.2 minutes", GapsAsDown, 23*time.Minute + 12*time.Second, StateOK},
		{"an ignored scrape gap spends nothing", GapsIgnored, 43*time.Minute + 12*time.Second, StateOK},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e, err := AvailabilityEvents(times, values, time.Minute, g, c.gaps)
			if err != nil {
				t.Fatal(err)
			}
			s := seedCatalog(t)[0]
			s.SLI.Gaps = c.gaps
			sum := mustSummary(t, s, e, g.End(), Options{})
			got := sum.Budget.Remaining
			if math.Abs(got-c.remaining.Seconds()) > 1e-9 || sum.State != c.state {
				t.Fatalf("remaining %v s, state %s, reasons %q", got, sum.State, sum.Reasons)
			}
		})
	}
}

func TestSummaryCalendar(t *testing.T) {
	// Half of a 30-day month at exactly the allowed error ratio (1× burn)
	// has spent half of the month's budget, which is extrapolated from the
	// traffic so far: 0.001 × 1000/h × 720 h = 720 events.
	s := ratioSLO("api", 0.999, CalendarWindow(Month, nil))
	start := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	now := start.Add(15 * day)
	e := constant(start.Add(-day), time.Hour, 16*24, 1000, 0.001)
	sum := mustSummary(t, s, e, now, Options{})
	if !sum.Start.Equal(start) || !sum.End.Equal(start.Add(30*day)) || sum.PartialHistory {
		t.Fatalf("%+v", sum)
	}
	assertNear(t, "remaining ratio", sum.Budget.Ratio, 0.5, 1e-9)
	assertNear(t, "allowed events", sum.Budget.Allowed, 0.001*1000*24*30, 1e-9)
	assertNear(t, "coverage", sum.Coverage, 1, 0)
	// Spending 1 event/h of 24 left: 360 events in 360 h, the rest of the month.
	assertNear(t, "exhaustion", sum.Exhaustion.Seconds, 360*3600, 1e-9)
}

func TestSummarySustainedViolation(t *testing.T) {
	s, _ := seedCatalog(t).Lookup("error-rate")
	e := constant(t0.Add(-day), time.Minute, 1440, 2000, 0)
	setRatio(e, 1400, 1440, 0.002)
	sum := mustSummary(t, s, e, t0, Options{})
	if sum.Sustained == nil || !sum.Sustained.Firing || sum.State != StateBreaching {
		t.Fatalf("%+v", sum)
	}
}

func TestSummaryErrors(t *testing.T) {
	l := mustLedger(t, constant(t0, time.Minute, 10, 1, 0))
	if _, err := Summarize(seedCatalog(t)[0], l, t0, Options{}); !errors.Is(err, ErrInput) {
		t.Fatalf("an availability SLO over event counts: %v", err)
	}
	if _, err := Summarize(ratioSLO("api", 99.9, RollingWindow(day)), l, t0, Options{}); !errors.Is(err, ErrObjective) {
		t.Fatalf("a percent objective: %v", err)
	}
}
