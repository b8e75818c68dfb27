package prom

import (
	"math"
	"strconv"
)

// maxSeconds keeps seconds·1000 + 999 within int64.
const maxSeconds = (math.MaxInt64 - 999) / 1000

// parseMillis converts a JSON number of Unix seconds, as Prometheus writes
// sample timestamps ("1764201600", "1764201600.5", "1764201600.123"), into
// Unix milliseconds without a float64 round trip, so no ms is ever lost to
// rounding. Fraction digits beyond the third are truncated toward zero
// (Prometheus never sends them; "1.2349" → 1234). Exponent forms ("1.7e9")
// fall back to float64, rounded to the nearest ms. ok is false for anything
// that is not a JSON number or does not fit in int64 milliseconds.
func parseMillis(b []byte) (ms int64, ok bool) {
	i, neg := 0, false
	if len(b) > 0 && b[0] == '-' {
		neg, i = true, 1
	}
	start := i
	var sec int64
	for ; i < len(b) && b[i] >= '0' && b[i] <= '9'; i++ {
		if sec > maxSeconds/10 {
			return 0, false
		}
		sec = sec*10 + int64(b[i]-'0')
	}
	if i == start || sec > maxSeconds || b[start] == '0' && i-start > 1 {
		return 0, false
	}
	ms = sec * 1000
	if i < len(b) && b[i] == '.' {
		i++
		fracStart := i
		for scale := int64(100); i < len(b) && b[i] >= '0' && b[i] <= '9'; i++ {
			ms += int64(b[i]-'0') * scale
			scale /= 10 // 0 after the third digit: the rest is truncated
		}
		if i == fracStart {
			return 0, false
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		return parseMillisFloat(b)
	}
	if i != len(b) {
		return 0, false
	}
	if neg {
		ms = -ms
	}
	return ms, true
}

// parseMillisFloat is parseMillis' slow path for exponent forms.
func parseMillisFloat(b []byte) (int64, bool) {
	if !validNumber(b) {
		return 0, false
	}
	f, err := strconv.ParseFloat(string(b), 64)
	ms := math.Round(f * 1000)
	if err != nil || ms >= math.MaxInt64 || ms < math.MinInt64 {
		return 0, false
	}
	return int64(ms), true
}

// parseValue converts a sample value string: a Go float ("0.123", "1e-3"),
// "NaN", "+Inf", "-Inf" or "Inf", as Prometheus formats them. It accepts
// exactly what strconv.ParseFloat accepts, with the same result bit for
// bit, like the official Go client. Plain decimals take parseDecimal's
// fast path; the rest go to ParseFloat, where string(b) does not allocate
// for values up to 32 bytes because ParseFloat does not retain its
// argument (BenchmarkDecodeMatrix1M checks this via allocs/point).
func parseValue(b []byte) (float64, bool) {
	if f, ok := parseDecimal(b); ok {
		return f, true
	}
	f, err := strconv.ParseFloat(string(b), 64)
	return f, err == nil
}

// pow10 holds the powers of ten that float64 represents exactly.
var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// parseDecimal is Clinger's fast path for [+-]?digits[.digits]: when the
// digits, read as an integer m, satisfy m ≤ 2^53 and there are at most 22
// fraction digits f, both m and 10^f are exact float64s, so the one
// correctly rounded division m/10^f is the correctly rounded value of the
// decimal, which is what strconv.ParseFloat returns. ok is false for any
// other input (exponents, NaN, Inf, long mantissas), which the caller
// hands to ParseFloat.
func parseDecimal(b []byte) (f float64, ok bool) {
	i, neg := 0, false
	if len(b) > 0 && (b[0] == '-' || b[0] == '+') {
		neg, i = b[0] == '-', 1
	}
	var m uint64
	digits, frac, dot := 0, 0, false
	for ; i < len(b); i++ {
		switch c := b[i]; {
		case c >= '0' && c <= '9':
			m = m*10 + uint64(c-'0')
			if m > 1<<53 {
				return 0, false
			}
			digits++
			if dot {
				frac++
			}
		case c == '.' && !dot:
			dot = true
		default:
			return 0, false
		}
	}
	if digits == 0 || frac >= len(pow10) {
		return 0, false
	}
	f = float64(m) / pow10[frac]
	if neg {
		f = -f
	}
	return f, true
}

// validNumber reports whether b matches the JSON number grammar
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?.
func validNumber(b []byte) bool {
	i := 0
	if i < len(b) && b[i] == '-' {
		i++
	}
	digits := func() int {
		n := 0
		for ; i < len(b) && b[i] >= '0' && b[i] <= '9'; i++ {
			n++
		}
		return n
	}
	if i < len(b) && b[i] == '0' {
		i++
	} else if digits() == 0 {
		return false
	}
	if i < len(b) && b[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(b)
}
