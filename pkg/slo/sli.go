package slo

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// SLIKind discriminates the SLI union.
type SLIKind string

// SLI kinds.
const (
	// KindRatio: good/total or bad/total over counters (any PromQL the adapter
	// can turn into per-bucket increases).
	KindRatio SLIKind = "ratio"
	// KindLatency: share of requests ≤ Threshold seconds, from a classic
	// histogram's le bucket over its _count.
	KindLatency SLIKind = "latency"
	// KindAvailability: time-weighted share of time a bool gauge (such as up)
	// is 1, under an explicit GapPolicy.
	KindAvailability SLIKind = "availability"
)

// GapPolicy says how time without samples counts for an availability SLI.
// History before the first sample is never a gap: it is missing history
// (flagged as partial), under both policies.
type GapPolicy string

// Gap policies.
const (
	// GapsAsDown counts every expected sample that is missing as down time:
	// what cannot be seen is not known to be available.
	GapsAsDown GapPolicy = "down"
	// GapsIgnored leaves missing samples out of both up time and observed
	// time, as sum_over_time(up)/count_over_time(up) does.
	GapsIgnored GapPolicy = "ignore"
)

// SLI is a tagged union, flat in Go and in JSON:
//
//	{"kind":"ratio","good":"…","total":"…"} or {"kind":"ratio","bad":"…","total":"…"}
//	{"kind":"latency","histogram":"auth_response_time","threshold":0.2,"selector":"{job=\"auth\"}"}
//	{"kind":"availability","expr":"up{job=~\"claude-enhancer.*\"}","gaps":"down"}
//
// Only the fields of the kind may be set. Expressions are PromQL; how they
// become per-bucket counts is the adapter's business (see the package doc).
type SLI struct {
	Kind SLIKind `json:"kind"`

	Good  string `json:"good,omitempty"`
	Bad   string `json:"bad,omitempty"`
	Total string `json:"total,omitempty"`

	Histogram string  `json:"histogram,omitempty"` // metric name without _bucket/_count
	Threshold float64 `json:"threshold,omitempty"` // seconds, matched against le
	Selector  string  `json:"selector,omitempty"`  // optional "{…}" matchers

	Expr string    `json:"expr,omitempty"`
	Gaps GapPolicy `json:"gaps,omitempty"`
}

// Unit is the unit the SLI's events are counted in: seconds for
// availability, events otherwise.
func (s SLI) Unit() Unit {
	if s.Kind == KindAvailability {
		return UnitSeconds
	}
	return UnitEvents
}

// Validate checks the fields of the kind and refuses fields of other kinds.
// Errors wrap ErrSLI, ErrSLIKind or ErrGapPolicy.
func (s SLI) Validate() error {
	set := func(name string, ok bool) string {
		if ok {
			return name
		}
		return ""
	}
	ratio := []string{set("good", s.Good != ""), set("bad", s.Bad != ""), set("total", s.Total != "")}
	latency := []string{set("histogram", s.Histogram != ""), set("threshold", s.Threshold != 0), set("selector", s.Selector != "")}
	avail := []string{set("expr", s.Expr != ""), set("gaps", s.Gaps != "")}
	foreign := func(groups ...[]string) error {
		var names []string
		for _, g := range groups {
			for _, n := range g {
				if n != "" {
					names = append(names, n)
				}
			}
		}
		if len(names) > 0 {
			return fmt.Errorf("%w: a %s SLI does not take %s", ErrSLI, s.Kind, strings.Join(names, ", "))
		}
		return nil
	}
	var errs []error
	switch s.Kind {
	case KindRatio:
		errs = append(errs, foreign(latency, avail))
		if strings.TrimSpace(s.Total) == "" {
			errs = append(errs, fmt.Errorf("%w: a ratio SLI needs total", ErrSLI))
		}
		if (strings.TrimSpace(s.Good) == "") == (strings.TrimSpace(s.Bad) == "") {
			errs = append(errs, fmt.Errorf("%w: a ratio SLI needs exactly one of good and bad", ErrSLI))
		}
	case KindLatency:
		errs = append(errs, foreign(ratio, avail))
		if !isMetricName(s.Histogram) {
			errs = append(errs, fmt.Errorf("%w: histogram %q is not a metric name", ErrSLI, s.Histogram))
		}
		for _, suf := range []string{"_bucket", "_count", "_sum"} {
			if strings.HasSuffix(s.Histogram, suf) {
				errs = append(errs, fmt.Errorf("%w: histogram is the base name, without %s", ErrSLI, suf))
			}
		}
		if !(s.Threshold > 0) || math.IsInf(s.Threshold, 0) {
			errs = append(errs, fmt.Errorf("%w: threshold must be a positive number of seconds, got %v", ErrSLI, s.Threshold))
		}
		if sel := strings.TrimSpace(s.Selector); sel != "" && (!strings.HasPrefix(sel, "{") || !strings.HasSuffix(sel, "}")) {
			errs = append(errs, fmt.Errorf("%w: selector must be label matchers in braces, got %q", ErrSLI, s.Selector))
		}
	case KindAvailability:
		errs = append(errs, foreign(ratio, latency))
		if strings.TrimSpace(s.Expr) == "" {
			errs = append(errs, fmt.Errorf("%w: an availability SLI needs expr", ErrSLI))
		}
		if s.Gaps != GapsAsDown && s.Gaps != GapsIgnored {
			errs = append(errs, fmt.Errorf("%w, got %q", ErrGapPolicy, s.Gaps))
		}
	default:
		return fmt.Errorf("%w, got %q", ErrSLIKind, s.Kind)
	}
	return errors.Join(errs...)
}

// BucketSelector is the series selector of the latency SLI's good events:
// <histogram>_bucket with the selector's matchers and le="<le>", where le is
// the exact label value MatchBucket returned.
func (s SLI) BucketSelector(le string) string {
	return s.Histogram + "_bucket" + mergeMatchers(s.Selector, "le="+strconv.Quote(le))
}

// CountSelector is the series selector of the latency SLI's total events:
// <histogram>_count with the selector's matchers.
func (s SLI) CountSelector() string {
	return s.Histogram + "_count" + mergeMatchers(s.Selector, "")
}

// BucketsSelector selects every bucket series of the latency SLI, for
// listing the available le values.
func (s SLI) BucketsSelector() string {
	return s.Histogram + "_bucket" + mergeMatchers(s.Selector, "")
}

func mergeMatchers(selector, extra string) string {
	inner := strings.TrimSpace(selector)
	inner = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(inner, "{"), "}"))
	inner = strings.TrimSuffix(inner, ",")
	switch {
	case inner == "" && extra == "":
		return ""
	case inner == "":
		return "{" + extra + "}"
	case extra == "":
		return "{" + inner + "}"
	}
	return "{" + inner + "," + extra + "}"
}

func isMetricName(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range s {
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':'
		if !letter && (i == 0 || c < '0' || c > '9') {
			return false
		}
	}
	return true
}

func isLabelName(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range s {
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
		if !letter && (i == 0 || c < '0' || c > '9') {
			return false
		}
	}
	return true
}
