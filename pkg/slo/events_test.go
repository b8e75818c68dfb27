package slo

import (
	"math"
	"testing"
	"time"
)

// minutes returns sample times every minute from t0, in Unix ms.
func minutes(n int) []int64 {
	ts := make([]int64, n)
	for i := range ts {
		ts[i] = t0.Add(time.Duration(i) * time.Minute).UnixMilli()
	}
	return ts
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
