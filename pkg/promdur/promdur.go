// Package promdur reads and writes durations as PromQL spells them: "1h30m",
// "30d", "500ms". It is pure and imports nothing of the plugin, so both the
// domain packages (slo) and the query models can use it.
package promdur

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Unit lengths beyond the hour. As in Prometheus they have no calendar
// meaning: a day is 24 h, a week 7 d and a year 365 d.
const (
	Day  = 24 * time.Hour
	Week = 7 * Day
	Year = 365 * Day
)

var (
	// ErrSyntax reports a string that is not a duration in the accepted form.
	ErrSyntax = errors.New("not a duration")
	// ErrOverflow reports a duration longer than time.Duration holds.
	ErrOverflow = errors.New("duration overflows")
)

// units are PromQL's, largest first: the order Parse requires and Format writes.
var units = []struct {
	suffix string
	length time.Duration
}{
	{"y", Year}, {"w", Week}, {"d", Day},
	{"h", time.Hour}, {"m", time.Minute}, {"s", time.Second}, {"ms", time.Millisecond},
}

// unitIndex is the index in units of the unit of this length; it panics on a
// length that is not a unit (a programming error in the caller).
func unitIndex(length time.Duration) int {
	for k, u := range units {
		if u.length == length {
			return k
		}
	}
	panic(fmt.Sprintf("promdur: %v is not a duration unit", length))
}

// term reads one <integer><unit> term from the front of s: how many digits
// the integer has, its value (clamped to math.MaxInt64 as strconv does), the
// unit's index in units and what follows. ok is false when s does not start
// with digits followed by a unit.
func term(s string) (digits int, n int64, u int, rest string, ok bool) {
	for digits < len(s) && s[digits] >= '0' && s[digits] <= '9' {
		digits++
	}
	if digits == 0 {
		return 0, 0, 0, s, false
	}
	n, _ = strconv.ParseInt(s[:digits], 10, 64)
	rest = s[digits:]
	u = -1
	for k, cand := range units {
		// "ms" must win over "m" when both prefix the rest.
		if strings.HasPrefix(rest, cand.suffix) && (u < 0 || len(cand.suffix) > len(units[u].suffix)) {
			u = k
		}
	}
	if u < 0 {
		return digits, n, 0, rest, false
	}
	return digits, n, u, rest[len(units[u].suffix):], true
}

// Parse reads a duration in PromQL's strict form: one or more <integer><unit>
// terms, each unit at most once and largest first ("30d", "1h30m", "1m500ms"),
// or a bare "0". Units larger than largest (one of Year, Week, Day,
// time.Hour, …) are refused, as are fractions, signs and white space.
// Errors wrap ErrSyntax or ErrOverflow.
func Parse(s string, largest time.Duration) (time.Duration, error) {
	if s == "" {
		return 0, fmt.Errorf("%w: empty", ErrSyntax)
	}
	if s == "0" {
		return 0, nil
	}
	first := unitIndex(largest)
	var total time.Duration
	last := -1
	for rest := s; rest != ""; {
		digits, n, u, next, ok := term(rest)
		if !ok || digits > 18 || u < first || u <= last {
			return 0, fmt.Errorf("%w: %q", ErrSyntax, s)
		}
		last, rest = u, next
		d := units[u].length
		if n > math.MaxInt64/int64(d) || total > math.MaxInt64-time.Duration(n)*d {
			return 0, fmt.Errorf("%w: %q", ErrOverflow, s)
		}
		total += time.Duration(n) * d
	}
	return total, nil
}

// ParseOrSeconds is the lenient form for user-typed steps and intervals: a
// non-negative number of seconds ("15", "0.5"), or <integer><unit> terms with
// any of PromQL's units in any order ("90s", "1m30s", "2h", "1d", "500ms").
// Surrounding white space is ignored. Terms are summed without an overflow
// check. Errors wrap ErrSyntax.
func ParseOrSeconds(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, fmt.Errorf("%w: empty", ErrSyntax)
	}
	if secs, err := strconv.ParseFloat(s, 64); err == nil {
		if secs < 0 {
			return 0, fmt.Errorf("%w: %q is negative", ErrSyntax, s)
		}
		return time.Duration(secs * float64(time.Second)), nil
	}
	var total time.Duration
	for rest := s; rest != ""; {
		_, n, u, next, ok := term(rest)
		if !ok {
			return 0, fmt.Errorf("%w: %q (use units ms, s, m, h, d, w, y)", ErrSyntax, s)
		}
		total += time.Duration(n) * units[u].length
		rest = next
	}
	return total, nil
}

// Format writes d as Parse reads it, with units no larger than largest (one
// of Year, Week, Day, time.Hour, …), largest first: "1h30m", "250ms", "30d".
// Sub-millisecond remainders are dropped, so less than a millisecond is
// "0s"; a negative duration gets a leading "-" ("-0s" for less than a
// millisecond below zero). For every
// non-negative whole number of milliseconds,
// Parse(Format(d, largest), largest) == d.
func Format(d, largest time.Duration) string {
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
	for _, u := range units[unitIndex(largest):] {
		if n := d / u.length; n > 0 {
			b.WriteString(strconv.FormatInt(int64(n), 10) + u.suffix)
			d -= n * u.length
			wrote = true
		}
	}
	if !wrote {
		b.WriteString("0s")
	}
	return b.String()
}

// Ceil rounds d up to a whole multiple of unit (unit > 0).
func Ceil(d, unit time.Duration) time.Duration {
	return (d + unit - 1) / unit * unit
}

// AlignDown rounds t down to a multiple of d (whole milliseconds, > 0)
// since the Unix epoch, in UTC: how Prometheus steps, Grafana's range
// snapping and the SLO bucket grid are aligned, so queries ending at the
// same instant evaluate at the same instants.
func AlignDown(t time.Time, d time.Duration) time.Time {
	ms, step := t.UnixMilli(), d.Milliseconds()
	q := ms / step
	if ms%step != 0 && ms < 0 {
		q--
	}
	return time.UnixMilli(q * step).UTC()
}
