package detect_test

import (
	"fmt"
	"time"

	"github.com/claudeenhancer/monitoring/pkg/detect"
)

func ExampleRunBands() {
	xs := []float64{10, 11, 10, 12, 11, 10, 11, 12, 10, 11, 30, 11}
	b := detect.MakeBands(len(xs))
	if err := detect.RunBands(xs, detect.Options{Method: detect.MethodRobust, Window: 10}, b); err != nil {
		panic(err)
	}
	for i := 10; i < len(xs); i++ {
		fmt.Printf("point %d: value %.0f yhat %.1f band [%.2f, %.2f] score %.2f anomaly %v\n",
			i, xs[i], b.Yhat[i], b.Lower[i], b.Upper[i], b.Score[i], b.Anomaly[i])
	}
	// Output:
	// point 10: value 30 yhat 11.0 band [6.55, 15.45] score 4.27 anomaly true
	// point 11: value 11 yhat 11.0 band [6.55, 15.45] score 0.00 anomaly false
}

func ExampleBandEvents() {
	xs := []float64{5, 6, 5, 6, 5, 6, 5, 6, 40, 42, 6, 5, 1e-9}
	o := detect.Options{Method: detect.MethodRobust, Window: 8}
	b := detect.MakeBands(len(xs))
	_ = detect.RunBands(xs, o, b)
	for _, e := range detect.BandEvents(xs, b, o) {
		fmt.Printf("%s event from %d to %d, peak %d (score %.1f) vs baseline %.1f\n",
			e.Direction, e.Start, e.End, e.Peak, e.PeakScore, e.Yhat)
	}
	// Output:
	// up event from 8 to 9, peak 9 (score 16.2) vs baseline 6.0
	// down event from 12 to 12, peak 12 (score 1.3) vs baseline 6.0
}

func ExampleWelch() {
	before := []float64{101, 99, 100, 102, 98, 100}
	after := []float64{109, 111, 110, 108, 112, 110}
	r, _ := detect.Welch(before, after)
	ratio, _ := detect.RatioChange(before, after)
	fmt.Printf("shift %+.1f (%.1f sd), t = %.1f, p = %.0e; seed ratio %.2f\n", r.Diff, r.Effect, r.T, r.P, ratio)
	// Output: shift +10.0 (7.1 sd), t = 12.2, p = 2e-07; seed ratio 0.10
}

func ExampleLinear_TimeToThreshold() {
	// Disk usage in percent, one sample every 10 minutes, rising 1.5 %/h.
	var ts, ys []float64
	for i := range 12 {
		ts = append(ts, float64(i*600))
		ys = append(ys, 80+0.25*float64(i))
	}
	l, _ := detect.FitLinear(ts, ys)
	c, ok := l.TimeToThreshold(100, ts[len(ts)-1], 0.95)
	if ok {
		eta := time.Duration(c.At-ts[len(ts)-1]) * time.Second
		fmt.Println("disk full in", eta.Round(time.Minute))
	}
	// Output: disk full in 11h30m0s
}

func ExampleNewNAB() {
	d, _ := detect.NewNAB(detect.NABOptions{Window: 20, MinPoints: 10, Novelty: 20})
	t0 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	var last float64
	for i := range 60 {
		x := float64(10 + i%3)
		if i == 50 {
			x = 30
		}
		s := d.Step(t0.Add(time.Duration(i)*time.Minute), x)
		if i == 50 {
			last = s
		}
	}
	fmt.Printf("score of the spike: %.3f\n", last)
	// Output: score of the spike: 0.990
}
