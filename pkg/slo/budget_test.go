package slo

import (
	"math"
	"testing"
	"time"
)

func TestBudget(t *testing.T) {
	cases := []struct {
		name                      string
		tl                        Tally
		objective                 float64
		period                    time.Duration
		unit                      Unit
		allowed, remaining, ratio float64
	}{
		{
			// Seed: 99.9 % over 30 d allows 43.2 min of downtime.
			name: "a 30 d SLO at 99.9 % allows 43m12s of downtime",
			tl:   Tally{Good: 30 * 86400, Total: 30 * 86400, Covered: 30 * day}, objective: 0.999, period: 30 * day, unit: UnitSeconds,
			allowed: 2592, remaining: 2592, ratio: 1,
		},
		{
			name: "ten minutes down leave 33.2 minutes",
			tl:   Tally{Good: 30*86400 - 600, Bad: 600, Total: 30 * 86400, Covered: 30 * day}, objective: 0.999, period: 30 * day, unit: UnitSeconds,
			allowed: 2592, remaining: 1992, ratio: 1992.0 / 2592,
		},
		{
			name: "ignored gaps do not shrink the time budget",
			tl:   Tally{Good: 20 * 86400, Total: 20 * 86400, Covered: 20 * day}, objective: 0.999, period: 30 * day, unit: UnitSeconds,
			allowed: 2592, remaining: 2592, ratio: 1,
		},
		{
			// Allowed bad = (1−O)·N (Google SRE Workbook, ch. 2); remaining
			// ratio = (SLI − O)/(1 − O), Pyrra's and Grafana SLO's formula.
			name: "an event budget is (1 − O) of the window's requests",
			tl:   Tally{Good: 999_500, Bad: 500, Total: 1_000_000, Covered: day}, objective: 0.999, period: day, unit: UnitEvents,
			allowed: 1000, remaining: 500, ratio: 0.5,
		},
		{
			name: "an overspent budget goes negative and is not clamped",
			tl:   Tally{Good: 997_000, Bad: 3000, Total: 1_000_000, Covered: day}, objective: 0.999, period: day, unit: UnitEvents,
			allowed: 1000, remaining: -2000, ratio: -2,
		},
		{
			// One day of a 30-day month at 10× burn spends a third of the month's budget.
			name: "a calendar period extrapolates its traffic to the whole period",
			tl:   Tally{Good: 99_000, Bad: 1000, Total: 100_000, Covered: day}, objective: 0.999, period: 30 * day, unit: UnitEvents,
			allowed: 3000, remaining: 2000, ratio: 2.0 / 3,
		},
		{
			name: "zero traffic has no budget to speak of",
			tl:   Tally{Covered: day}, objective: 0.999, period: day, unit: UnitEvents,
			allowed: math.NaN(), remaining: math.NaN(), ratio: math.NaN(),
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := NewBudget(c.tl, c.objective, c.period, c.unit)
			assertNear(t, "allowed", b.Allowed, c.allowed, 1e-9)
			assertNear(t, "remaining", b.Remaining, c.remaining, 1e-9)
			assertNear(t, "ratio", b.Ratio, c.ratio, 1e-9)
		})
	}
	t.Run("30 days at 99.9 % with no downtime leave 43.2 minutes, in seconds", func(t *testing.T) {
		b := NewBudget(Tally{Good: 30 * 86400, Total: 30 * 86400, Covered: 30 * day}, 0.999, 30*day, UnitSeconds)
		assertNear(t, "remaining seconds", b.Remaining, 43.2*60, 1e-9)
	})
}
