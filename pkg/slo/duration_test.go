package slo

import (
	"errors"
	"testing"
	"time"
)

func TestParseDuration(t *testing.T) {
	cases := []struct {
		name string
		in   string
		want time.Duration
		err  bool
	}{
		{"a day is 24 hours", "1d", 24 * time.Hour, false},
		{"30d is the seed's availability period", "30d", 720 * time.Hour, false},
		{"a week is seven days", "2w", 14 * 24 * time.Hour, false},
		{"terms combine in decreasing order", "1h30m", 90 * time.Minute, false},
		{"milliseconds are not minutes", "1m500ms", time.Minute + 500*time.Millisecond, false},
		{"a bare zero is zero", "0", 0, false},
		{"units out of order are refused", "30m1h", 0, true},
		{"a repeated unit is refused", "1h1h", 0, true},
		{"fractions are refused, as in Prometheus", "1.5h", 0, true},
		{"a missing unit is refused", "30", 0, true},
		{"years are refused: they have no fixed length", "1y", 0, true},
		{"an empty string is refused", "", 0, true},
		{"an overflow is refused", "999999999999999999w", 0, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := ParseDuration(c.in)
			if c.err {
				if !errors.Is(err, ErrDuration) {
					t.Fatalf("ParseDuration(%q) error = %v, want ErrDuration", c.in, err)
				}
				return
			}
			if err != nil || got != c.want {
				t.Fatalf("ParseDuration(%q) = %v, %v; want %v", c.in, got, err, c.want)
			}
		})
	}
}

func TestFormatDuration(t *testing.T) {
	cases := []struct {
		name string
		in   time.Duration
		want string
	}{
		{"whole days print as days", 30 * 24 * time.Hour, "30d"},
		{"a week prints as seven days", 7 * 24 * time.Hour, "7d"},
		{"mixed units print largest first", 26*time.Hour + 30*time.Second, "1d2h30s"},
		{"zero prints as 0s", 0, "0s"},
		{"milliseconds survive", 1500 * time.Millisecond, "1s500ms"},
		{"43.2 minutes of downtime prints exactly", 43*time.Minute + 12*time.Second, "43m12s"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := FormatDuration(c.in); got != c.want {
				t.Fatalf("FormatDuration(%v) = %q, want %q", c.in, got, c.want)
			}
			if back, err := ParseDuration(c.want); err != nil || back != c.in {
				t.Fatalf("round trip of %q = %v, %v", c.want, back, err)
			}
		})
	}
}
