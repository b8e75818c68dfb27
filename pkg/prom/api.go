// Package prom is a small client for the Prometheus HTTP query API
// (Prometheus, VictoriaMetrics, Mimir, Thanos). It decodes responses as a
// stream into typed series, bounds response size and classifies failures so
// callers can tell upstream problems from their own.
package prom

import (
	"time"
)

// DefaultMaxResponseBytes bounds a response body when Options.MaxResponseBytes
// is zero: 100 MiB, roughly 3 million points of a range query.
const DefaultMaxResponseBytes int64 = 100 << 20

// Options tunes a Client. The zero value is ready to use.
type Options struct {
	// Method is the HTTP method of the query and label-name endpoints:
	// "POST" (the default; long expressions stay out of URLs and logs) or
	// "GET" (for proxies that only allow reads). Label values and build
	// info are always fetched with GET, as Prometheus only routes GET there.
	Method string
	// MaxResponseBytes bounds the decoded size of one response body; a
	// larger body fails with ErrResponseTooLarge as soon as the limit is
	// crossed. Zero means DefaultMaxResponseBytes.
	MaxResponseBytes int64
	// Slots, when set, bounds the calls in flight across every client
	// sharing it; a call waits for a slot, as long as its context allows.
	Slots *Slots
	// Redact, when set, is applied to upstream text that goes into an
	// error (a non-2xx body, the start of a body that is not JSON) before
	// that text is cut to length, so a credential the upstream echoes is
	// replaced whole instead of being cut into a prefix no redactor
	// recognises.
	Redact func(string) string
}

// Labels is a series' label set, including __name__ when the upstream sends it.
type Labels map[string]string

// Series is one time series of a range query result. Times are Unix
// milliseconds, ascending; Values may hold NaN and ±Inf as Prometheus sends
// them. len(Times) == len(Values) always.
type Series struct {
	Labels Labels
	Times  []int64
	Values []float64
}

// Sample is one element of an instant-vector result.
type Sample struct {
	Labels Labels
	Time   int64 // Unix milliseconds
	Value  float64
}

// Range is the evaluation range of a range query. Start and End are
// inclusive; Step must be positive. See Range.Validate for the limits.
type Range struct {
	Start, End time.Time
	Step       time.Duration
}

// Matrix is the decoded result of a range query.
type Matrix struct {
	Series []Series
	// Warnings are the upstream's warnings (e.g. a partial response from a
	// federated engine), plus one of our own when series carrying native
	// histogram samples were skipped.
	Warnings []string
	// Infos are info-level annotations (Prometheus 3), such as "metric
	// might not be a counter".
	Infos []string
}

// BuildInfo is what /api/v1/status/buildinfo reports. Fields are empty when
// the engine does not report them: VictoriaMetrics answers with no data, a
// Prometheus built from source (go install) with an empty version and the
// revision "unknown"; only some engines name themselves (Grafana Mimir's
// "application").
type BuildInfo struct {
	Version     string
	Application string // the engine's name, e.g. "Grafana Mimir"
	Revision    string // the source revision, e.g. a git commit
}
