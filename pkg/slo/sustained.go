package slo

import (
	"math"
	"time"
)

// Sustained is the state of a sustained-violation condition: the error
// ratio over Window exceeded 1 − O (a burn rate above 1) at every bucket end
// since Since. It fires once that run has lasted For, like an alert rule
// `ratio_window > (1 − O)` with a pending period For (an alerting rule's
// "for" clause, Prometheus docs "Alerting rules"). Caveat from the Workbook
// (ch. 5, iteration 3, "Incrementing Alert Duration"): a single good bucket
// resets the run, so a flapping
// SLI may never fire; the burn-rate pairs do not have this weakness.
type Sustained struct {
	Window time.Duration
	For    time.Duration
	Burn   float64   // burn over Window at now; NaN when no data
	Since  time.Time // start of the current violating run; zero when none
	Firing bool
}

// SustainedViolation evaluates the condition at now (rounded down to a
// bucket end), walking back bucket by bucket while the burn over window
// stays above 1 (O(run length)). A bucket end without events (or with fewer than minEvents,
// for event units) breaks the run: no data is not a violation.
func SustainedViolation(l *Ledger, objective float64, window, hold time.Duration, now time.Time, minEvents float64) Sustained {
	now = l.floorEnd(now)
	s := Sustained{Window: window, For: hold, Burn: l.burn(objective, now, window, minEvents)}
	if !(s.Burn > 1) {
		return s
	}
	hs, _ := l.HistoryStart()
	since := now
	for t := now.Add(-l.step); !t.Before(hs); t = t.Add(-l.step) {
		if b := l.burn(objective, t, window, minEvents); !(b > 1) || math.IsNaN(b) {
			break
		}
		since = t
	}
	s.Since = since
	s.Firing = now.Sub(since) >= hold
	return s
}
