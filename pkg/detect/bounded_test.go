package detect

import (
	"errors"
	"math"
	"runtime"
	"testing"
)

// allocated is the heap bytes f allocates (MemStats.TotalAlloc counts every
// allocation, freed or not). Tests in this package do not run in parallel,
// so nothing else allocates meanwhile beyond runtime noise.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// huge is a length option whose buffers the old code allocated up front:
// 16 Mi points, 128 MiB of float64 per buffer. Large enough that an eager
// allocation cannot hide under the bound, small enough to fail a test
// rather than the machine.
const huge = 1 << 24

// boundedAlloc is what a detector may allocate for the 200-point series of
// these tests, whatever its options: its state grows with the points seen.
const boundedAlloc = 1 << 20

// absurdOptions are accepted option sets whose lengths are far beyond any
// series: each once sized a buffer (ring, season history, persistence ring).
func absurdOptions(n int) map[string]Options {
	return map[string]Options{
		"a z-score window":                 {Method: MethodZScore, Window: n},
		"a robust window":                  {Method: MethodRobust, Window: n},
		"a seasonal window":                {Method: MethodSeasonal, Window: n, Season: 4, Seasons: 2},
		"a season":                         {Method: MethodSeasonal, Window: 4, Season: n, Seasons: 1},
		"a number of seasons":              {Method: MethodSeasonal, Window: 4, Season: 2, Seasons: n},
		"a Holt-Winters season":            {Method: MethodHoltWinters, Season: n},
		"a persistence window":             {Method: MethodZScore, Window: 4, Persistence: Persistence{K: 2, N: n}},
		"a persistence count and window":   {Method: MethodRobust, Window: 4, Persistence: Persistence{K: n, N: n}},
		"persistence on Holt-Winters":      {Method: MethodHoltWinters, Season: 3, Persistence: Persistence{K: 2, N: n}},
		"an EWMA warm-up with persistence": {Method: MethodEWMA, Window: n, Persistence: Persistence{K: 3, N: n}},
	}
}

func TestDetectorsAllocateForThePointsTheySeeNotForTheirOptions(t *testing.T) {
	xs := daily(1, 200, 24)
	xs[150] += 50 // an anomaly, so events and persistence have work
	for name, o := range absurdOptions(huge) {
		t.Run(name, func(t *testing.T) {
			if got := allocated(func() {
				if _, err := Run(xs, o); err != nil && !errors.Is(err, ErrSeason) {
					t.Fatal(err)
				}
			}); got > boundedAlloc {
				t.Errorf("Run allocated %d bytes for %d points", got, len(xs))
			}
			if got := allocated(func() {
				d, err := newDetector(o)
				if err != nil {
					t.Fatal(err)
				}
				pts := make([]Point, len(xs))
				for i, x := range xs {
					pts[i] = d.Step(x)
				}
				Events(pts, o)
			}); got > boundedAlloc {
				t.Errorf("Step and Events allocated %d bytes for %d points", got, len(xs))
			}
		})
	}
}

func TestLengthOptionsBeyondMemoryDoNotPanic(t *testing.T) {
	xs := daily(2, 100, 24)
	for name, o := range absurdOptions(math.MaxInt / 4) {
		t.Run(name, func(t *testing.T) {
			d, err := newDetector(o)
			if errors.Is(err, ErrSeason) {
				return // seasons × season overflows: refused, not allocated
			}
			if err != nil {
				t.Fatal(err)
			}
			for _, x := range xs {
				d.Step(x)
			}
			if _, err := Run(xs, o); err != nil && !errors.Is(err, ErrSeason) {
				t.Fatal(err)
			}
		})
	}
}

func TestSeasonsTimesSeasonThatOverflowsIsErrSeason(t *testing.T) {
	for _, o := range []Options{
		{Method: MethodSeasonal, Window: 4, Season: math.MaxInt / 2, Seasons: 3},
		{Method: MethodHoltWinters, Season: math.MaxInt/2 + 1},
	} {
		if err := o.Validate(); !errors.Is(err, ErrSeason) {
			t.Errorf("%+v: %v, want ErrSeason", o, err)
		}
	}
}

func TestHoltWintersAndCUSUMAllocateForThePointsTheySee(t *testing.T) {
	xs := daily(3, 200, 24)
	if got := allocated(func() {
		hw, err := NewHoltWinters(Options{Season: huge})
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range xs {
			hw.Step(x)
		}
		hw.ForecastBand(3, 2)
	}); got > boundedAlloc {
		t.Errorf("Holt-Winters allocated %d bytes for %d points", got, len(xs))
	}
	if got := allocated(func() {
		c, err := NewCUSUM(huge, 0.5, 5)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range xs {
			c.Step(x)
		}
	}); got > boundedAlloc {
		t.Errorf("CUSUM allocated %d bytes for %d points", got, len(xs))
	}
}

func TestSeasonalReferencesListOnlySeasonsInsideTheSeries(t *testing.T) {
	xs := []float64{1, 2, 3, 4, 5, 6, 7}
	got := SeasonalReferences(xs, 6, 2, math.MaxInt/2)
	want := []float64{5, 3, 1}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %v, want %v", got, want)
		}
	}
}

// The interval of an h-step Holt-Winters forecast sums h − 1 terms; the
// whole horizon is one running sum, so a long horizon costs O(horizon), and
// each step equals ForecastBand's.
func TestForecastBandsEqualsForecastBandAtEveryStep(t *testing.T) {
	hw, err := NewHoltWinters(Options{Season: 24, Alpha: 0.3, Beta: 0.05, Gamma: 0.2})
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range daily(4, 24*5, 24) {
		hw.Step(x)
	}
	const horizon = 60
	yhat, lo, hi := make([]float64, horizon), make([]float64, horizon), make([]float64, horizon)
	hw.ForecastBands(1.96, yhat, lo, hi)
	for h := 1; h <= horizon; h++ {
		y, l, u := hw.ForecastBand(h, 1.96)
		if !near(yhat[h-1], y, 1e-12) || !near(lo[h-1], l, 1e-12) || !near(hi[h-1], u, 1e-12) {
			t.Fatalf("step %d: (%v, %v, %v), ForecastBand (%v, %v, %v)", h, yhat[h-1], lo[h-1], hi[h-1], y, l, u)
		}
	}
}
