package detect

import (
	"math"
	"reflect"
	"testing"
)

func TestBandEventsAreTheEventsOfRun(t *testing.T) {
	xs := daily(9, 24*10, 24)
	xs[24*8+6] = 5
	xs[24*9+3], xs[24*9+4] = 40, math.NaN()
	for _, o := range []Options{
		{Method: MethodRobust, Window: 12},
		{Method: MethodSeasonal, Season: 24, Seasons: 3, Window: 12},
		{Method: MethodZScore, Window: 12, Persistence: Persistence{K: 2, N: 3}},
	} {
		pts, err := Run(xs, o)
		if err != nil {
			t.Fatal(err)
		}
		b := MakeBands(len(xs))
		if err := RunBands(xs, o, b); err != nil {
			t.Fatal(err)
		}
		if got, want := BandEvents(xs, b, o), Events(pts, o); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: BandEvents %+v, Events %+v", o.Method, got, want)
		}
	}
}

func TestSeasonalWarmupEndsWhenTheFirstReferenceExists(t *testing.T) {
	xs := []float64{math.NaN(), math.NaN(), 1, 2, 3, 4, 5, 6}
	seasonal := Options{Method: MethodSeasonal, Season: 3}
	for _, c := range []struct {
		name string
		xs   []float64
		o    Options
		want int
	}{
		{"history starts at index 2: the first reference exists at 5", xs, seasonal, 5},
		{"a method without seasons has no seasonal warm-up", xs, Options{Method: MethodRobust}, 0},
		{"no value: all of it is warm-up", []float64{math.NaN(), math.NaN()}, seasonal, 2},
		{"the season outlasts the series", xs[:4], seasonal, 4},
		{"Holt-Winters initialises on its first Seasons·Season points", xs, Options{Method: MethodHoltWinters, Season: 2, Seasons: 3}, 6},
		{"Holt-Winters: one season after a late first value when that is later", append([]float64{math.NaN(), math.NaN(), math.NaN()}, xs...), Options{Method: MethodHoltWinters, Season: 2, Seasons: 2}, 7},
	} {
		if got := SeasonalWarmup(c.xs, c.o); got != c.want {
			t.Errorf("%s: %d, want %d", c.name, got, c.want)
		}
	}
}
