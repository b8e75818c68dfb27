package detect

import (
	"errors"
	"math"
	"testing"
)

func TestFitLinearRecoversALine(t *testing.T) {
	ts := []float64{0, 1, 2, 3, 4}
	ys := []float64{1, 3, 5, 7, 9}
	l, err := FitLinear(ts, ys)
	if err != nil {
		t.Fatal(err)
	}
	if y0, _, _ := l.Predict(0, 0.95); l.Slope != 2 || y0 != 1 {
		t.Errorf("slope %v intercept %v", l.Slope, y0)
	}
	y, lo, hi := l.Predict(10, 0.95)
	if y != 21 || lo != 21 || hi != 21 {
		t.Errorf("an exact line has a zero-width interval: %v [%v, %v]", y, lo, hi)
	}
}

func TestPredictionIntervalMatchesTheFormula(t *testing.T) {
	// y = 0,2,1,3 at t = 0..3: b = 0.8, a = 0.3, SSE = 1.8, s = √0.9,
	// Σ(t − t̄)² = 5; at t₀ = 4: ŷ = 3.5, half-width
	// t_{0.975,2}·s·√(1 + 1/4 + 6.25/5) = 4.302653·0.948683·1.581139.
	l, _ := FitLinear([]float64{0, 1, 2, 3}, []float64{0, 2, 1, 3})
	y, lo, hi := l.Predict(4, 0.95)
	h := 4.302652730 * math.Sqrt(0.9) * math.Sqrt(2.5)
	if !near(y, 3.5, 1e-12) || !near(hi-y, h, 1e-8) || !near(y-lo, h, 1e-8) {
		t.Errorf("ŷ %v [%v, %v], want half-width %v", y, lo, hi, h)
	}
}

func TestTimeToThreshold(t *testing.T) {
	// Disk usage rising 1 %/min from 50 % with small noise: full at about t = 50 min.
	var ts, ys []float64
	for i := range 30 {
		ts = append(ts, float64(i*60))
		ys = append(ys, 50+float64(i)+0.1*math.Sin(float64(i)))
	}
	l, _ := FitLinear(ts, ys)
	c, ok := l.TimeToThreshold(100, ts[len(ts)-1], 0.95)
	if !ok || math.Abs(c.At-3000) > 30 || !(c.Earliest <= c.At && c.At <= c.Latest) {
		t.Fatalf("crossing %+v ok %v", c, ok)
	}
	if _, ok := l.TimeToThreshold(10, ts[len(ts)-1], 0.95); ok {
		t.Error("a rising line never reaches a lower threshold")
	}
	if _, err := FitLinear([]float64{1, 1, 1}, []float64{1, 2, 3}); !errors.Is(err, ErrShortSeries) {
		t.Errorf("one abscissa: %v", err)
	}
}
