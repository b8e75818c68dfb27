package promdur

import (
	"errors"
	"testing"
	"time"
)

func TestParseOrSeconds(t *testing.T) {
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
		got, err := ParseOrSeconds(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseOrSeconds(%q) = %v, %v; want %v, ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
		if err != nil && !errors.Is(err, ErrSyntax) {
			t.Errorf("ParseOrSeconds(%q) error = %v, want ErrSyntax", tt.in, err)
		}
	}
}

func TestParseWithLargestUnit(t *testing.T) {
	cases := []struct {
		name    string
		in      string
		largest time.Duration
		want    time.Duration
		err     error
	}{
		{"years are read when the largest unit is a year", "1y2w", Year, Year + 2*Week, nil},
		{"years are refused when the largest unit is a week", "1y", Week, 0, ErrSyntax},
		{"weeks are refused when the largest unit is a day", "1w", Day, 0, ErrSyntax},
		{"units out of order are refused", "30m1h", Year, 0, ErrSyntax},
		{"an overflow is named", "999999999999999999w", Year, 0, ErrOverflow},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Parse(c.in, c.largest)
			if !errors.Is(err, c.err) || (c.err == nil && err != nil) || got != c.want {
				t.Fatalf("Parse(%q, %v) = %v, %v; want %v, %v", c.in, c.largest, got, err, c.want, c.err)
			}
		})
	}
}

func TestFormatWithLargestUnit(t *testing.T) {
	cases := []struct {
		name    string
		in      time.Duration
		largest time.Duration
		want    string
	}{
		{"a week prints as a week when weeks are allowed", Week, Year, "1w"},
		{"a week prints as seven days when days are the largest unit", Week, Day, "7d"},
		{"a year and a day print largest first", Year + Day, Year, "1y1d"},
		{"less than a millisecond prints as 0s", 500 * time.Microsecond, Year, "0s"},
		{"a negative duration keeps its sign", -90 * time.Second, Day, "-1m30s"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Format(c.in, c.largest); got != c.want {
				t.Fatalf("Format(%v, %v) = %q, want %q", c.in, c.largest, got, c.want)
			}
		})
	}
}
