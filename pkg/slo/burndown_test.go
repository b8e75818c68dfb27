package slo

import (
	"math"
	"testing"
	"time"
)

func TestBurndown(t *testing.T) {
	t.Run("a rolling burndown falls from 1 to the summary's remaining budget", func(t *testing.T) {
		s := ratioSLO("api", 0.999, RollingWindow(day))
		e := constant(t0.Add(-day), time.Minute, 1440, 100, 0.0005)
		setRatio(e, 700, 760, 0.01)
		l := mustLedger(t, e)
		pts, err := Burndown(s, l, t0, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		sum, _ := Summarize(s, l, t0, Options{})
		if len(pts) != 25 || !pts[0].T.Equal(t0.Add(-day)) || !pts[24].T.Equal(t0) {
			t.Fatalf("%d points from %v to %v", len(pts), pts[0].T, pts[len(pts)-1].T)
		}
		assertNear(t, "first remaining", pts[0].Remaining, 1, 0)
		assertNear(t, "first ideal", pts[0].Ideal, 1, 0)
		assertNear(t, "last ideal", pts[24].Ideal, 0, 1e-12)
		assertNear(t, "last remaining", pts[24].Remaining, sum.Budget.Ratio, 1e-12)
		for i := 1; i < len(pts); i++ {
			if pts[i].Remaining > pts[i-1].Remaining {
				t.Fatalf("the burndown rose at %v", pts[i].T)
			}
		}
	})
	t.Run("a calendar burndown draws the ideal line to the period end", func(t *testing.T) {
		s := ratioSLO("api", 0.999, CalendarWindow(Week, nil))
		now := t0.Add(3 * day) // Thursday 00:00 of t0's week
		e := constant(t0, time.Hour, 72, 1000, 0.0005)
		pts, err := Burndown(s, mustLedger(t, e), now, 12*time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		if len(pts) != 15 || !pts[14].T.Equal(t0.Add(7*day)) {
			t.Fatalf("%d points, last %v", len(pts), pts[len(pts)-1].T)
		}
		// 3 of 7 days at half the allowed ratio: 3/7 × ½ spent.
		assertNear(t, "remaining now", pts[6].Remaining, 1-3.0/14, 1e-12)
		assertNear(t, "ideal now", pts[6].Ideal, 1-3.0/7, 1e-12)
		if !math.IsNaN(pts[7].Remaining) || pts[14].Ideal != 0 {
			t.Fatalf("future points: %+v %+v", pts[7], pts[14])
		}
	})
	t.Run("points before the history starts are blank", func(t *testing.T) {
		s := ratioSLO("api", 0.999, RollingWindow(day))
		e := constant(t0.Add(-6*time.Hour), time.Minute, 360, 100, 0)
		pts, _ := Burndown(s, mustLedger(t, e), t0, 6*time.Hour)
		if len(pts) != 5 || !math.IsNaN(pts[2].Remaining) || pts[3].Remaining != 1 || pts[4].Remaining != 1 {
			t.Fatalf("%+v", pts)
		}
	})
	t.Run("now off the stride still ends the curve", func(t *testing.T) {
		s := ratioSLO("api", 0.999, RollingWindow(time.Hour))
		e := constant(t0.Add(-2*time.Hour), time.Minute, 120, 100, 0)
		pts, _ := Burndown(s, mustLedger(t, e), t0.Add(-7*time.Minute), 25*time.Minute)
		if last := pts[len(pts)-1]; !last.T.Equal(t0.Add(-7*time.Minute)) || last.Ideal != 0 {
			t.Fatalf("%+v", pts)
		}
	})
}
