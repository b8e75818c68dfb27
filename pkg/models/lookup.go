package models

import (
	"errors"
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Lookup is a resource call's series selectors and time range (zero
// times are left out), read as Prometheus reads them.
type Lookup struct {
	Match      []string
	Start, End time.Time
}

// ParseLookup reads match (repeated, or match[]), start and end.
func ParseLookup(q url.Values) (Lookup, error) {
	p := Lookup{Match: append(q["match"], q["match[]"]...)}
	var err error
	if p.Start, err = timeParam(q.Get("start"), "start"); err != nil {
		return p, err
	}
	if p.End, err = timeParam(q.Get("end"), "end"); err != nil {
		return p, err
	}
	if !p.Start.IsZero() && !p.End.IsZero() && p.End.Before(p.Start) {
		return p, fmt.Errorf("%w: end %s is before start %s", ErrInvalidLookupTime,
			p.End.Format(time.RFC3339Nano), p.Start.Format(time.RFC3339Nano))
	}
	return p, nil
}

// ErrInvalidLookupTime is a start or end the upstream would misread.
var ErrInvalidLookupTime = errors.New("invalid start or end")

// Lookup times must lie between the Unix epoch and the end of year 9999,
// the last instant RFC 3339 can write; Unix seconds outside it (1e300,
// -1e18) would be sent upstream as nonsense or overflow milliseconds.
var (
	minLookupTime = time.Unix(0, 0).UTC()
	maxLookupTime = time.Date(9999, 12, 31, 23, 59, 59, 999e6, time.UTC)
)

// timeParam reads start or end as Prometheus does: Unix seconds with an
// optional fraction, or RFC 3339. Empty is the zero time (left out).
func timeParam(v, name string) (time.Time, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}, nil
	}
	var t time.Time
	if secs, err := strconv.ParseFloat(v, 64); err == nil {
		if math.IsNaN(secs) || math.IsInf(secs, 0) ||
			secs < float64(minLookupTime.Unix()) || secs > float64(maxLookupTime.Unix()+1) {
			return time.Time{}, lookupTimeError(name, v)
		}
		t = time.UnixMilli(int64(math.Round(secs * 1000))).UTC()
	} else if t, err = time.Parse(time.RFC3339Nano, v); err != nil {
		return time.Time{}, lookupTimeError(name, v)
	}
	if t.Before(minLookupTime) || t.After(maxLookupTime) {
		return time.Time{}, lookupTimeError(name, v)
	}
	return t.UTC(), nil
}

func lookupTimeError(name, v string) error {
	return fmt.Errorf("%w: %s must be Unix seconds (1795737600.5) or RFC 3339 (2026-11-27T00:00:00Z) between 1970 and 9999, got %q",
		ErrInvalidLookupTime, name, v)
}
