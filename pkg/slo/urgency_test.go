package slo

import (
	"math"
	"slices"
	"testing"
)

func TestCompareUrgencyOrdersMostUrgentFirst(t *testing.T) {
	page := Pair{Severity: Page, Threshold: 14.4, Feasible: true}
	ticket := Pair{Severity: Ticket, Threshold: 3, Feasible: true}
	sums := []Summary{
		{ID: "ok-a", State: StateOK, Budget: Budget{Ratio: 0.9}},
		{ID: "partial", State: StatePartialHistory, Budget: Budget{Ratio: 0.95}},
		{ID: "nodata", State: StateNoData, Budget: Budget{Ratio: math.NaN()}},
		{ID: "warn-ticket", State: StateWarning, Budget: Budget{Ratio: 0.1},
			Pairs: []PairCondition{{Pair: ticket, Firing: true}}},
		{ID: "warn-low", State: StateWarning, Budget: Budget{Ratio: 0.2}},
		{ID: "warn-page", State: StateWarning, Budget: Budget{Ratio: 0.6},
			Pairs: []PairCondition{{Pair: ticket, Firing: true}, {Pair: page, Firing: true}}},
		{ID: "breach", State: StateBreaching, Budget: Budget{Ratio: -0.8}},
		{ID: "ok-b", State: StateOK, Budget: Budget{Ratio: 0.5}},
		{ID: "ok-nan", State: StateOK, Budget: Budget{Ratio: math.NaN()}},
	}
	slices.SortFunc(sums, CompareUrgency)
	var got []string
	for _, s := range sums {
		got = append(got, s.ID)
	}
	want := []string{"breach", "warn-page", "warn-ticket", "warn-low", "nodata", "partial", "ok-b", "ok-a", "ok-nan"}
	if !slices.Equal(got, want) {
		t.Errorf("order %v, want %v", got, want)
	}
}

func TestFastestBurnIsThePairClosestToFiring(t *testing.T) {
	page := Pair{Severity: Page, Threshold: 14.4, Feasible: true}
	ticket := Pair{Severity: Ticket, Threshold: 3, Feasible: true}
	infeasible := Pair{Severity: Page, Threshold: 1000, Feasible: false}
	conds := []PairCondition{
		// 50× short but 2× long: min 2, 2/14.4 = 0.14 of its threshold.
		{Pair: page, LongBurn: 2, ShortBurn: 50},
		// 2.5× both: 2.5/3 = 0.83, the closest to firing.
		{Pair: ticket, LongBurn: 2.5, ShortBurn: 2.6},
		{Pair: infeasible, LongBurn: 5000, ShortBurn: 5000},
		{Pair: page, LongBurn: math.NaN(), ShortBurn: 100},
	}
	got, ok := FastestBurn(conds)
	if !ok || got.Pair != ticket {
		t.Fatalf("FastestBurn = %+v, %v; want the ticket pair", got, ok)
	}
	if v := AlertValue(got); math.Abs(v-2.5/3) > 1e-12 {
		t.Errorf("AlertValue = %v, want 2.5/3", v)
	}
	if _, ok := FastestBurn(conds[2:]); ok {
		t.Error("no feasible pair with both burns: want ok = false")
	}
}
