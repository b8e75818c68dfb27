package slo

import (
	"encoding/json"
	"errors"
	"testing"
	"time"
)

func mustLoc(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Skipf("time zone database lacks %s: %v", name, err)
	}
	return loc
}

func TestWindowBounds(t *testing.T) {
	berlin := mustLoc(t, "Europe/Berlin")
	sydney := mustLoc(t, "Australia/Sydney")
	cases := []struct {
		name       string
		w          Window
		now        time.Time
		start, end time.Time
		length     time.Duration
	}{
		{"a rolling window ends now", RollingWindow(30 * day),
			time.Date(2026, 3, 15, 12, 0, 0, 0, time.UTC),
			time.Date(2026, 2, 13, 12, 0, 0, 0, time.UTC), time.Date(2026, 3, 15, 12, 0, 0, 0, time.UTC), 30 * day},
		{"an ISO week starts on Monday (Sunday belongs to the week before)", CalendarWindow(Week, nil),
			time.Date(2026, 3, 1, 23, 0, 0, 0, time.UTC), // a Sunday
			time.Date(2026, 2, 23, 0, 0, 0, 0, time.UTC), time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), 7 * day},
		{"a Monday at midnight opens a new week", CalendarWindow(Week, nil),
			time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC),
			time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC), 7 * day},
		{"February of a leap year has 29 days", CalendarWindow(Month, nil),
			time.Date(2028, 2, 10, 0, 0, 0, 0, time.UTC),
			time.Date(2028, 2, 1, 0, 0, 0, 0, time.UTC), time.Date(2028, 3, 1, 0, 0, 0, 0, time.UTC), 29 * day},
		{"a Berlin March loses the DST hour (743 h)", CalendarWindow(Month, berlin),
			time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC),
			time.Date(2026, 3, 1, 0, 0, 0, 0, berlin), time.Date(2026, 4, 1, 0, 0, 0, 0, berlin), 743 * time.Hour},
		{"the month is read in the window's zone, not UTC", CalendarWindow(Month, sydney),
			time.Date(2026, 3, 31, 20, 0, 0, 0, time.UTC), // 1 April 07:00 in Sydney
			time.Date(2026, 4, 1, 0, 0, 0, 0, sydney), time.Date(2026, 5, 1, 0, 0, 0, 0, sydney), 30*day + time.Hour},
		{"Q3 runs from July to September", CalendarWindow(Quarter, nil),
			time.Date(2026, 8, 20, 0, 0, 0, 0, time.UTC),
			time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), 92 * day},
		{"Q4 ends at the new year", CalendarWindow(Quarter, nil),
			time.Date(2026, 12, 31, 23, 59, 0, 0, time.UTC),
			time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), 92 * day},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, e := c.w.Bounds(c.now)
			if !s.Equal(c.start) || !e.Equal(c.end) {
				t.Fatalf("Bounds(%v) = [%v, %v), want [%v, %v)", c.now, s, e, c.start, c.end)
			}
			if got := c.w.Length(c.now); got != c.length {
				t.Fatalf("Length = %v, want %v", got, c.length)
			}
		})
	}
}

func TestWindowJSON(t *testing.T) {
	cases := []struct {
		name string
		in   string
		want Window
		out  string
		err  error
	}{
		{"a bare string is a rolling window", `"7d"`, RollingWindow(7 * day), `{"kind":"rolling","duration":"7d"}`, nil},
		{"the object form reads a rolling window", `{"kind":"rolling","duration":"24h"}`, RollingWindow(day), `{"kind":"rolling","duration":"1d"}`, nil},
		{"a calendar window without a zone is UTC", `{"kind":"calendar","unit":"month"}`, CalendarWindow(Month, time.UTC), `{"kind":"calendar","unit":"month","timeZone":"UTC"}`, nil},
		{"the kind is inferred from a unit", `{"unit":"quarter","timeZone":"UTC"}`, CalendarWindow(Quarter, time.UTC), `{"kind":"calendar","unit":"quarter","timeZone":"UTC"}`, nil},
		{"an unknown time zone is named", `{"kind":"calendar","unit":"week","timeZone":"Mars/Olympus"}`, Window{}, "", ErrTimeZone},
		{"the server's Local zone is refused", `{"kind":"calendar","unit":"week","timeZone":"Local"}`, Window{}, "", ErrTimeZone},
		{"a bad duration is named", `"thirty days"`, Window{}, "", ErrDuration},
		{"an unknown kind is named", `{"kind":"sliding","duration":"1d"}`, Window{}, "", ErrWindow},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var w Window
			err := json.Unmarshal([]byte(c.in), &w)
			if c.err != nil {
				if !errors.Is(err, c.err) {
					t.Fatalf("error = %v, want %v", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if w.Rolling != c.want.Rolling || w.Calendar != c.want.Calendar || w.loc().String() != c.want.loc().String() {
				t.Fatalf("got %+v, want %+v", w, c.want)
			}
			b, _ := json.Marshal(w)
			if string(b) != c.out {
				t.Fatalf("marshal = %s, want %s", b, c.out)
			}
		})
	}
}

func TestWindowValidate(t *testing.T) {
	cases := []struct {
		name string
		w    Window
		err  error
	}{
		{"a zero window is refused", Window{}, ErrWindow},
		{"a negative rolling window is refused", RollingWindow(-time.Hour), ErrWindow},
		{"a year is not a calendar unit here", CalendarWindow("year", nil), ErrCalendarUnit},
		{"rolling and calendar together are refused", Window{Rolling: day, Calendar: Month}, ErrWindow},
		{"a month is fine", CalendarWindow(Month, nil), nil},
		{"any rolling duration is fine", RollingWindow(90 * time.Minute), nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if err := c.w.Validate(); !errors.Is(err, c.err) || (c.err == nil && err != nil) {
				t.Fatalf("Validate() = %v, want %v", err, c.err)
			}
		})
	}
}
