package slo

import (
	"testing"
	"time"
)

func TestNewPlan(t *testing.T) {
	at := time.Date(2026, 12, 7, 3, 17, 42, 0, time.UTC)
	def := SLO{ID: "e", Objective: 0.999, Window: RollingWindow(30 * 24 * time.Hour)}
	tests := []struct {
		name       string
		step       time.Duration
		reads      Reads
		end, start time.Time // instant, and the opening edge of the first bucket
	}{
		{"a summary at 5-minute buckets read at 03:17 ends its buckets at 03:17, as 1-minute rules do",
			5 * time.Minute, ReadsSummary, at.Truncate(time.Minute), at.Truncate(time.Minute).Add(-30 * 24 * time.Hour)},
		{"the alert reads the longest pair window (3 d) before the instant",
			5 * time.Minute, ReadsAlert, at.Truncate(time.Minute), at.Truncate(time.Minute).Add(-72 * time.Hour)},
		{"a step under a minute rounds the instant to the step",
			20 * time.Second, ReadsAlert, at.Truncate(20 * time.Second), at.Truncate(20 * time.Second).Add(-72 * time.Hour)},
		{"a window that is not a whole number of steps starts at the bucket end before it",
			7 * time.Minute, ReadsBurndown, at.Truncate(time.Minute), at.Truncate(time.Minute).Add(-30*24*time.Hour - 4*time.Minute)}, // 6,172 buckets of 7 m,
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := NewPlan(def, tt.step, tt.reads, at.Add(-time.Hour), at, 90*24*time.Hour)
			if !p.End.Equal(tt.end) || !p.Grid.End().Equal(tt.end) || !p.Grid.Start.Equal(tt.start) || p.Grid.Step != tt.step {
				t.Errorf("instant %v, grid %v … %v step %v; want %v, %v … %v step %v",
					p.End, p.Grid.Start, p.Grid.End(), p.Grid.Step, tt.end, tt.start, tt.end, tt.step)
			}
		})
	}
}
