package slo

import (
	"errors"
	"math"
	"testing"
	"time"

	"github.com/claudeenhancer/monitoring/pkg/internal/kahan"
)

// minutes returns sample times every minute from t0, in Unix ms.
func minutes(n int) []int64 {
	ts := make([]int64, n)
	for i := range ts {
		ts[i] = t0.Add(time.Duration(i) * time.Minute).UnixMilli()
	}
	return ts
}

func sum(xs []float64) float64 {
	var k kahan.Sum
	for _, x := range xs {
		if !math.IsNaN(x) {
			k.Add(x)
		}
	}
	return k.Value()
}

func TestCounterIncreases(t *testing.T) {
	g := Grid{Start: t0, Step: time.Minute, N: 20}
	nan := math.NaN()
	resetValues := make([]float64, 0, 21)
	for i := 0; i <= 10; i++ {
		resetValues = append(resetValues, float64(100*i))
	}
	for i := 0; i < 10; i++ {
		resetValues = append(resetValues, float64(50+100*i))
	}
	lateBorn := []float64{nan, nan, nan, nan, nan, nan, nan, nan, nan, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5}
	cases := []struct {
		name   string
		times  []int64
		values []float64
		first  FirstSample
		total  float64 // sum of every bucket
		check  func(t *testing.T, inc []float64)
	}{
		{
			// promtool fixture of the brief, §11.7: '0+100x10 50+100x9' ⇒ increase[20m] = 1950.
			name: "a counter reset counts the new value from zero", times: minutes(21), values: resetValues, total: 1950,
			check: func(t *testing.T, inc []float64) {
				if inc[10] != 50 {
					t.Errorf("bucket of the reset = %v, want 50 (the new value)", inc[10])
				}
			},
		},
		{
			// promtool fixture of the brief, §11.7: '_x9 5x10' ⇒ increase[20m] = 0.
			name: "a late-born series loses its first increment, as in Prometheus", times: minutes(20), values: lateBorn, total: 0,
			check: func(t *testing.T, inc []float64) {
				if !math.IsNaN(inc[7]) || inc[8] != 0 {
					t.Errorf("buckets before birth must be missing and the birth bucket 0: %v", inc[:10])
				}
			},
		},
		{
			name: "a late-born series born inside the range can count from zero", times: minutes(20), values: lateBorn,
			first: FirstSampleFromZero, total: 5,
			check: func(t *testing.T, inc []float64) {
				if inc[8] != 5 {
					t.Errorf("birth bucket = %v, want 5", inc[8])
				}
			},
		},
		{
			name:   "a scrape gap's increase lands where scraping resumes and the gap is accounted for",
			times:  minutes(8),
			values: []float64{0, 10, 20, nan, nan, nan, nan, 70}, total: 70,
			check: func(t *testing.T, inc []float64) {
				want := []float64{10, 10, 0, 0, 0, 0, 50}
				for i, w := range want {
					if inc[i] != w {
						t.Errorf("bucket %d = %v, want %v", i, inc[i], w)
					}
				}
				if !math.IsNaN(inc[7]) {
					t.Errorf("bucket after the last sample = %v, want NaN (no data)", inc[7])
				}
			},
		},
		{
			name:   "a sample before the grid is a baseline only",
			times:  []int64{t0.Add(-30 * time.Second).UnixMilli(), t0.Add(30 * time.Second).UnixMilli()},
			values: []float64{1000, 1004}, total: 4,
			check: func(t *testing.T, inc []float64) {
				if inc[0] != 4 {
					t.Errorf("bucket 0 = %v, want 4", inc[0])
				}
			},
		},
		{
			name:   "a sample exactly on a bucket end belongs to the bucket it closes",
			times:  []int64{t0.UnixMilli(), t0.Add(time.Minute).UnixMilli()},
			values: []float64{0, 3}, total: 3,
			check: func(t *testing.T, inc []float64) {
				if inc[0] != 3 || !math.IsNaN(inc[1]) {
					t.Errorf("buckets %v", inc[:2])
				}
			},
		},
		{
			name:  "increases after the grid end are dropped but the grid's tail is accounted for",
			times: []int64{t0.Add(18 * time.Minute).UnixMilli(), t0.Add(25 * time.Minute).UnixMilli()}, values: []float64{1, 9}, total: 0,
			check: func(t *testing.T, inc []float64) {
				if inc[19] != 0 || inc[17] != 0 {
					t.Errorf("tail %v", inc[16:])
				}
			},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			inc, err := CounterIncreases(c.times, c.values, g, c.first)
			if err != nil {
				t.Fatal(err)
			}
			if got := sum(inc); got != c.total {
				t.Errorf("sum of increases = %v, want %v", got, c.total)
			}
			c.check(t, inc)
		})
	}
	t.Run("times that do not increase are refused", func(t *testing.T) {
		_, err := CounterIncreases([]int64{2, 1}, []float64{0, 1}, g, FirstSampleSkipped)
		if !errors.Is(err, ErrInput) {
			t.Fatal(err)
		}
	})
}

func TestSumIncreases(t *testing.T) {
	nan := math.NaN()
	got, err := SumIncreases([]float64{1, nan, nan}, []float64{2, 3, nan})
	if err != nil {
		t.Fatal(err)
	}
	if got[0] != 3 || got[1] != 3 || !math.IsNaN(got[2]) {
		t.Fatalf("a bucket is missing only when every series misses it: %v", got)
	}
	if _, err := SumIncreases([]float64{1}, []float64{1, 2}); !errors.Is(err, ErrInput) {
		t.Fatal("lengths must agree")
	}
}

func TestEventsFromBad(t *testing.T) {
	nan := math.NaN()
	g := Grid{Start: t0, Step: time.Minute, N: 4}
	e, err := EventsFromBad(g, []float64{nan, nan, 2, nan}, []float64{nan, 10, 10, 0})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name        string
		i           int
		good, total float64
	}{
		{"a bucket without total is missing", 0, nan, nan},
		{"an error series not born yet means no errors", 1, 10, 10},
		{"bad events are subtracted from total", 2, 8, 10},
		{"zero traffic stays zero traffic, not missing", 3, 0, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if !near(e.Good[c.i], c.good, 0) || !near(e.Total[c.i], c.total, 0) {
				t.Fatalf("bucket %d = %v/%v, want %v/%v", c.i, e.Good[c.i], e.Total[c.i], c.good, c.total)
			}
		})
	}
}

func TestEventsFromBuckets(t *testing.T) {
	g := Grid{Start: t0, Step: 5 * time.Minute, N: 3}
	e, err := EventsFromBuckets([]Bucket{{Start: t0.Add(10 * time.Minute), Good: 9, Total: 10}, {Start: t0.Add(time.Hour), Good: 1, Total: 1}}, g)
	if err != nil {
		t.Fatal(err)
	}
	if !math.IsNaN(e.Total[0]) || e.Total[2] != 10 || e.Good[2] != 9 {
		t.Fatalf("sparse buckets misplaced: %+v", e)
	}
	if _, err := EventsFromBuckets([]Bucket{{Start: t0.Add(time.Minute)}}, g); !errors.Is(err, ErrInput) {
		t.Fatal("an off-grid bucket must be refused")
	}
	if _, err := EventsFromBuckets([]Bucket{{Start: t0}, {Start: t0}}, g); !errors.Is(err, ErrInput) {
		t.Fatal("a duplicate bucket must be refused")
	}
}
