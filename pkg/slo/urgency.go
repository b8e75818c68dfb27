package slo

import (
	"cmp"
	"math"
	"strings"
)

// stateUrgency ranks states for a list of SLOs: what needs action first
// (breaching, then warning), then what cannot be judged (no data), then
// partial history, then OK.
var stateUrgency = map[State]int{StateBreaching: 0, StateWarning: 1, StateNoData: 2, StatePartialHistory: 3, StateOK: 4}

// CompareUrgency orders two summaries most urgent first: by state
// (breaching, warning, no data, partial history, OK), then a firing page
// before a firing ticket before nothing firing, then the least remaining
// budget ratio (NaN last), then by id, so the order is total and stable.
func CompareUrgency(a, b Summary) int {
	if c := cmp.Compare(rank(a.State), rank(b.State)); c != 0 {
		return c
	}
	if c := cmp.Compare(firingRank(a.Pairs), firingRank(b.Pairs)); c != 0 {
		return c
	}
	if c := compareNaNLast(a.Budget.Ratio, b.Budget.Ratio); c != 0 {
		return c
	}
	return strings.Compare(a.ID, b.ID)
}

func rank(s State) int {
	if r, ok := stateUrgency[s]; ok {
		return r
	}
	return len(stateUrgency)
}

// firingRank: 0 a page fires, 1 a ticket fires, 2 nothing fires.
func firingRank(conds []PairCondition) int {
	r := 2
	for _, c := range conds {
		switch {
		case c.Firing && c.Pair.Severity == Page:
			return 0
		case c.Firing:
			r = 1
		}
	}
	return r
}

func compareNaNLast(a, b float64) int {
	switch an, bn := math.IsNaN(a), math.IsNaN(b); {
	case an && bn:
		return 0
	case an:
		return 1
	case bn:
		return -1
	}
	return cmp.Compare(a, b)
}

// FastestBurn is the pair closest to firing: the feasible pair with the
// largest min(LongBurn, ShortBurn) / Threshold (the alert output's value,
// > 1 exactly when the pair fires). ok is false when no feasible pair has
// both burns.
func FastestBurn(conds []PairCondition) (fastest PairCondition, ok bool) {
	best := math.Inf(-1)
	for _, c := range conds {
		v := AlertValue(c)
		if c.Pair.Feasible && !math.IsNaN(v) && v > best {
			fastest, best, ok = c, v, true
		}
	}
	return fastest, ok
}

// AlertValue is min(LongBurn, ShortBurn) / Threshold, NaN when a window has
// no data: > 1 exactly when both burns exceed the threshold.
func AlertValue(c PairCondition) float64 {
	if math.IsNaN(c.LongBurn) || math.IsNaN(c.ShortBurn) {
		return math.NaN()
	}
	return math.Min(c.LongBurn, c.ShortBurn) / c.Pair.Threshold
}
