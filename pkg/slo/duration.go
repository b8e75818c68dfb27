package slo

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// durationUnits in the only order ParseDuration accepts them (largest first).
var durationUnits = []struct {
	name string
	d    time.Duration
}{
	{"w", 7 * 24 * time.Hour},
	{"d", 24 * time.Hour},
	{"h", time.Hour},
	{"m", time.Minute},
	{"s", time.Second},
	{"ms", time.Millisecond},
}

// ParseDuration parses a Prometheus-style duration: one or more
// <integer><unit> terms with units w, d, h, m, s, ms in decreasing order,
// e.g. "30d", "1h30m", "2w". A day is 24 h and a week 7 d (no calendar
// meaning: calendar periods are Windows). Errors wrap ErrDuration.
func ParseDuration(s string) (time.Duration, error) {
	orig := s
	if s == "" {
		return 0, fmt.Errorf("%w: empty", ErrDuration)
	}
	if s == "0" {
		return 0, nil
	}
	var total time.Duration
	last := -1
	for s != "" {
		i := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == 0 || i > 18 {
			return 0, fmt.Errorf("%w: %q", ErrDuration, orig)
		}
		var n int64
		for _, c := range s[:i] {
			n = n*10 + int64(c-'0')
		}
		s = s[i:]
		u := -1
		for k, cand := range durationUnits {
			// "ms" must win over "m" when both prefix the rest.
			if strings.HasPrefix(s, cand.name) && (u < 0 || len(cand.name) > len(durationUnits[u].name)) {
				u = k
			}
		}
		if u < 0 || u <= last {
			return 0, fmt.Errorf("%w: %q", ErrDuration, orig)
		}
		last = u
		s = s[len(durationUnits[u].name):]
		d := durationUnits[u].d
		if n > math.MaxInt64/int64(d) || total > math.MaxInt64-time.Duration(n)*d {
			return 0, fmt.Errorf("%w: %q overflows", ErrDuration, orig)
		}
		total += time.Duration(n) * d
	}
	return total, nil
}

// FormatDuration writes d in the form ParseDuration reads, using d, h, m, s
// and ms ("30d", "1h30m", "0s"); ParseDuration(FormatDuration(d)) == d for
// every non-negative whole number of milliseconds. Sub-millisecond remainders
// are dropped; negative durations get a leading "-".
func FormatDuration(d time.Duration) string {
	if d == 0 {
		return "0s"
	}
	var b strings.Builder
	if d < 0 {
		b.WriteByte('-')
		if d == math.MinInt64 {
			d = math.MaxInt64
		} else {
			d = -d
		}
	}
	wrote := false
	for _, u := range durationUnits[1:] {
		if n := d / u.d; n > 0 {
			fmt.Fprintf(&b, "%d%s", n, u.name)
			d -= n * u.d
			wrote = true
		}
	}
	if !wrote {
		b.WriteString("0s")
	}
	return b.String()
}
