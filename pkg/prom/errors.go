package prom

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Sentinel errors. Client methods wrap them with %w, so callers test with
// errors.Is; the messages name the cause but never a request URL or header.
var (
	// ErrUnreachable: no HTTP response at all (DNS failure, connection
	// refused or reset, TLS handshake failure). The transport's error is
	// wrapped.
	ErrUnreachable = errors.New("upstream unreachable")
	// ErrTimeout: the context deadline or the http.Client timeout expired,
	// or Prometheus reported errorType "timeout" (see APIError.Is).
	ErrTimeout = errors.New("upstream timed out")
	// ErrResponseTooLarge: the body exceeds Options.MaxResponseBytes. It is
	// detected while streaming; the body is never held in memory whole.
	ErrResponseTooLarge = errors.New("response too large")
	// ErrMalformedResponse: the body is JSON-like but not a valid answer to
	// the call: invalid or truncated JSON, an unexpected resultType or a
	// sample value that is not a float. The message gives the byte offset.
	ErrMalformedResponse = errors.New("malformed response")
	// ErrTruncated: the body ended before its JSON did: the connection
	// broke or closed early, or a proxy cut the response. It always comes
	// with ErrMalformedResponse, so errors.Is matches both.
	ErrTruncated = errors.New("body cut short")
	// ErrNotPrometheus: a 2xx body that is not a Prometheus API envelope,
	// such as an HTML login page or another service's JSON.
	ErrNotPrometheus = errors.New("not a Prometheus API response")
	// ErrUnauthorized matches an *APIError with status 401 or 403.
	ErrUnauthorized = errors.New("unauthorized")

	// ErrInvalidRange: the caller's Range cannot be queried (see Range.Validate).
	ErrInvalidRange = errors.New("invalid range")
	// ErrInvalidLabelName: the caller's label name is empty or not UTF-8.
	ErrInvalidLabelName = errors.New("invalid label name")
	// ErrInvalidConfig: NewClient was given an unusable URL, client or option.
	ErrInvalidConfig = errors.New("invalid client configuration")
)

// APIError is an error answer from the upstream: a Prometheus error envelope
// ({"status":"error","errorType":"bad_data","error":"..."}) or any non-2xx
// response. For a non-JSON body Type is empty and Message holds the first
// ~200 bytes of the body, whitespace collapsed.
type APIError struct {
	StatusCode int    // HTTP status; 0 when decoded without a response (the decoder; Client sets it)
	Type       string // Prometheus errorType: bad_data, execution, timeout, canceled, internal, unavailable, not_found
	Message    string
	// RetryAfter is the wait the upstream asked for in a Retry-After header
	// (RFC 9110 §10.2.3: seconds or an HTTP date), as rate limiters send
	// with 429; 0 when absent or unreadable.
	RetryAfter time.Duration
}

// Error returns one human line:
//
//	prometheus: bad_data: parse error at char 5: unexpected end of input
//	upstream returned 502 Bad Gateway: <html><head><title>502 Bad Gateway</title>...
func (e *APIError) Error() string {
	switch {
	case e.Type != "":
		return "prometheus: " + e.Type + ": " + e.Message
	case e.StatusCode == 0:
		return "prometheus: error: " + e.Message
	}
	s := fmt.Sprintf("upstream returned %d %s", e.StatusCode, http.StatusText(e.StatusCode))
	if e.Message != "" {
		s += ": " + e.Message
	}
	return s
}

// Is makes errors.Is(err, ErrUnauthorized) true for 401 and 403 answers and
// errors.Is(err, ErrTimeout) true for Prometheus' own query timeout
// (errorType "timeout", HTTP 503), so callers need one check per class
// while errors.As still yields the *APIError.
func (e *APIError) Is(target error) bool {
	switch target {
	case ErrUnauthorized:
		return e.StatusCode == http.StatusUnauthorized || e.StatusCode == http.StatusForbidden
	case ErrTimeout:
		return e.Type == "timeout"
	}
	return false
}

// IsUpstream reports whether err is the upstream's (or the network's) fault
// rather than the caller's: true for every *APIError and for ErrUnreachable,
// ErrTimeout, ErrResponseTooLarge, ErrMalformedResponse, ErrNotPrometheus,
// ErrUnauthorized, ErrRedirectRefused, context.Canceled and
// context.DeadlineExceeded; false for nil, ErrInvalidRange,
// ErrInvalidLabelName, ErrInvalidConfig, the caller's own limits
// (ErrTooManySeries, ErrTooManyPoints) and anything unknown. In Grafana's terms these are "downstream" errors.
func IsUpstream(err error) bool {
	if err == nil || errors.Is(err, ErrInvalidRange) || errors.Is(err, ErrInvalidLabelName) || errors.Is(err, ErrInvalidConfig) {
		return false
	}
	if apiErr := (*APIError)(nil); errors.As(err, &apiErr) {
		return true
	}
	for _, target := range []error{
		ErrUnreachable, ErrTimeout, ErrResponseTooLarge, ErrMalformedResponse,
		ErrNotPrometheus, ErrUnauthorized, ErrRedirectRefused, context.Canceled, context.DeadlineExceeded,
	} {
		if errors.Is(err, target) {
			return true
		}
	}
	return false
}

// parseRetryAfter reads a Retry-After value: delay-seconds ("120") or an
// HTTP date ("Wed, 21 Oct 2026 07:28:00 GMT", relative to now). Anything
// else, and a date in the past, is 0.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs <= 0 || secs > int64(math.MaxInt64/time.Second) {
			return 0
		}
		return time.Duration(secs) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now).Round(time.Second)
	}
	return 0
}
