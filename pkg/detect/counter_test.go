package detect

import (
	"math"
	"slices"
	"testing"
)

func TestCounterIncreasesHandlesResetsAndGaps(t *testing.T) {
	xs := []float64{10, 15, 20, 3, 8, math.NaN(), 12}
	inc, resets := CounterIncreases(xs)
	want := []float64{math.NaN(), 5, 5, 3, 5, math.NaN(), 4}
	for i := range want {
		if !near(inc[i], want[i], 0) {
			t.Errorf("increase %d = %v, want %v", i, inc[i], want[i])
		}
	}
	if !slices.Equal(resets, []int{3}) {
		t.Errorf("resets %v, want [3]", resets)
	}
}

func TestAlignUsesTheLatestFreshSample(t *testing.T) {
	ts := []int64{0, 10, 25, 70}
	vs := []float64{1, 2, 3, 4}
	got, err := Align(ts, vs, 0, 80, 10, 15)
	if err != nil {
		t.Fatal(err)
	}
	// grid 0..80: 1, 2, 2, 3(25), 3(25, 15 old), NaN(>15), NaN, 4, 4
	want := []float64{1, 2, 2, 3, 3, math.NaN(), math.NaN(), 4, 4}
	for i := range want {
		if !near(got[i], want[i], 0) {
			t.Errorf("grid %d = %v, want %v", i, got[i], want[i])
		}
	}
	if _, err := Align(ts, vs, 0, 10, 0, 5); err == nil {
		t.Error("a zero step must be an error")
	}
}
