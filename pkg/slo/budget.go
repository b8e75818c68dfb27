package slo

import (
	"math"
	"time"
)

// Budget is the error budget of one window (1 − objective of the window's
// events: Google SRE Workbook, ch. 2 "Implementing SLOs"), in the SLI's unit:
// events for ratio and latency SLIs, seconds of downtime for availability.
//
//	N̂(T)      = Total · T / Covered         expected events over the period T
//	Allowed   = (1 − O) · N̂(T)
//	Spent     = Bad
//	Remaining = Allowed − Spent             negative when overspent, never clamped
//	Ratio     = Remaining / Allowed = 1 − (1 − SLI)/(1 − O) · Covered/T
//
// With the window covered (a rolling window with full history) N̂(T) = Total
// and Ratio = (SLI − O)/(1 − O), Pyrra's and Grafana SLO's formula. For
// availability Covered = Total, so Allowed = (1 − O)·T exactly (30 d at
// 99.9 %: 43.2 min) and Remaining = Allowed − downtime. For a calendar period
// the not-yet-elapsed part is extrapolated at the observed traffic rate.
type Budget struct {
	Allowed   float64
	Spent     float64
	Remaining float64
	Ratio     float64 // NaN when there is no data (no covered time or no events)
	Unit      Unit
}

// NewBudget computes the budget of period T from the window's tally.
// Precondition: 0 < objective < 1. Allowed, Remaining and Ratio are NaN when
// the tally has no events or covers no time.
func NewBudget(t Tally, objective float64, period time.Duration, unit Unit) Budget {
	b := Budget{Spent: t.Bad, Unit: unit, Allowed: math.NaN(), Remaining: math.NaN(), Ratio: math.NaN()}
	if !(t.Total > 0) || t.Covered <= 0 || period <= 0 {
		return b
	}
	expected := t.Total * (float64(period) / float64(t.Covered))
	if unit == UnitSeconds {
		// Covered is Total itself, up to the nanosecond rounding of Covered.
		expected = period.Seconds()
	}
	b.Allowed = (1 - objective) * expected
	b.Remaining = b.Allowed - b.Spent
	b.Ratio = b.Remaining / b.Allowed
	return b
}
