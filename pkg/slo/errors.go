package slo

import "errors"

// Sentinel errors, returned wrapped with context. Test with errors.Is.
var (
	// ErrID reports an SLO id that is empty or not a slug.
	ErrID = errors.New("slo: id must be a slug: lower-case letters, digits and '-', at most 63 characters, starting and ending with a letter or digit")
	// ErrDuplicateID reports two catalog entries with the same id.
	ErrDuplicateID = errors.New("slo: duplicate id")
	// ErrUnknownSLO reports a lookup of an id the catalog does not hold.
	ErrUnknownSLO = errors.New("slo: no SLO with this id")
	// ErrObjective reports an objective outside the open interval (0, 1).
	ErrObjective = errors.New("slo: objective must be a ratio strictly between 0 and 1 (write 0.999, not 99.9)")
	// ErrObjectiveTooHigh reports an objective above MaxObjective.
	ErrObjectiveTooHigh = errors.New("slo: objective must be at most 0.99999 (99.999 %): above it the error budget is too small to measure")
	// ErrWindow reports a window that is neither a positive rolling duration
	// nor a calendar period.
	ErrWindow = errors.New("slo: window must be a positive rolling duration or a calendar period")
	// ErrCalendarUnit reports a calendar unit other than week, month, quarter.
	ErrCalendarUnit = errors.New("slo: calendar unit must be week, month or quarter")
	// ErrTimeZone reports a time zone that is not a known IANA name.
	ErrTimeZone = errors.New("slo: unknown time zone (use an IANA name such as Europe/Paris)")
	// ErrDuration reports a duration string that does not parse.
	ErrDuration = errors.New(`slo: invalid duration (use e.g. "30d", "6h", "1h30m")`)
	// ErrSLI reports an SLI whose fields do not fit its kind.
	ErrSLI = errors.New("slo: invalid SLI")
	// ErrSLIKind reports an unknown SLI kind.
	ErrSLIKind = errors.New("slo: SLI kind must be ratio, latency or availability")
	// ErrGapPolicy reports an availability SLI without a known gap policy.
	ErrGapPolicy = errors.New(`slo: availability gap policy must be "down" or "ignore"`)
	// ErrMinEvents reports a negative or non-finite minimum-events guard.
	ErrMinEvents = errors.New("slo: minEvents must be a finite number ≥ 0")
	// ErrLabel reports a label name that is not a valid Prometheus label name.
	ErrLabel = errors.New("slo: label names must match [a-zA-Z_][a-zA-Z0-9_]*")
	// ErrViolation reports a sustained-violation setting out of range.
	ErrViolation = errors.New("slo: violationFor and violationWindow must be ≥ 0 and shorter than the window")
	// ErrNoBucket reports a latency threshold no histogram bucket matches.
	ErrNoBucket = errors.New("slo: no histogram bucket boundary equals the threshold")
	// ErrInput reports input series that break a documented precondition
	// (lengths, ordering, step, unit).
	ErrInput = errors.New("slo: invalid input")
)
