package integration

import (
	"flag"
	"math"
	"testing"
	"time"

	"github.com/claudeenhancer/monitoring/internal/testenv"
	"github.com/claudeenhancer/monitoring/pkg/detect"
)

var sweep = flag.Int("anomaly.sweep", 0, "recompute the detection rates quoted in anomaly_test.go over this many seeds of the anomaly fixture (30 for the quoted figures)")

// TestAnomalyRatesOverSeeds recomputes the figures the configurations of
// anomaly_test.go quote, over many seeds of the anomaly fixture, with
// pkg/detect on the fixture's values laid on the query's grid as the
// handlers do (no Prometheus: on whole-hour grids it returns the samples
// themselves). Off by default:
//
//	go test -run AnomalyRatesOverSeeds -v ./pkg/integration/ -anomaly.sweep=30
func TestAnomalyRatesOverSeeds(t *testing.T) {
	if *sweep == 0 {
		t.Skip("run with -anomaly.sweep=N")
	}
	day := 24 * time.Hour
	grid := func(fx *testenv.Anomaly, id string, from, to time.Time, step time.Duration) []float64 {
		var xs []float64
		for at := from; !at.After(to); at = at.Add(step) {
			v, ok := fx.ValueAt(id, at)
			if !ok {
				v = math.NaN()
			}
			xs = append(xs, v)
		}
		return xs
	}
	seasonal := func(window int, threshold float64, p detect.Persistence) detect.Options {
		return detect.Options{Method: detect.MethodSeasonal, Window: window, Season: 1440, Seasons: 3, Threshold: threshold, Persistence: p}
	}
	configs := []struct {
		name string
		o    detect.Options
	}{
		{"seasonal 6h, 3σ, 2/3 (the test's)", seasonal(360, 3, detect.Persistence{K: 2, N: 3})},
		{"seasonal 1h, 3σ (the defaults)", seasonal(60, 3, detect.Persistence{})},
		{"seasonal 1h, 3σ, 2/3", seasonal(60, 3, detect.Persistence{K: 2, N: 3})},
		{"seasonal 6h, 3σ", seasonal(360, 3, detect.Persistence{})},
	}
	cusums := []struct{ step, window time.Duration }{{time.Minute, time.Hour}, {15 * time.Minute, 12 * time.Hour}}

	falseRate := make([][]float64, len(configs))
	shiftFound := make([]int, len(cusums))
	driftFound := make([]int, len(cusums))
	driftDelay := make([]time.Duration, len(cusums))
	for seed := range *sweep {
		fx := testenv.NewAnomaly(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), testenv.AnomalySeed+uint64(seed))
		for ci, c := range configs {
			warm := time.Duration(c.o.Window)*time.Minute + 3*day
			events := 0
			for k := range testenv.AnomalyCleanCount {
				from := fx.Start.Add(3 * day)
				xs := grid(fx, testenv.AnomalyClean(k), from.Add(-warm), fx.End, time.Minute)
				b := detect.MakeBands(len(xs))
				if err := detect.RunBands(xs, c.o, b); err != nil {
					t.Fatal(err)
				}
				for _, e := range detect.BandEvents(xs, b, c.o) {
					if e.End >= int(warm/time.Minute) {
						events++
					}
				}
			}
			falseRate[ci] = append(falseRate[ci], float64(events)/float64(3*testenv.AnomalyCleanCount))
		}
		for ci, c := range cusums {
			// The trend handler: CUSUM(window, k ½, h 5) from the start of
			// the fetch (visible range 3 h either side, warm-up ≥ 2 h).
			alarms := func(id string, at time.Time) (first time.Duration, ok bool) {
				from := at.Add(-3 * time.Hour)
				fetch := from.Add(-max(c.window, 2*time.Hour))
				cu, err := detect.NewCUSUM(int(c.window/c.step), 0.5, 5)
				if err != nil {
					t.Fatal(err)
				}
				for i, x := range grid(fx, id, fetch, at.Add(3*time.Hour), c.step) {
					ch, alarm := cu.Step(x)
					if when := fetch.Add(time.Duration(i) * c.step); alarm && ch.Direction == detect.Up && !when.Before(at) {
						return when.Sub(at), true
					}
				}
				return 0, false
			}
			if d, ok := alarms(testenv.AnomalyShift, fx.ShiftAt); ok && d <= 2*c.step {
				shiftFound[ci]++
			}
			if d, ok := alarms(testenv.AnomalyDrift, fx.DriftAt); ok && d <= 2*time.Hour {
				driftFound[ci]++
				driftDelay[ci] += d
			}
		}
	}
	for ci, c := range configs {
		var sum, most float64
		for _, r := range falseRate[ci] {
			sum, most = sum+r, math.Max(most, r)
		}
		t.Logf("%s: false events per series-day on the clean series: mean %.3f, max %.3f", c.name, sum/float64(*sweep), most)
	}
	for ci, c := range cusums {
		t.Logf("CUSUM at %v, reference %v: the shift alarmed within 2 steps in %d of %d seeds; the drift within 2 h in %d (mean delay %v)",
			c.step, c.window, shiftFound[ci], *sweep, driftFound[ci], driftDelay[ci]/time.Duration(max(driftFound[ci], 1)))
	}
}
