package models

import (
	"testing"
	"time"
)

func TestParseDuration(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"15s", 15 * time.Second, true},
		{"1m30s", 90 * time.Second, true},
		{"500ms", 500 * time.Millisecond, true},
		{"1d", 24 * time.Hour, true},
		{"2w", 14 * 24 * time.Hour, true},
		{"1h5m", 65 * time.Minute, true},
		{"30", 30 * time.Second, true},
		{"0.5", 500 * time.Millisecond, true},
		{"", 0, false},
		{"-5", 0, false},
		{"5x", 0, false},
		{"m", 0, false},
		{"1.5m", 0, false},
	}
	for _, tt := range tests {
		got, err := ParseDuration(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v, ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestFormatDurationRoundTrips(t *testing.T) {
	for _, d := range []time.Duration{time.Second, 90 * time.Second, 250 * time.Millisecond, 25 * time.Hour, 8 * 24 * time.Hour, 1500 * time.Millisecond} {
		s := FormatDuration(d)
		back, err := ParseDuration(s)
		if err != nil || back != d {
			t.Errorf("FormatDuration(%v) = %q, which parses back to %v, %v", d, s, back, err)
		}
	}
	if got := FormatDuration(0); got != "0s" {
		t.Errorf("FormatDuration(0) = %q", got)
	}
}
