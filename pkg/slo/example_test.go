package slo_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/claudeenhancer/monitoring/pkg/slo"
)

// The seed's availability SLA: 99.9 % over 30 days allows 43.2 minutes of
// downtime, counted in seconds.
func ExampleNewBudget() {
	month := 30 * 24 * time.Hour
	up := slo.Tally{Good: month.Seconds(), Total: month.Seconds(), Covered: month}
	b := slo.NewBudget(up, 0.999, month, slo.UnitSeconds)
	fmt.Printf("%.1f minutes\n", b.Allowed/60)
	// Output: 43.2 minutes
}

// The Workbook's pairs for 30 days, and what happens at 90 %.
func ExamplePairs() {
	for _, o := range []float64{0.999, 0.9} {
		for _, p := range slo.Pairs(30*24*time.Hour, o, time.Minute) {
			fmt.Printf("%.3g %-6s %-7s %5.1f× error ratio %6.2f %% feasible %v\n",
				o, p.Severity, p.Name(), p.Threshold, 100*p.ErrorRatio(o), p.Feasible)
		}
	}
	// Output:
	// 0.999 page   1h/5m    14.4× error ratio   1.44 % feasible true
	// 0.999 page   6h/30m    6.0× error ratio   0.60 % feasible true
	// 0.999 ticket 1d/2h     3.0× error ratio   0.30 % feasible true
	// 0.999 ticket 3d/6h     1.0× error ratio   0.10 % feasible true
	// 0.9 page   1h/5m    14.4× error ratio 144.00 % feasible false
	// 0.9 page   6h/30m    6.0× error ratio  60.00 % feasible true
	// 0.9 ticket 1d/2h     3.0× error ratio  30.00 % feasible true
	// 0.9 ticket 3d/6h     1.0× error ratio  10.00 % feasible true
}

// Scaling to the seed's 7-day latency SLO: the windows shrink, the budget
// shares stay.
func ExamplePairs_sevenDays() {
	for _, p := range slo.Pairs(7*24*time.Hour, 0.95, time.Minute) {
		fmt.Printf("%-6s %-8s %4.1f× spends %2.0f %% of the budget\n", p.Severity, p.Name(), p.Threshold, 100*p.Fraction)
	}
	// Output:
	// page   14m/1m   14.4× spends  2 % of the budget
	// page   1h24m/7m  6.0× spends  5 % of the budget
	// ticket 5h36m/28m  3.0× spends 10 % of the budget
	// ticket 16h48m/1h24m  1.0× spends 10 % of the budget
}

func ExampleMatchBucket() {
	le, err := slo.MatchBucket([]string{"0.1", "0.20", "0.5", "+Inf"}, 0.2)
	fmt.Println(le, err)
	_, err = slo.MatchBucket([]string{"0.1", "0.25", "+Inf"}, 0.2)
	fmt.Println(err)
	// Output:
	// 0.20 <nil>
	// slo: no histogram bucket boundary equals the threshold 0.2 (available le: 0.1, 0.25, +Inf)
}

func ExampleWindow_Bounds() {
	paris, err := slo.LoadLocation("Europe/Paris")
	if err != nil {
		fmt.Println(err)
		return
	}
	now := time.Date(2026, 3, 29, 12, 0, 0, 0, time.UTC) // a Sunday, the day clocks go forward
	for _, w := range []slo.Window{slo.RollingWindow(7 * 24 * time.Hour), slo.CalendarWindow(slo.Week, paris), slo.CalendarWindow(slo.Month, paris), slo.CalendarWindow(slo.Quarter, paris)} {
		s, e := w.Bounds(now)
		fmt.Printf("%-24s %s → %s (%s)\n", w, s.Format("2006-01-02 15:04 MST"), e.Format("2006-01-02 15:04 MST"), w.Length(now))
	}
	// Output:
	// 7d                       2026-03-22 12:00 UTC → 2026-03-29 12:00 UTC (168h0m0s)
	// week (Europe/Paris)      2026-03-23 00:00 CET → 2026-03-30 00:00 CEST (167h0m0s)
	// month (Europe/Paris)     2026-03-01 00:00 CET → 2026-04-01 00:00 CEST (743h0m0s)
	// quarter (Europe/Paris)   2026-01-01 00:00 CET → 2026-04-01 00:00 CEST (2159h0m0s)
}

// A day of the seed's error-rate SLO: clean, then 40 minutes at 0.2 % errors.
func ExampleSummarize() {
	s := slo.SLO{
		ID: "error-rate", Name: "Error rate < 0.1 %",
		SLI:       slo.SLI{Kind: slo.KindRatio, Bad: `auth_requests_total{status=~"5.."}`, Total: `auth_requests_total`},
		Objective: 0.999, Window: slo.RollingWindow(24 * time.Hour), MinEvents: 100, ViolationFor: 30 * time.Minute,
	}
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	n := 1440
	ev := slo.Events{Start: start, Step: time.Minute, Good: make([]float64, n), Total: make([]float64, n)}
	for i := range n {
		ev.Total[i], ev.Good[i] = 2000, 2000
		if i >= n-40 {
			ev.Good[i] = 2000 * (1 - 0.002)
		}
	}
	l, _ := slo.NewLedger(ev)
	sum, _ := slo.Summarize(s, l, start.Add(24*time.Hour), slo.Options{})
	fmt.Printf("SLI %.6f, budget %.1f %% = %.0f of %.0f requests left\n", sum.SLI, 100*sum.Budget.Ratio, sum.Budget.Remaining, sum.Budget.Allowed)
	for _, c := range sum.Pairs {
		fmt.Printf("%-6s %-7s %5.2f× / %5.2f× > %5.2f× firing %v\n", c.Pair.Severity, c.Pair.Name(), c.LongBurn, c.ShortBurn, c.Pair.Threshold, c.Firing)
	}
	d := time.Duration(sum.Exhaustion.Seconds * float64(time.Second))
	fmt.Println("exhausted in", d.Round(time.Minute), "at the last hour's rate")
	fmt.Println("sustained violation", sum.Sustained.Firing, "since", sum.Sustained.Since.Format("15:04"))
	fmt.Println(sum.State)
	// Output:
	// SLI 0.999944, budget 94.4 % = 2720 of 2880 requests left
	// page   2m/1m    2.00× /  2.00× > 14.40× firing false
	// page   12m/1m   2.00× /  2.00× >  6.00× firing false
	// ticket 48m/4m   1.67× /  2.00× >  3.00× firing false
	// ticket 2h24m/12m  0.56× /  2.00× >  1.00× firing false
	// exhausted in 17h0m0s at the last hour's rate
	// sustained violation true since 23:23
	// breaching
}

// The shape of jsonData.slos, and a validation error naming every problem.
func ExampleParseCatalog() {
	c, err := slo.ParseCatalog([]byte(`[
	  {"id": "checkout", "name": "Checkout latency",
	   "sli": {"kind": "latency", "histogram": "http_request_duration_seconds", "threshold": 0.3, "selector": "{job=\"checkout\"}"},
	   "objective": 0.99,
	   "window": {"kind": "calendar", "unit": "month", "timeZone": "Europe/Paris"},
	   "labels": {"team": "payments"}, "minEvents": 500}
	]`))
	fmt.Println(c[0].DisplayName(), c[0].Objective, c[0].Window, err)

	_, err = slo.ParseCatalog([]byte(`[{"id": "Checkout", "sli": {"kind": "availability", "expr": "up"}, "objective": 99.9, "window": "30d"}]`))
	fmt.Println(errors.Is(err, slo.ErrID), errors.Is(err, slo.ErrObjective), errors.Is(err, slo.ErrGapPolicy))
	// Output:
	// Checkout latency 0.99 month (Europe/Paris) <nil>
	// true true true
}

// The per-bucket increase of a counter, exact under closed (Prometheus 2)
// and left-open (Prometheus 3) range selectors alike, and the cheaper form
// for engines with the anchored modifier.
func ExampleIncreaseExpr() {
	fmt.Println(slo.IncreaseExpr(`http_requests_total{code=~"5.."}`, time.Minute))
	fmt.Println(slo.AnchoredIncreaseExpr(`http_requests_total{code=~"5.."}`, time.Minute))
	// Output:
	// http_requests_total{code=~"5.."} - http_requests_total{code=~"5.."} offset 1m unless (resets(http_requests_total{code=~"5.."}[1m]) > 0 or min_over_time(http_requests_total{code=~"5.."}[1m]) < http_requests_total{code=~"5.."} offset 1m) or http_requests_total{code=~"5.."} + clamp_min(max_over_time(http_requests_total{code=~"5.."}[1m]) - http_requests_total{code=~"5.."} offset 1m, 0) or increase(http_requests_total{code=~"5.."}[1m])
	// increase(http_requests_total{code=~"5.."}[1m] anchored)
}
