package detect

import (
	"math"
	"testing"
	"time"
)

func nabRun(t *testing.T, xs []float64, step time.Duration) []float64 {
	t.Helper()
	d, err := NewNAB(NABOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t0 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = d.Step(t0.Add(time.Duration(i)*step), x)
	}
	return out
}

func TestNABScoresArePrefixStableAndBounded(t *testing.T) {
	xs := daily(11, 3000, 288)
	xs[2500] += 4
	full := nabRun(t, xs, 5*time.Minute)
	part := nabRun(t, xs[:2000], 5*time.Minute)
	for i := range part {
		if part[i] != full[i] {
			t.Fatalf("score %d depends on the future: %v vs %v", i, part[i], full[i])
		}
	}
	for i, s := range full {
		if !(s >= 0 && s <= 1) {
			t.Fatalf("score %d = %v outside [0, 1]", i, s)
		}
	}
	peak := 0
	for i := 700; i < len(full); i++ {
		if full[i] > full[peak] {
			peak = i
		}
	}
	if peak != 2500 {
		t.Errorf("highest score at %d (%v), want the spike at 2500", peak, full[peak])
	}
}

func TestNABConstantSeriesScoresZero(t *testing.T) {
	xs := make([]float64, 1000)
	for i := range xs {
		xs[i] = 45
	}
	xs[10] = math.NaN()
	for i, s := range nabRun(t, xs, time.Minute) {
		if s != 0 {
			t.Fatalf("score %d = %v on a flat line", i, s)
		}
	}
}

func TestNABRejectsBadOptions(t *testing.T) {
	for _, o := range []NABOptions{{Window: 1}, {Floor: -1}, {Periods: []time.Duration{0}}, {Seasons: -1}} {
		if _, err := NewNAB(o); err == nil {
			t.Errorf("%+v accepted", o)
		}
	}
}

func TestNABFlagsAJumpBeyondTheSeenRange(t *testing.T) {
	// A noisy regime inflates the robust scale; a jump just beyond the range
	// of everything seen (by more than 5 % of it) must still score 0.99.
	xs := noise(12, 3000)
	for i := 1500; i < 2500; i++ {
		xs[i] *= 4
	}
	hi := 0.0
	for _, x := range xs[:2500] {
		hi = max(hi, x)
	}
	xs[2700] = hi * 1.2
	if s := nabRun(t, xs, 5*time.Minute)[2700]; s < 0.99 {
		t.Errorf("a new extreme scored %v, want ≥ 0.99", s)
	}
	d, _ := NewNAB(NABOptions{Spatial: -1})
	t0 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i, x := range xs {
		if s := d.Step(t0.Add(time.Duration(i)*5*time.Minute), x); i == 2700 && s >= 0.99 {
			t.Errorf("with the range rule off the jump still scores %v", s)
		}
	}
}

func TestNABPatternScoresAShapeChangeNoChannelSees(t *testing.T) {
	// A cycle flattened to its mean stays within range and near every
	// baseline's centre; only the pattern score notices it.
	xs := flatCycle(3000, 2500)
	t0 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	peak := func(o NABOptions) float64 {
		d, err := NewNAB(o)
		if err != nil {
			t.Fatal(err)
		}
		top := 0.0
		for i, x := range xs {
			if s := d.Step(t0.Add(time.Duration(i)*time.Minute), x); i >= 2500 && i < 2550 {
				top = max(top, s)
			}
		}
		return top
	}
	on, off := peak(NABOptions{}), peak(NABOptions{Pattern: -1})
	if !(on > 0.5) || !(on > off) {
		t.Errorf("flattened cycle scored %.3f with the pattern score, %.3f without; want > 0.5 and higher", on, off)
	}
}

func TestNABRestReportsAnExcursionOnceAtItsOnset(t *testing.T) {
	// A spike, then a smaller aftershock 40 points later: with the rest
	// rule the aftershock reports 0 and the spike keeps its score; the same
	// aftershock 300 points later is past the rest and reported.
	xs := noise(13, 3000)
	xs[2000], xs[2040], xs[2300] = 12, 8, 8
	run := func(o NABOptions) []float64 {
		d, _ := NewNAB(o)
		t0 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
		out := make([]float64, len(xs))
		for i, x := range xs {
			out[i] = d.Step(t0.Add(time.Duration(i)*5*time.Minute), x)
		}
		return out
	}
	on, off := run(NABOptions{}), run(NABOptions{Rest: -1})
	if on[2000] != off[2000] || !(on[2000] > 0.5) {
		t.Errorf("spike scored %v with the rest rule, %v without; want the same, > 0.5", on[2000], off[2000])
	}
	if on[2040] != 0 || !(off[2040] > 0) {
		t.Errorf("aftershock scored %v with the rest rule, %v without; want 0 and > 0", on[2040], off[2040])
	}
	if on[2300] != off[2300] || !(on[2300] > 0) {
		t.Errorf("300 points later the aftershock scored %v with the rest rule, %v without; want the same", on[2300], off[2300])
	}
}
