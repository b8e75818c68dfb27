package detect

import "testing"

// weekly is daily with the days from day weekend on at 55 % of the level,
// as the demo's weekends are of its weekdays.
func weekly(seed uint64, n, p, weekend int) []float64 {
	xs := daily(seed, n, p)
	for i := weekend * p; i < n; i++ {
		xs[i] *= 0.55
	}
	return xs
}

func anomalies(pts []Point, from int) int {
	n := 0
	for _, p := range pts[from:] {
		if p.Anomaly {
			n++
		}
	}
	return n
}

func TestSeasonalFollowsADayOfLowerLevelButFlagsAnOffPhaseValue(t *testing.T) {
	const p = 288 // the window is a 24th of the season, as 1 h of 1 d
	xs := weekly(11, p*10, p, 6)
	o := Options{Method: MethodSeasonal, Season: p, Seasons: 3, Window: p / 24, Threshold: 5, Persistence: Persistence{K: 2, N: 3}}
	pts, _ := Run(xs, o)
	// The step itself (day 6 starts at 55 % at once) is an anomaly until
	// the window holds it; after that, a few chance points at most (with
	// the seasonal median alone, hundreds of the lower days' points).
	if n := anomalies(pts, 6*p+o.Window); n > 3 {
		t.Errorf("%d anomalies on the lower days", n)
	}
	peak := p*8 + p/4
	xs[peak], xs[peak+1] = 0.55*5, 0.55*5 // the lower day's peak replaced by its trough
	pts, _ = Run(xs, o)
	if !pts[peak+1].Anomaly {
		t.Errorf("off-phase value on a lower day not flagged: %+v", pts[peak+1])
	}
}

func TestHoltWintersDoesNotLearnAnIncidentOfItsWarmUp(t *testing.T) {
	xs := daily(12, 24*12, 24)
	for i := 5; i < 9; i++ { // four hours flat at the trough in the first season
		xs[i] = 5
	}
	o := Options{Method: MethodHoltWinters, Season: 24, Seasons: 3, Gamma: 0.2, Threshold: 4, Persistence: Persistence{K: 2, N: 3}}
	pts, err := Run(xs, o)
	if err != nil {
		t.Fatal(err)
	}
	if n := anomalies(pts, 3*24); n > 0 {
		t.Errorf("%d anomalies after the warm-up: the incident became the pattern", n)
	}
	xs[24*10+6], xs[24*10+7] = 5, 5
	if pts, _ = Run(xs, o); !pts[24*10+7].Anomaly {
		t.Errorf("the same incident after the warm-up not flagged: %+v", pts[24*10+7])
	}
}

func TestRunningMeanIsTheCircularCentredMean(t *testing.T) {
	xs := []float64{1, 2, 3, 4, 5, 6, 7}
	want := make([]float64, len(xs))
	for i := range xs {
		for j := -2; j <= 2; j++ {
			want[i] += xs[(i+j+len(xs))%len(xs)] / 5
		}
	}
	runningMean(xs, 2, nil)
	for i := range xs {
		if !near(xs[i], want[i], 1e-12) {
			t.Fatalf("runningMean = %v, want %v", xs, want)
		}
	}
}
