package slo

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"
)

// MaxObjective is the highest objective Validate accepts: five nines.
// Closer to 1 the budget stops being measurable. Over a 30-day window,
// 0.99999 leaves 25.9 s of downtime, under two 15 s scrapes; 0.999999
// leaves 2.6 s, less than one, so one missed scrape would spend almost six
// budgets. An event SLI at 0.99999 needs
// 100,000 events per window for a single failure to fit, and burn rates
// reach at most 1/(1 − 0.99999) = 100,000 (at 1 − 10⁻¹⁴ they would
// reach 10¹⁴). float64 is not the limit: 1 − 0.99999 is off by 5·10⁻¹²
// relative.
const MaxObjective = 0.99999

// DefaultViolationWindow is the error-ratio window of a sustained-violation
// condition when ViolationWindow is zero: a 5 m error ratio, as in the
// Workbook's ch. 5 iteration 3 rule.
const DefaultViolationWindow = 5 * time.Minute

// SLO is one catalog entry, as stored in the datasource's jsonData.slos or
// carried inline by a query.
//
// MinEvents is the minimum-events guard: a window with fewer events than
// this (event SLIs only; availability is time) is "no data", for the
// summary and for every burn-rate window, so one failed request in a quiet
// hour neither breaches nor pages. Zero only guards zero traffic.
//
// ViolationFor > 0 adds a sustained-violation condition: the error ratio over
// ViolationWindow (default 5 m) has exceeded 1 − Objective at every bucket
// for at least ViolationFor. It models a seed SLA "triggered after 30 minutes
// of continuous violation" (a Grafana pending period on the 5 m ratio),
// alongside the burn-rate pairs, which the Workbook prefers.
type SLO struct {
	ID              string            `json:"id"`
	Name            string            `json:"name,omitempty"`
	Description     string            `json:"description,omitempty"`
	SLI             SLI               `json:"sli"`
	Objective       float64           `json:"objective"`
	Window          Window            `json:"window"`
	Labels          map[string]string `json:"labels,omitempty"`
	MinEvents       float64           `json:"minEvents,omitempty"`
	ViolationFor    time.Duration     `json:"-"`
	ViolationWindow time.Duration     `json:"-"`
}

type sloJSON SLO // same fields, no methods

type sloWire struct {
	*sloJSON
	ViolationFor    string `json:"violationFor,omitempty"`
	ViolationWindow string `json:"violationWindow,omitempty"`
}

// MarshalJSON writes durations as Prometheus-style strings ("30m").
func (s SLO) MarshalJSON() ([]byte, error) {
	w := sloWire{sloJSON: (*sloJSON)(&s)}
	if s.ViolationFor != 0 {
		w.ViolationFor = FormatDuration(s.ViolationFor)
	}
	if s.ViolationWindow != 0 {
		w.ViolationWindow = FormatDuration(s.ViolationWindow)
	}
	return json.Marshal(w)
}

// UnmarshalJSON reads the form MarshalJSON writes. Range checks are left to
// Validate.
func (s *SLO) UnmarshalJSON(b []byte) error {
	var v SLO
	w := sloWire{sloJSON: (*sloJSON)(&v)}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	var err error
	if w.ViolationFor != "" {
		if v.ViolationFor, err = ParseDuration(w.ViolationFor); err != nil {
			return fmt.Errorf("violationFor: %w", err)
		}
	}
	if w.ViolationWindow != "" {
		if v.ViolationWindow, err = ParseDuration(w.ViolationWindow); err != nil {
			return fmt.Errorf("violationWindow: %w", err)
		}
	}
	*s = v
	return nil
}

// DisplayName is Name, or ID when Name is empty.
func (s SLO) DisplayName() string {
	if s.Name != "" {
		return s.Name
	}
	return s.ID
}

// SustainWindow is ViolationWindow, or DefaultViolationWindow when unset.
func (s SLO) SustainWindow() time.Duration {
	if s.ViolationWindow > 0 {
		return s.ViolationWindow
	}
	return DefaultViolationWindow
}

// Validate checks every field and returns all problems joined, each wrapping
// a named error (ErrID, ErrObjective, ErrObjectiveTooHigh, ErrWindow, ErrCalendarUnit, ErrSLI,
// ErrSLIKind, ErrGapPolicy, ErrLabel, ErrMinEvents, ErrViolation).
func (s SLO) Validate() error {
	var errs []error
	if !isSlug(s.ID) {
		errs = append(errs, fmt.Errorf("id %q: %w", s.ID, ErrID))
	}
	switch {
	case !(s.Objective > 0 && s.Objective < 1):
		errs = append(errs, fmt.Errorf("objective %v: %w", s.Objective, ErrObjective))
	case s.Objective > MaxObjective:
		errs = append(errs, fmt.Errorf("objective %v: %w", s.Objective, ErrObjectiveTooHigh))
	}
	if err := s.Window.Validate(); err != nil {
		errs = append(errs, fmt.Errorf("window: %w", err))
	}
	if err := s.SLI.Validate(); err != nil {
		errs = append(errs, fmt.Errorf("sli: %w", err))
	}
	keys := make([]string, 0, len(s.Labels))
	for k := range s.Labels {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !isLabelName(k) {
			errs = append(errs, fmt.Errorf("label %q: %w", k, ErrLabel))
		}
	}
	if !(s.MinEvents >= 0) || math.IsInf(s.MinEvents, 0) {
		errs = append(errs, fmt.Errorf("minEvents %v: %w", s.MinEvents, ErrMinEvents))
	}
	if nominal := s.Window.Nominal(); s.ViolationFor < 0 || s.ViolationWindow < 0 ||
		(nominal > 0 && (s.ViolationFor >= nominal || s.ViolationWindow >= nominal)) {
		errs = append(errs, fmt.Errorf("violationFor %s, violationWindow %s: %w",
			FormatDuration(s.ViolationFor), FormatDuration(s.ViolationWindow), ErrViolation))
	}
	return errors.Join(errs...)
}

// isSlug: 1–63 of [a-z0-9-], starting and ending with a letter or digit
// (an RFC 1123 label, as OpenSLO names are).
func isSlug(s string) bool {
	if len(s) == 0 || len(s) > 63 || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// Catalog is the list of SLOs in the datasource's jsonData.slos.
type Catalog []SLO

// ParseCatalog reads a JSON array of SLOs and validates it. Every entry is
// read even when an earlier one fails, and all problems come back joined,
// each prefixed with its position and id.
func ParseCatalog(data []byte) (Catalog, error) {
	var raws []json.RawMessage
	if err := json.Unmarshal(data, &raws); err != nil {
		return nil, fmt.Errorf("slos: %w", err)
	}
	c := make(Catalog, 0, len(raws))
	var errs []error
	for i, r := range raws {
		var s SLO
		if err := json.Unmarshal(r, &s); err != nil {
			errs = append(errs, fmt.Errorf("slos[%d]: %w", i, err))
			continue
		}
		c = append(c, s)
	}
	if err := c.Validate(); err != nil {
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return c, nil
}

// Validate validates every entry and checks that ids are unique.
func (c Catalog) Validate() error {
	var errs []error
	seen := make(map[string]int, len(c))
	for i, s := range c {
		if err := s.Validate(); err != nil {
			errs = append(errs, fmt.Errorf("slos[%d] %q: %w", i, s.ID, err))
		}
		if j, dup := seen[s.ID]; dup && s.ID != "" {
			errs = append(errs, fmt.Errorf("slos[%d] %q: %w with slos[%d]", i, s.ID, ErrDuplicateID, j))
		} else {
			seen[s.ID] = i
		}
	}
	return errors.Join(errs...)
}

// Lookup returns the SLO with the given id; the error wraps ErrUnknownSLO
// and lists the ids the catalog holds.
func (c Catalog) Lookup(id string) (SLO, error) {
	ids := make([]string, len(c))
	for i, s := range c {
		if s.ID == id {
			return s, nil
		}
		ids[i] = s.ID
	}
	return SLO{}, fmt.Errorf("%w %q (catalog: %s)", ErrUnknownSLO, id, strings.Join(ids, ", "))
}
