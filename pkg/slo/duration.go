package slo

import (
	"errors"
	"fmt"
	"time"

	"github.com/claudeenhancer/monitoring/pkg/promdur"
)

// ParseDuration parses a Prometheus-style duration: one or more
// <integer><unit> terms with units w, d, h, m, s, ms in decreasing order,
// e.g. "30d", "1h30m", "2w". A day is 24 h and a week 7 d (no calendar
// meaning: calendar periods are Windows); years are refused for the same
// reason. Errors wrap ErrDuration.
func ParseDuration(s string) (time.Duration, error) {
	d, err := promdur.Parse(s, promdur.Week)
	switch {
	case err == nil:
		return d, nil
	case s == "":
		return 0, fmt.Errorf("%w: empty", ErrDuration)
	case errors.Is(err, promdur.ErrOverflow):
		return 0, fmt.Errorf("%w: %q overflows", ErrDuration, s)
	default:
		return 0, fmt.Errorf("%w: %q", ErrDuration, s)
	}
}

// FormatDuration writes d in the form ParseDuration reads, using d, h, m, s
// and ms ("30d", "1h30m", "0s"); ParseDuration(FormatDuration(d)) == d for
// every non-negative whole number of milliseconds. Sub-millisecond remainders
// are dropped; negative durations get a leading "-".
func FormatDuration(d time.Duration) string { return promdur.Format(d, promdur.Day) }
