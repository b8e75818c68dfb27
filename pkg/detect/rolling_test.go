package detect

import (
	"math"
	"slices"
	"testing"
)

func naiveMeanVar(xs []float64) (float64, float64) {
	var m float64
	for _, v := range xs {
		m += v
	}
	m /= float64(len(xs))
	var q float64
	for _, v := range xs {
		q += (v - m) * (v - m)
	}
	return m, q / float64(len(xs)-1)
}

func TestRollingMatchesTwoPassOverTheWindow(t *testing.T) {
	tests := []struct {
		name   string
		offset float64
		w      int
	}{
		{"unit noise around 0 with a 10-point window", 0, 10},
		{"unit noise on a counter near 1e12 keeps its variance", 1e12, 50},
		{"a 2-point window is the smallest allowed", 5, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			xs := noise(1, 5000)
			r, err := NewRolling(tc.w)
			if err != nil {
				t.Fatal(err)
			}
			for i, x := range xs {
				r.Push(x + tc.offset)
				if i+1 < tc.w {
					continue
				}
				win := make([]float64, tc.w)
				for j := range win {
					win[j] = xs[i+1-tc.w+j] + tc.offset // as stored: the reference is a two-pass sum
				}
				m, v := naiveMeanVar(win)
				if math.Abs(r.Mean()-m) > 1e-9*math.Max(1, tc.offset) || !near(r.Var(), v, 1e-6) {
					t.Fatalf("at %d: mean %v var %v, want %v %v", i, r.Mean(), r.Var(), m, v)
				}
			}
		})
	}
}

func TestRollingEdgeCases(t *testing.T) {
	if _, err := NewRolling(1); err != ErrWindow {
		t.Errorf("window 1: err %v, want ErrWindow", err)
	}
	r, _ := NewRolling(3)
	if !math.IsNaN(r.Mean()) || !math.IsNaN(r.Var()) {
		t.Error("an empty window has NaN mean and variance")
	}
	r.Push(math.NaN())
	r.Push(math.Inf(1))
	r.Push(4)
	if r.Len() != 1 || r.Mean() != 4 || !math.IsNaN(r.Var()) {
		t.Errorf("gaps must be ignored: len %d mean %v var %v", r.Len(), r.Mean(), r.Var())
	}
}

func TestSortedWindowOrderStatistics(t *testing.T) {
	xs := noise(2, 3000)
	for i := range xs { // many ties, as in quantised metrics
		xs[i] = math.Round(xs[i] * 2)
	}
	for _, w := range []int{2, 3, 10, 51, 60} {
		s, _ := NewSortedWindow(w)
		for i, x := range xs {
			s.Push(x)
			lo := max(0, i+1-w)
			win := slices.Clone(xs[lo : i+1])
			slices.Sort(win)
			if !slices.Equal(win, s.sorted) {
				t.Fatalf("w=%d i=%d: sorted %v, want %v", w, i, s.sorted, win)
			}
			m := median(win)
			dev := make([]float64, len(win))
			for j, v := range win {
				dev[j] = math.Abs(v - m)
			}
			slices.Sort(dev)
			// The hint only speeds the search up: every hint, near or far,
			// gives the same MAD.
			for hint := -1; hint <= len(win)+1; hint++ {
				if got, _ := mad(s.sorted, m, hint); got != median(dev) {
					t.Fatalf("w=%d i=%d hint %d: MAD %v, want %v", w, i, hint, got, median(dev))
				}
			}
			if _, sigma := s.medianSigma(); sigma != madScale*median(dev) && median(dev) != 0 {
				t.Fatalf("w=%d i=%d: sigma %v, want %v", w, i, sigma, madScale*median(dev))
			}
		}
	}
}

func TestSigmaFallsBackWhenMostValuesAreEqual(t *testing.T) {
	s, _ := NewSortedWindow(5)
	for _, v := range []float64{0, 0, 0, 0, 4} {
		s.Push(v)
	}
	// MAD = 0; √(mean (x − 0)²) = √(16/5).
	if got := s.Sigma(); !near(got, math.Sqrt(16.0/5), 1e-12) {
		t.Errorf("Sigma = %v", got)
	}
}

func TestRollingMax(t *testing.T) {
	m, _ := NewRollingMax(3)
	want := []float64{math.Inf(-1), 5, 5, 5, 4, 4, 2}
	for i, x := range []float64{5, 1, 4, 2, math.NaN(), 1} {
		if got := m.Max(); got != want[i] {
			t.Errorf("before push %d: max %v, want %v", i, got, want[i])
		}
		m.Push(x)
	}
}
