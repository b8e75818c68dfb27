package prom

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestRangeValidate(t *testing.T) {
	t0 := time.Unix(1764201600, 0)
	tests := []struct {
		name    string
		r       Range
		points  int64
		wantMsg string // empty when valid
	}{
		{"a five-minute range at 15 s has 21 points", Range{t0, t0.Add(5 * time.Minute), 15 * time.Second}, 21, ""},
		{"a range of one instant has one point", Range{t0, t0, time.Second}, 1, ""},
		{"a step that does not divide the range rounds the count down", Range{t0, t0.Add(10 * time.Second), 3 * time.Second}, 4, ""},
		{"11,000 steps (11,001 points) is Prometheus' limit and allowed", Range{t0, t0.Add(11000 * time.Second), time.Second}, 11001, ""},
		{"one step more is refused with the point count", Range{t0, t0.Add(11001 * time.Second), time.Second}, 11002, "11002 points per series"},
		{"a day at 1 s is refused with the smallest step that works", Range{t0, t0.Add(24 * time.Hour), time.Second}, 86401, "use a step of at least 8s"},
		{"a zero step is refused", Range{t0, t0.Add(time.Hour), 0}, 0, "step must be positive"},
		{"a negative step is refused", Range{t0, t0.Add(time.Hour), -time.Second}, 0, "step must be positive"},
		{"end before start is refused", Range{t0, t0.Add(-time.Second), time.Second}, 0, "is before start"},
		{"a zero start is refused", Range{time.Time{}, t0, time.Second}, 9223372037, "start and end are required"}, // End.Sub(Start) saturates at 292 years,
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.r.Points(); got != tt.points {
				t.Errorf("Points() = %d, want %d", got, tt.points)
			}
			err := tt.r.Validate()
			if tt.wantMsg == "" {
				if err != nil {
					t.Errorf("Validate() = %v, want nil", err)
				}
				return
			}
			if !errors.Is(err, ErrInvalidRange) || !strings.Contains(err.Error(), tt.wantMsg) || IsUpstream(err) {
				t.Errorf("Validate() = %v, want ErrInvalidRange mentioning %q", err, tt.wantMsg)
			}
		})
	}
}

func TestFormatTime(t *testing.T) {
	tests := []struct {
		name string
		t    time.Time
		want string
	}{
		{"whole seconds have no fraction", time.UnixMilli(1764201600000), "1764201600"},
		{"milliseconds keep three digits", time.UnixMilli(1764201600123), "1764201600.123"},
		{"trailing zeros are trimmed", time.UnixMilli(1764201600120), "1764201600.12"},
		{"leading zeros of the fraction are kept", time.UnixMilli(1764201600005), "1764201600.005"},
		{"sub-millisecond precision is dropped", time.Unix(1764201600, 123999999), "1764201600.123"},
		{"the epoch is 0", time.Unix(0, 0), "0"},
		{"times before the epoch keep their sign", time.UnixMilli(-1500), "-1.5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := formatTime(tt.t); got != tt.want {
				t.Errorf("formatTime = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestFormatStep(t *testing.T) {
	for d, want := range map[time.Duration]string{15 * time.Second: "15", 500 * time.Millisecond: "0.5", time.Hour: "3600", time.Millisecond: "0.001"} {
		if got := formatStep(d); got != want {
			t.Errorf("formatStep(%v) = %q, want %q", d, got, want)
		}
	}
}
