package slo

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"
)

// Window is the compliance period of an SLO: either rolling (the last
// Rolling of time, sliding with now) or calendar-aligned (the current week,
// month or quarter in Location). Exactly one of Rolling and Calendar is set.
//
// JSON: {"kind":"rolling","duration":"30d"} or
// {"kind":"calendar","unit":"month","timeZone":"Europe/Paris"}; a bare
// string such as "30d" is read as a rolling window.
type Window struct {
	Rolling  time.Duration
	Calendar CalendarUnit
	Location *time.Location // calendar time zone; nil means UTC
}

// RollingWindow is the window (now−d, now].
func RollingWindow(d time.Duration) Window { return Window{Rolling: d} }

// CalendarWindow is the calendar period of unit u containing now, in loc
// (nil means UTC).
func CalendarWindow(u CalendarUnit, loc *time.Location) Window {
	return Window{Calendar: u, Location: loc}
}

// IsCalendar reports whether w is calendar-aligned.
func (w Window) IsCalendar() bool { return w.Calendar != "" }

func (w Window) loc() *time.Location {
	if w.Location == nil {
		return time.UTC
	}
	return w.Location
}

// Validate reports whether w is usable: a positive rolling duration, or a
// known calendar unit (never both). Errors wrap ErrWindow or ErrCalendarUnit.
func (w Window) Validate() error {
	switch {
	case w.Rolling != 0 && w.Calendar != "":
		return fmt.Errorf("%w: both a rolling duration and a calendar unit are set", ErrWindow)
	case w.Calendar != "":
		if !w.Calendar.valid() {
			return fmt.Errorf("%w, got %q", ErrCalendarUnit, w.Calendar)
		}
	case w.Rolling <= 0:
		return fmt.Errorf("%w, got %s", ErrWindow, FormatDuration(w.Rolling))
	}
	return nil
}

// Bounds returns the window that is current at now, as [start, end):
// rolling, (now−Rolling, now] (so end = now); calendar, the whole period that
// contains now, whose end lies in the future. The budget of a calendar window
// is the budget of the whole period. Preconditions: w is valid.
func (w Window) Bounds(now time.Time) (start, end time.Time) {
	if !w.IsCalendar() {
		return now.Add(-w.Rolling), now
	}
	start = periodStart(w.Calendar, now, w.loc())
	return start, nextPeriod(w.Calendar, start, w.loc())
}

// Length is the period T the budget is computed over: Rolling, or the real
// length of the calendar period containing now (28–31 days for a month, one
// hour more or less across a DST change).
func (w Window) Length(now time.Time) time.Duration {
	s, e := w.Bounds(now)
	return e.Sub(s)
}

// Nominal is the fixed period length the burn-rate pairs are scaled by:
// Rolling, or 7 d, 30 d and 90 d for a week, month and quarter.
func (w Window) Nominal() time.Duration {
	if w.IsCalendar() {
		return w.Calendar.nominal()
	}
	return w.Rolling
}

// String is "30d" for a rolling window and "month (Europe/Paris)" for a
// calendar one.
func (w Window) String() string {
	if w.IsCalendar() {
		return fmt.Sprintf("%s (%s)", w.Calendar, w.loc())
	}
	return FormatDuration(w.Rolling)
}

type windowJSON struct {
	Kind     string `json:"kind"`
	Duration string `json:"duration,omitempty"`
	Unit     string `json:"unit,omitempty"`
	TimeZone string `json:"timeZone,omitempty"`
}

// MarshalJSON writes the object form.
func (w Window) MarshalJSON() ([]byte, error) {
	if w.IsCalendar() {
		return json.Marshal(windowJSON{Kind: "calendar", Unit: string(w.Calendar), TimeZone: w.loc().String()})
	}
	return json.Marshal(windowJSON{Kind: "rolling", Duration: FormatDuration(w.Rolling)})
}

// UnmarshalJSON reads the object or the bare-string form. Unknown time
// zones wrap ErrTimeZone ("Local" is refused: it depends on the server), bad
// durations ErrDuration; ranges are left to Validate.
func (w *Window) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		d, err := ParseDuration(s)
		if err != nil {
			return err
		}
		*w = RollingWindow(d)
		return nil
	}
	var raw windowJSON
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	kind := raw.Kind
	if kind == "" && raw.Unit != "" {
		kind = "calendar"
	} else if kind == "" {
		kind = "rolling"
	}
	switch kind {
	case "rolling":
		d, err := ParseDuration(raw.Duration)
		if err != nil {
			return err
		}
		*w = RollingWindow(d)
	case "calendar":
		loc, err := LoadLocation(raw.TimeZone)
		if err != nil {
			return err
		}
		*w = CalendarWindow(CalendarUnit(raw.Unit), loc)
	default:
		return fmt.Errorf(`%w: kind must be "rolling" or "calendar", got %q`, ErrWindow, raw.Kind)
	}
	return nil
}

// LoadLocation resolves an IANA time-zone name ("" and "UTC" are UTC).
// "Local" is refused because it would make a budget depend on the server's
// configuration. Errors wrap ErrTimeZone. The zone database comes from the
// system or from time/tzdata if the binary embeds it.
func LoadLocation(name string) (*time.Location, error) {
	if name == "" || name == "UTC" {
		return time.UTC, nil
	}
	if name == "Local" {
		return nil, fmt.Errorf("%w: %q is the server's zone", ErrTimeZone, name)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("%w: %q", ErrTimeZone, name)
	}
	return loc, nil
}
