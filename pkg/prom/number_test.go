package prom

import (
	"math"
	"strconv"
	"testing"
)

func TestParseMillis(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"1764201600", 1764201600000, true},
		{"1764201600.1", 1764201600100, true},
		{"1764201600.12", 1764201600120, true},
		{"1764201600.123", 1764201600123, true},
		{"1764201600.1239", 1764201600123, true}, // truncated, not rounded
		{"1764201600.000999999", 1764201600000, true},
		{"0", 0, true},
		{"0.001", 1, true},
		{"-1.5", -1500, true},
		{"-0.0019", -1, true}, // truncated toward zero
		{"1.764201600123e9", 1764201600123, true},
		{"1764201600123E-3", 1764201600123, true},
		{"9223372036854774.999", 9223372036854774999, true}, // the largest accepted
		{"9223372036854775", 0, false},                      // .999 more would overflow int64 ms
		{"1e20", 0, false},
		{"", 0, false},
		{"-", 0, false},
		{"01", 0, false},
		{"1.", 0, false},
		{".5", 0, false},
		{"1.2.3", 0, false},
		{"1e", 0, false},
		{"+1", 0, false},
		{"--1", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseMillis([]byte(tt.in))
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseMillis(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// parseValueCases are strings whose parseValue result must equal
// strconv.ParseFloat's, bit for bit, including whether they are accepted.
var parseValueCases = []string{
	"0", "-0", "+0", "1", "0.123456789", "0.1", "0.3", "123456789.123456789", "1.5", "-2.25",
	"9007199254740992", "9007199254740993", "0.9007199254740993", "4503599627370497.5",
	"0.0000000000000000000001", "0.00000000000000000000001", "1234567890123456789012",
	"1e3", "1E-3", "NaN", "nan", "+Inf", "-Inf", "Inf", "inf", "Infinity", "-infinity",
	"1.7976931348623157e308", "1e400", "4.9e-324", "0x1p-2", "1_000", ".5", "5.", "+.5",
	"", ".", "-", "+", "1,5", "one", " 1", "1 ", "1..2", "00012", "0.30000000000000004",
	"3.141592653589793", "2.718281828459045", "0.03333333333333333",
}

func TestParseValueAgreesWithParseFloat(t *testing.T) {
	cases := parseValueCases
	rng := newRand(3)
	for range 20000 {
		f := math.Float64frombits(rng.Uint64())
		cases = append(cases, strconv.FormatFloat(f, 'f', -1, 64), strconv.FormatFloat(rng.Float64()*1e6, 'f', rng.IntN(12), 64))
	}
	for _, s := range cases {
		checkParseValue(t, s)
	}
}

func FuzzParseValue(f *testing.F) {
	for _, s := range parseValueCases {
		f.Add(s)
	}
	f.Fuzz(checkParseValue)
}

func checkParseValue(t *testing.T, s string) {
	got, ok := parseValue([]byte(s))
	want, err := strconv.ParseFloat(s, 64)
	if ok != (err == nil) || ok && math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(got) && math.IsNaN(want)) {
		t.Errorf("parseValue(%q) = %v, %v; strconv.ParseFloat gives %v, %v", s, got, ok, want, err)
	}
}

func TestValidNumber(t *testing.T) {
	for s, want := range map[string]bool{
		"0": true, "-0": true, "1.5": true, "1e5": true, "1E+5": true, "-1.5e-5": true, "123": true,
		"": false, "-": false, "01": false, "1.": false, ".1": false, "1e": false, "1e+": false, "+1": false, "1.5.5": false, "--1": false,
	} {
		if got := validNumber([]byte(s)); got != want {
			t.Errorf("validNumber(%q) = %v, want %v", s, got, want)
		}
	}
}
