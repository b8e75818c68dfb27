package detect

import (
	"errors"
	"math"
	"testing"
)

func TestRatioChangeIsZeroSafe(t *testing.T) {
	tests := []struct {
		name          string
		before, after []float64
		want          float64
	}{
		{"20 → 31 °C is a 0.55 ratio", []float64{20}, []float64{31}, 0.55},
		{"a 10σ shift at level 1000 is only 0.1", []float64{1000}, []float64{1100}, 0.1},
		{"0 → 0 is no change", []float64{0, 0}, []float64{0}, 0},
		{"0 → 3 is an infinite ratio, not a division by zero", []float64{0}, []float64{3}, math.Inf(1)},
		{"NaN values are skipped", []float64{2, math.NaN()}, []float64{3}, 0.5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := RatioChange(tc.before, tc.after)
			if err != nil || !near(got, tc.want, 1e-12) {
				t.Errorf("got %v, %v; want %v", got, err, tc.want)
			}
		})
	}
	if _, err := RatioChange(nil, []float64{1}); !errors.Is(err, ErrShortSeries) {
		t.Errorf("empty side: %v", err)
	}
}

func TestWelch(t *testing.T) {
	// Hand computation: before = 1..5 (mean 3, s² 2.5), after = 4..8 (mean 6,
	// s² 2.5): t = 3/√(0.5 + 0.5) = 3, ν = 1/(2·0.0625) = 8, d = 3/√2.5.
	r, err := Welch([]float64{1, 2, 3, 4, 5}, []float64{4, 5, 6, 7, 8})
	if err != nil {
		t.Fatal(err)
	}
	if !near(r.T, 3, 1e-12) || !near(r.DF, 8, 1e-12) || !near(r.Effect, 3/math.Sqrt(2.5), 1e-12) || r.Diff != 3 {
		t.Errorf("%+v", r)
	}
	// Two-sided p for t = 3 with 8 df is 0.01707 (t tables).
	if !near(r.P, 0.017071, 1e-4) {
		t.Errorf("p = %v", r.P)
	}
	c, _ := Welch([]float64{1, 1}, []float64{2, 2})
	if !math.IsInf(c.T, 1) || c.P != 0 {
		t.Errorf("constant sides that differ: %+v", c)
	}
	if _, err := Welch([]float64{1}, []float64{1, 2}); !errors.Is(err, ErrShortSeries) {
		t.Errorf("one point: %v", err)
	}
}

func TestCUSUMFindsAStepNearItsStart(t *testing.T) {
	xs := noise(10, 600)
	for i := 400; i < len(xs); i++ {
		xs[i] += 1.5
	}
	c, err := NewCUSUM(100, 0.5, 5)
	if err != nil {
		t.Fatal(err)
	}
	var got []Change
	for _, x := range xs {
		if ch, ok := c.Step(x); ok {
			got = append(got, ch)
		}
	}
	var hit *Change
	for i := range got {
		if got[i].At >= 400 && hit == nil {
			hit = &got[i]
		}
	}
	if hit == nil || hit.At > 420 || hit.Start < 390 || hit.Direction != Up || math.Abs(hit.Size-1.5) > 0.8 {
		t.Fatalf("changes %+v", got)
	}
	if _, err := NewCUSUM(10, -1, 5); !errors.Is(err, ErrParameter) {
		t.Errorf("negative k: %v", err)
	}
}
