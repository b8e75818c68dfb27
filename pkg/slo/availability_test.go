package slo

import (
	"math"
	"testing"
	"time"
)

func TestAvailabilityEvents(t *testing.T) {
	// A target missing for 29 of 90 minutes, up otherwise. promtool:
	// sum_over_time/count_over_time = 1.0 (gaps ignored); with gaps as down
	// 62/90 from an inclusive (Prometheus 2) range on the grid, 61/90 when
	// the expected samples are counted exactly.
	n := 90
	times := minutes(n + 1)[1:] // samples at 1m … 90m: slots (0, 90m]
	values := make([]float64, n)
	for i := range values {
		values[i] = 1
		if i >= 30 && i < 59 {
			values[i] = math.NaN()
		}
	}
	g := Grid{Start: t0, Step: 5 * time.Minute, N: 18}
	cases := []struct {
		name   string
		policy GapPolicy
		sli    float64
		down   float64 // seconds
	}{
		{"ignored gaps leave the SLI at 1", GapsIgnored, 1, 0},
		{"gaps as down cost 29 of 90 minutes", GapsAsDown, 61.0 / 90, 29 * 60},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e, err := AvailabilityEvents(times, values, time.Minute, g, c.policy)
			if err != nil {
				t.Fatal(err)
			}
			tl := mustLedger(t, e).Tally(t0, g.End())
			assertNear(t, "SLI", tl.SLI(), c.sli, 1e-12)
			assertNear(t, "down seconds", tl.Bad, c.down, 1e-12)
		})
	}

	t.Run("history before the first sample is missing, not down", func(t *testing.T) {
		vals := []float64{math.NaN(), math.NaN(), 1, 1}
		e, err := AvailabilityEvents(minutes(5)[1:], vals, time.Minute, Grid{Start: t0, Step: time.Minute, N: 4}, GapsAsDown)
		if err != nil {
			t.Fatal(err)
		}
		if !math.IsNaN(e.Total[0]) || !math.IsNaN(e.Total[1]) || e.Total[2] != 60 || e.Good[3] != 60 {
			t.Fatalf("totals %v goods %v", e.Total, e.Good)
		}
	})
	t.Run("a target that stops reporting is down until now under gaps-as-down", func(t *testing.T) {
		e, _ := AvailabilityEvents(minutes(3)[1:], []float64{1, 1}, time.Minute, Grid{Start: t0, Step: time.Minute, N: 5}, GapsAsDown)
		tl := mustLedger(t, e).Tally(t0, t0.Add(5*time.Minute))
		assertNear(t, "down seconds", tl.Bad, 180, 0)
	})
	t.Run("a share of targets up counts partially", func(t *testing.T) {
		e, _ := AvailabilityEvents(minutes(3)[1:], []float64{0.5, 1}, time.Minute, Grid{Start: t0, Step: 2 * time.Minute, N: 1}, GapsAsDown)
		assertNear(t, "up seconds", e.Good[0], 90, 0)
	})
	t.Run("slots split exactly across misaligned bucket edges", func(t *testing.T) {
		// 40 s samples over 60 s buckets: 9 slots = 360 s = 6 buckets.
		ts := make([]int64, 9)
		vs := make([]float64, 9)
		for i := range ts {
			ts[i] = t0.Add(time.Duration(40*(i+1)) * time.Second).UnixMilli()
			vs[i] = 1
		}
		vs[4] = 0 // slot (160 s, 200 s]: 20 s in bucket 2, 20 s in bucket 3
		e, _ := AvailabilityEvents(ts, vs, 40*time.Second, Grid{Start: t0, Step: time.Minute, N: 6}, GapsAsDown)
		for i, want := range []float64{60, 60, 40, 40, 60, 60} {
			if e.Total[i] != 60 || e.Good[i] != want {
				t.Errorf("bucket %d = %v/%v, want %v/60", i, e.Good[i], e.Total[i], want)
			}
		}
	})
}
