package models

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/claudeenhancer/monitoring/pkg/promdur"
	"github.com/claudeenhancer/monitoring/pkg/slo"
)

// QueryTypeSLO evaluates an SLO of the catalog (by id) or one carried
// inline by the query.
const QueryTypeSLO QueryType = "slo"

// SLOOutput selects the shape of an SLO query's result.
type SLOOutput string

// SLO outputs: summary (two tables: the SLO's figures and its burn-rate
// pairs), burndown (remaining budget over the window against the ideal
// line), burnrate (burn rate over time per long window), alert (one
// number per pair, > 1 exactly when the pair fires) and budget (the
// remaining budget ratio, one number per SLO, for rules).
const (
	SLOOutputSummary  SLOOutput = "summary"
	SLOOutputBurndown SLOOutput = "burndown"
	SLOOutputBurnRate SLOOutput = "burnrate"
	SLOOutputAlert    SLOOutput = "alert"
	SLOOutputBudget   SLOOutput = "budget"
)

// Bucket steps. The default keeps a 30-day summary near 10,000 buckets (one
// range query) while windows up to a week get minute resolution.
const (
	DefaultSLOBucketStep     = time.Minute
	DefaultLongSLOBucketStep = 5 * time.Minute
	longSLOWindow            = 7 * 24 * time.Hour
	maxSLOBucketStep         = time.Hour
	// MaxSLOBuckets bounds the buckets one SLO query fetches (a quarter plus
	// its longest burn-rate window at one minute fits).
	MaxSLOBuckets = 200_000
	// MaxAvailabilitySamples bounds the scrape slots an availability SLI
	// fetches (one per scrape interval over the buckets): a quarter plus its
	// longest burn-rate window at a 10 s scrape interval fits.
	MaxAvailabilitySamples = 1_000_000
)

// SLO query errors, reported per query as user errors.
var (
	ErrSLOQuery         = errors.New("invalid SLO query")
	ErrInvalidSLOOutput = errors.New(`SLO output must be "summary", "burndown", "burnrate", "alert" or "budget"`)
	// ErrAllSLOsOutput: every output but the summary is per SLO.
	ErrAllSLOsOutput = errors.New(`sloId "*" (all SLOs) returns one summary row per SLO: set output to "summary"`)
	// ErrSLOFilterWithoutAll: a filter selects among all SLOs.
	ErrSLOFilterWithoutAll = errors.New(`sloFilter selects among all SLOs: set sloId to "*"`)
)

// AllSLOs is the sloId that selects every catalog SLO (narrowed by
// sloFilter).
const AllSLOs = "*"

// SLOQuery is a validated SLO query. The evaluation instant is the query's
// time range end (Query.End), so an alert rule and a panel ending at the
// same instant see the same figures; the SLO's window, not the panel's
// range, decides what is fetched.
type SLOQuery struct {
	SLO        slo.SLO
	Inline     bool // the query carried the definition
	Output     SLOOutput
	BucketStep time.Duration
	// All is set for sloId "*": Members then holds one summary query per
	// catalog SLO the filter selects (possibly none), in catalog order, and
	// SLO is unset.
	All     bool
	Filter  slo.Matchers
	Members []SLOQuery
}

type sloQueryJSON struct {
	SLOID      string          `json:"sloId"`
	SLOFilter  string          `json:"sloFilter"`
	SLO        json.RawMessage `json:"slo"`
	Output     string          `json:"output"`
	BucketStep string          `json:"bucketStep"`
}

// DefaultBucketStep is the bucket step of an SLO whose query sets none:
// one minute for windows up to 7 days (nominal), five minutes above.
func DefaultBucketStep(w slo.Window) time.Duration {
	if w.Nominal() > longSLOWindow {
		return DefaultLongSLOBucketStep
	}
	return DefaultSLOBucketStep
}

// parseSLOQuery reads {"sloId": …} or {"slo": {…}} (the inline definition
// wins), the output and the bucket step.
func parseSLOQuery(q backend.DataQuery, s Settings) (Query, error) {
	var raw sloQueryJSON
	if err := json.Unmarshal(q.JSON, &raw); err != nil {
		return Query{}, fmt.Errorf("%w: %v", ErrMalformedQuery, err)
	}
	if err := checkTimeRange(q.TimeRange); err != nil {
		return Query{}, err
	}
	sq := &SLOQuery{Output: SLOOutput(strings.ToLower(strings.TrimSpace(raw.Output)))}
	switch sq.Output {
	case "":
		sq.Output = SLOOutputSummary
	case SLOOutputSummary, SLOOutputBurndown, SLOOutputBurnRate, SLOOutputAlert, SLOOutputBudget:
	default:
		return Query{}, fmt.Errorf("%w, got %q", ErrInvalidSLOOutput, raw.Output)
	}
	var err error
	if isAll(raw) {
		if sq, err = allSLOs(raw, sq.Output, s); err != nil {
			return Query{}, err
		}
	} else {
		if strings.TrimSpace(raw.SLOFilter) != "" {
			return Query{}, fmt.Errorf("%w: %w", ErrSLOQuery, ErrSLOFilterWithoutAll)
		}
		if sq.SLO, sq.Inline, err = resolveSLO(raw, s.SLOs); err != nil {
			return Query{}, err
		}
		if sq.BucketStep, err = bucketStep(raw.BucketStep, sq.SLO.Window, s.ScrapeInterval); err != nil {
			return Query{}, err
		}
	}
	return Query{
		RefID:     q.RefID,
		Type:      QueryTypeSLO,
		Start:     q.TimeRange.From.UTC(),
		End:       q.TimeRange.To.UTC(),
		Step:      sq.BucketStep,
		MaxPoints: q.MaxDataPoints,
		SLO:       sq,
	}, nil
}

// isAll: sloId "*" and no inline definition (which would win).
func isAll(raw sloQueryJSON) bool {
	inline := bytes.TrimSpace(raw.SLO)
	return strings.TrimSpace(raw.SLOID) == AllSLOs && (len(inline) == 0 || string(inline) == "null")
}

// allSLOs selects the catalog SLOs the filter matches, each with its own
// bucket step (the query's, or its window's default).
func allSLOs(raw sloQueryJSON, output SLOOutput, s Settings) (*SLOQuery, error) {
	if output != SLOOutputSummary {
		return nil, fmt.Errorf("%w: %w, got %q", ErrSLOQuery, ErrAllSLOsOutput, output)
	}
	filter, err := slo.ParseMatchers(raw.SLOFilter)
	if err != nil {
		return nil, fmt.Errorf("%w: sloFilter: %w", ErrSLOQuery, err)
	}
	sq := &SLOQuery{Output: output, All: true, Filter: filter, BucketStep: DefaultSLOBucketStep}
	for _, def := range s.SLOs.Select(filter) {
		step, err := bucketStep(raw.BucketStep, def.Window, s.ScrapeInterval)
		if err != nil {
			return nil, fmt.Errorf("SLO %q: %w", def.ID, err)
		}
		sq.Members = append(sq.Members, SLOQuery{SLO: def, Output: output, BucketStep: step})
	}
	return sq, nil
}

func resolveSLO(raw sloQueryJSON, catalog slo.Catalog) (slo.SLO, bool, error) {
	if inline := bytes.TrimSpace(raw.SLO); len(inline) > 0 && string(inline) != "null" {
		var def slo.SLO
		if err := json.Unmarshal(inline, &def); err != nil {
			return slo.SLO{}, false, fmt.Errorf("%w: inline slo: %w", ErrSLOQuery, err)
		}
		if def.ID == "" {
			def.ID = "inline"
		}
		if err := def.Validate(); err != nil {
			return slo.SLO{}, false, fmt.Errorf("%w: inline slo %q: %w", ErrSLOQuery, def.ID, err)
		}
		return def, true, nil
	}
	id := strings.TrimSpace(raw.SLOID)
	if id == "" {
		return slo.SLO{}, false, fmt.Errorf(`%w: set "sloId" to an SLO of the datasource's catalog (%s) or "slo" to an inline definition`,
			ErrSLOQuery, catalogIDs(catalog))
	}
	def, err := catalog.Lookup(id)
	if err != nil {
		return slo.SLO{}, false, fmt.Errorf("%w: %w", ErrSLOQuery, err)
	}
	return def, false, nil
}

func catalogIDs(c slo.Catalog) string {
	if len(c) == 0 {
		return "the catalog is empty"
	}
	ids := make([]string, len(c))
	for i, s := range c {
		ids[i] = s.ID
	}
	return "known: " + strings.Join(ids, ", ")
}

// bucketStep validates the bucket step: at least two scrape intervals (so
// every bucket holds two samples, as increase() needs), at most an hour, a
// whole number of seconds dividing an hour (so bucket ends fall on hours,
// days and calendar period starts), and at most MaxSLOBuckets buckets over
// the window.
func bucketStep(raw string, w slo.Window, scrape time.Duration) (time.Duration, error) {
	step := DefaultBucketStep(w)
	if strings.TrimSpace(raw) != "" {
		d, err := promdur.ParseOrSeconds(raw)
		if err != nil || d <= 0 {
			return 0, fmt.Errorf(`%w: bucketStep must be a duration such as "1m", got %q`, ErrSLOQuery, raw)
		}
		step = d
	}
	switch {
	case step%time.Second != 0 || step > maxSLOBucketStep || maxSLOBucketStep%step != 0:
		return 0, fmt.Errorf("%w: bucketStep %s must be whole seconds dividing 1h", ErrSLOQuery, FormatDuration(step))
	case step < 2*scrape:
		return 0, fmt.Errorf("%w: bucketStep %s must be at least two scrape intervals (%s)", ErrSLOQuery, FormatDuration(step), FormatDuration(2*scrape))
	}
	// The longest pair window is a tenth of the nominal period. Counted per
	// term: the sum of two durations near the largest would overflow.
	if n := maxLength(w)/step + w.Nominal()/10/step; n > MaxSLOBuckets {
		return 0, fmt.Errorf("%w: %w: bucketStep %s makes %d buckets over the window, more than %d",
			ErrSLOQuery, ErrQueryLimit, FormatDuration(step), n, MaxSLOBuckets)
	}
	return step, nil
}

// maxLength is the longest the window can be: its duration, or the longest
// calendar period of its unit (a DST change adds an hour).
func maxLength(w slo.Window) time.Duration {
	day := 24 * time.Hour
	switch w.Calendar {
	case slo.Week:
		return 7*day + time.Hour
	case slo.Month:
		return 31*day + time.Hour
	case slo.Quarter:
		return 92*day + time.Hour
	}
	return w.Rolling
}
