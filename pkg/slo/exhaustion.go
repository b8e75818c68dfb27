package slo

import (
	"math"
	"time"
)

// DefaultLookback is the window whose burn TimeToExhaustion extrapolates
// when none is given: the long window of the fastest Workbook pair.
const DefaultLookback = time.Hour

// Exhaustion is a time-to-exhaustion estimate (the Workbook's ch. 5, Table
// 5-4: a burn rate b exhausts a period T's budget in T/b).
//
// Method: the remaining budget divided by the rate at which budget was spent
// over the lookback, assumed to continue:
//
//	Seconds = Remaining / BadRate,   BadRate = Bad(lookback) / Covered(lookback)
//
// in the budget's unit per second (bad events, or down-seconds, per second of
// covered time). It is the traffic-aware form of T/b with the budget
// already extrapolated to the whole period. For a rolling window it ignores
// errors that age out of the window, so under constant traffic it is a lower
// bound; label it an estimate.
type Exhaustion struct {
	// Seconds until the remaining budget reaches zero: 0 when it already has,
	// +Inf when nothing is being spent (no bad events in the lookback, zero
	// traffic included), NaN when unknown (no budget, no data in the
	// lookback, or fewer than MinEvents events in it).
	Seconds  float64
	Lookback time.Duration
	BadRate  float64 // budget units spent per second over the lookback
}

// TimeToExhaustion estimates when budget b runs out if the spending rate of
// the lookback (now−lookback, now] continues (lookback ≤ 0 means
// DefaultLookback). minEvents guards the lookback for event units.
func TimeToExhaustion(b Budget, l *Ledger, now time.Time, lookback time.Duration, minEvents float64) Exhaustion {
	if lookback <= 0 {
		lookback = DefaultLookback
	}
	now = l.floorEnd(now)
	t := l.Tally(now.Add(-lookback), now)
	e := Exhaustion{Seconds: math.NaN(), Lookback: lookback, BadRate: math.NaN()}
	if t.Covered > 0 {
		e.BadRate = t.Bad / t.Covered.Seconds()
	}
	switch {
	case math.IsNaN(b.Remaining):
	case b.Remaining <= 0:
		e.Seconds = 0
	case t.Covered <= 0 || (l.unit == UnitEvents && t.Total > 0 && t.Total < minEvents):
	case t.Bad <= 0:
		e.Seconds = math.Inf(1)
	default:
		e.Seconds = b.Remaining / e.BadRate
	}
	return e
}
