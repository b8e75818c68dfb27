package testenv

import (
	"math"
	"testing"
	"time"
)

func TestAnomalyFixtureInjectsWhatItDocuments(t *testing.T) {
	now := time.Date(2026, 11, 28, 12, 34, 56, 0, time.UTC)
	a := NewAnomaly(now, 1)
	if err := a.Validate(); err != nil {
		t.Fatal(err)
	}
	if a.End != time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC) || a.End.Sub(a.Start) != AnomalyDays*24*time.Hour {
		t.Fatalf("range %v – %v, want four days ending on the hour ten minutes before now", a.Start, a.End)
	}
	for _, at := range []time.Time{a.SpikeAt, a.DropAt, a.ShiftAt, a.DriftAt, a.SeasonalAt} {
		if !a.onGrid(at) || at.Sub(a.Start)%time.Hour != 0 || !at.Before(a.End) {
			t.Errorf("injected time %v is not a whole hour inside the fixture", at)
		}
	}
	v := func(id string, at time.Time) float64 {
		t.Helper()
		x, ok := a.ValueAt(id, at)
		if !ok {
			t.Fatalf("%s has no sample at %v", id, at)
		}
		return x
	}
	// Each injected value minus the same series a step earlier: the noise
	// (σ 2, rounded) cannot explain more than ±15 (7.5σ).
	cases := []struct {
		name    string
		id      string
		at      time.Time
		check   func(x float64) bool
		comment string
	}{
		{"the spike adds 40", AnomalySpike, a.SpikeAt.Add(time.Minute), func(x float64) bool { return x > AnomalyLevel+25 }, "> 125"},
		{"the spike is over after two minutes", AnomalySpike, a.SpikeAt.Add(a.SpikeFor), func(x float64) bool { return math.Abs(x-AnomalyLevel) < 15 }, "≈ 100"},
		{"the drop is exactly zero", AnomalyDrop, a.DropAt.Add(5 * time.Minute), func(x float64) bool { return x == 0 }, "0"},
		{"the shift holds to the end", AnomalyShift, a.End, func(x float64) bool { return math.Abs(x-AnomalyLevel-AnomalyShiftSize) < 15 }, "≈ 110"},
		{"the drift grows 4 per hour", AnomalyDrift, a.DriftAt.Add(10 * time.Hour), func(x float64) bool { return math.Abs(x-AnomalyLevel-40) < 15 }, "≈ 140"},
		{"the seasonal dip is 8 below the curve", AnomalySeasonal, a.SeasonalAt.Add(15 * time.Minute),
			func(x float64) bool {
				return math.Abs(x-(SeasonalMean+SeasonalAmplitude*math.Sin(2*math.Pi*15/1440)-SeasonalDipSize)) < 5
			}, "≈ 44"},
	}
	for _, c := range cases {
		if x := v(c.id, c.at); !c.check(x) {
			t.Errorf("%s: %s at %v = %v, want %s", c.name, c.id, c.at, x, c.comment)
		}
	}

	// The noise is N(0, σ²): over the first day of the spike series its
	// sample mean and σ are within 5 % of σ of 100 and 2 (5,760 samples:
	// the standard errors are 1.3 % and 0.9 % of σ).
	var sum, sq float64
	n := 0
	for at := a.Start; at.Before(a.Start.Add(24 * time.Hour)); at = at.Add(a.Step) {
		x := v(AnomalySpike, at) - AnomalyLevel
		sum, sq, n = sum+x, sq+x*x, n+1
	}
	mean := sum / float64(n)
	sd := math.Sqrt(sq/float64(n) - mean*mean)
	if math.Abs(mean) > 0.05*AnomalyNoise || math.Abs(sd-AnomalyNoise) > 0.05*AnomalyNoise {
		t.Errorf("noise mean %.3f σ %.3f, want 0 and %v", mean, sd, AnomalyNoise)
	}
}
