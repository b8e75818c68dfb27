package models

import (
	"testing"
	"time"

	"github.com/claudeenhancer/monitoring/pkg/promdur"
)

func TestFormatDurationRoundTrips(t *testing.T) {
	for _, d := range []time.Duration{time.Second, 90 * time.Second, 250 * time.Millisecond, 25 * time.Hour, 8 * 24 * time.Hour, 1500 * time.Millisecond} {
		s := FormatDuration(d)
		back, err := promdur.ParseOrSeconds(s)
		if err != nil || back != d {
			t.Errorf("FormatDuration(%v) = %q, which parses back to %v, %v", d, s, back, err)
		}
	}
	if got := FormatDuration(0); got != "0s" {
		t.Errorf("FormatDuration(0) = %q", got)
	}
}
