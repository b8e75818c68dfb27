package detect

import (
	"math"
	"testing"
)

func TestNormalQuantile(t *testing.T) {
	// Expected values: Python's statistics.NormalDist().inv_cdf, which
	// implements Wichura's AS241 (Applied Statistics 37, 1988), good to
	// about 1e-16; the 0.975 quantile is the textbook 1.959963984540054.
	tests := []struct {
		name string
		p    float64
		want float64
	}{
		{"the median is 0", 0.5, 0},
		{"the 97.5 % quantile is 1.95996…", 0.975, 1.959963984540054},
		{"the 2.5 % quantile is its mirror", 0.025, -1.959963984540054},
		{"the 99.5 % quantile is 2.57583…", 0.995, 2.5758293035489004},
		{"a far tail, 1e-10, is −6.36134…", 1e-10, -6.361340902404056},
		{"p outside (0, 1) has none", 1, math.NaN()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := NormalQuantile(tt.p)
			if math.IsNaN(tt.want) != math.IsNaN(got) || math.Abs(got-tt.want) > 1e-14*math.Max(1, math.Abs(tt.want)) {
				t.Errorf("NormalQuantile(%v) = %.17g, want %.17g", tt.p, got, tt.want)
			}
		})
	}
}

func TestForecastHoltWintersETAIsTheFirstForecastStepReachingTheThreshold(t *testing.T) {
	// A noiseless ramp of slope 1 per step with a season of 4: Holt-Winters
	// learns the trend, so from the last value 39 the forecast reaches 42.5
	// at the 4th step (43), 4·60 s after the last value.
	values := make([]float64, 40)
	for i := range values {
		values[i] = float64(i)
	}
	hw, err := NewHoltWinters(Options{Method: MethodHoltWinters, Season: 4, Alpha: 0.5, Beta: 0.5, Gamma: 0.1})
	if err != nil {
		t.Fatal(err)
	}
	theta := 42.5
	f := ForecastHoltWinters(hw, values, 60, 6, 0.95, &theta)
	if f.ETA != 240 || len(f.Yhat) != 46 || !math.IsNaN(f.Value[45]) {
		t.Errorf("ETA %v s over %d points (last value %v), want 240 s over 46", f.ETA, len(f.Yhat), f.Value[45])
	}
}
