package models

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

var errBadDuration = errors.New("not a duration")

var durationUnits = []struct {
	suffix string
	unit   time.Duration
}{
	// Longest suffixes first so "ms" is not read as "m" followed by junk.
	{"ms", time.Millisecond}, {"y", 365 * 24 * time.Hour}, {"w", 7 * 24 * time.Hour},
	{"d", 24 * time.Hour}, {"h", time.Hour}, {"m", time.Minute}, {"s", time.Second},
}

// ParseDuration reads a Prometheus duration ("90s", "1m30s", "2h", "1d", "500ms")
// or a bare number of seconds ("15", "0.5"). Units are those of PromQL.
func ParseDuration(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, fmt.Errorf("%w: empty", errBadDuration)
	}
	if secs, err := strconv.ParseFloat(s, 64); err == nil {
		if secs < 0 {
			return 0, fmt.Errorf("%w: %q is negative", errBadDuration, s)
		}
		return time.Duration(secs * float64(time.Second)), nil
	}
	var total time.Duration
	for rest := s; rest != ""; {
		i := 0
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			i++
		}
		if i == 0 {
			return 0, fmt.Errorf("%w: %q", errBadDuration, s)
		}
		n, _ := strconv.ParseInt(rest[:i], 10, 64)
		rest = rest[i:]
		matched := false
		for _, u := range durationUnits {
			if strings.HasPrefix(rest, u.suffix) {
				total += time.Duration(n) * u.unit
				rest = rest[len(u.suffix):]
				matched = true
				break
			}
		}
		if !matched {
			return 0, fmt.Errorf("%w: %q (use units ms, s, m, h, d, w, y)", errBadDuration, s)
		}
	}
	return total, nil
}

// FormatDuration writes d the way PromQL reads it: "1m30s", "250ms", "0s".
func FormatDuration(d time.Duration) string {
	if d <= 0 {
		return "0s"
	}
	var b strings.Builder
	for _, u := range durationUnits[1:] { // skip ms, written last
		if n := d / u.unit; n > 0 {
			b.WriteString(strconv.FormatInt(int64(n), 10) + u.suffix)
			d -= n * u.unit
		}
	}
	if ms := d / time.Millisecond; ms > 0 {
		b.WriteString(strconv.FormatInt(int64(ms), 10) + "ms")
	}
	return b.String()
}
