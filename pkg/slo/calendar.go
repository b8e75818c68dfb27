package slo

import (
	"fmt"
	"time"
)

// CalendarUnit names a calendar period.
type CalendarUnit string

// Calendar units. Weeks are ISO weeks: they start on Monday at 00:00. Months
// start on the 1st at 00:00; quarters on 1 January, 1 April, 1 July and
// 1 October at 00:00. All in the window's time zone.
const (
	Week    CalendarUnit = "week"
	Month   CalendarUnit = "month"
	Quarter CalendarUnit = "quarter"
)

func (u CalendarUnit) valid() bool { return u == Week || u == Month || u == Quarter }

// nominal is the fixed length used to scale the burn-rate pairs of a calendar
// SLO (7 d, 30 d, 90 d), so alert windows do not change from month to month;
// budgets use the real period length instead.
func (u CalendarUnit) nominal() time.Duration {
	switch u {
	case Week:
		return 7 * 24 * time.Hour
	case Month:
		return 30 * 24 * time.Hour
	case Quarter:
		return 90 * 24 * time.Hour
	}
	return 0
}

// periodStart returns the start of the period of unit u that contains t,
// read in loc. Local midnight is built with time.Date, so a period whose
// midnight falls in a DST gap starts at the first instant that exists.
func periodStart(u CalendarUnit, t time.Time, loc *time.Location) time.Time {
	lt := t.In(loc)
	y, m, d := lt.Date()
	switch u {
	case Week:
		monday := (int(lt.Weekday()) + 6) % 7 // days since Monday
		return time.Date(y, m, d-monday, 0, 0, 0, 0, loc)
	case Month:
		return time.Date(y, m, 1, 0, 0, 0, 0, loc)
	case Quarter:
		return time.Date(y, (m-1)/3*3+1, 1, 0, 0, 0, 0, loc)
	}
	panic(fmt.Sprintf("slo: unknown calendar unit %q", u))
}

// nextPeriod returns the start of the period after the one starting at start.
// It adds calendar days or months to the local date (not a fixed duration), so
// a month is 28–31 days and a DST change makes it an hour shorter or longer.
func nextPeriod(u CalendarUnit, start time.Time, loc *time.Location) time.Time {
	y, m, d := start.In(loc).Date()
	switch u {
	case Week:
		return time.Date(y, m, d+7, 0, 0, 0, 0, loc)
	case Month:
		return time.Date(y, m+1, 1, 0, 0, 0, 0, loc)
	case Quarter:
		return time.Date(y, m+3, 1, 0, 0, 0, 0, loc)
	}
	panic(fmt.Sprintf("slo: unknown calendar unit %q", u))
}
