package slo

import (
	"math"
	"time"
)

// BurndownPoint is one point of the burndown chart: the share of the
// window's budget left at T, and the ideal line.
type BurndownPoint struct {
	T         time.Time
	Remaining float64 // NaN before the data starts and after now
	Ideal     float64
}

// Burndown is the remaining budget over the current window, cumulated from
// the window start, against the ideal linear burn:
//
//	Remaining(t) = 1 − Bad(Start, t] / Allowed
//	Ideal(t)     = 1 − (t − Start) / T
//
// where Allowed is the window's budget as of now (Budget.Allowed, so the
// curve is non-increasing and ends at the summary's Budget.Ratio) and T the
// window length. Points lie at Start + k·step (step rounded up to whole
// buckets; ≤ 0 means every bucket), plus now; a calendar window continues to
// the period end with Remaining NaN, so the ideal line spans the period.
// Remaining is NaN everywhere when the window has no data. Errors: the
// SLO's validation errors.
func Burndown(s SLO, l *Ledger, now time.Time, step time.Duration) ([]BurndownPoint, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	now = l.floorEnd(now)
	start, end := s.Window.Bounds(now)
	period := end.Sub(start)
	allowed := NewBudget(l.Tally(start, now), s.Objective, period, l.Unit()).Allowed
	hs, ok := l.HistoryStart()
	stride := max(1, (step+l.step-1)/l.step) * l.step
	limit := now
	if s.Window.IsCalendar() {
		limit = end
	}
	n := int(limit.Sub(start)/stride) + 3
	out := make([]BurndownPoint, 0, n)
	point := func(t time.Time) BurndownPoint {
		p := BurndownPoint{T: t, Remaining: math.NaN(), Ideal: 1 - float64(t.Sub(start))/float64(period)}
		if ok && !t.After(now) && !t.Before(hs) && !math.IsNaN(allowed) {
			p.Remaining = 1 - l.Tally(start, t).Bad/allowed
		}
		return p
	}
	nowDone := false
	for t := start; !t.After(limit); t = t.Add(stride) {
		if !nowDone && t.After(now) {
			out = append(out, point(now))
			nowDone = true
		}
		out = append(out, point(t))
		nowDone = nowDone || t.Equal(now)
	}
	if !nowDone {
		out = append(out, point(now))
	}
	if last := out[len(out)-1].T; last.Before(limit) {
		out = append(out, point(limit))
	}
	return out, nil
}
