package prom

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 10, 21, 7, 28, 0, 0, time.UTC)
	tests := []struct {
		name, in string
		want     time.Duration
	}{
		{"delay-seconds", "120", 2 * time.Minute},
		{"an HTTP date is relative to now", "Wed, 21 Oct 2026 07:28:30 GMT", 30 * time.Second},
		{"a date in the past is no wait", "Wed, 21 Oct 2026 07:00:00 GMT", 0},
		{"absent", "", 0},
		{"zero", "0", 0},
		{"negative", "-5", 0},
		{"a fraction is not delay-seconds", "1.5", 0},
		{"beyond time.Duration", "99999999999999", 0},
		{"garbage", "soon", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := parseRetryAfter(tt.in, now); got != tt.want {
				t.Errorf("parseRetryAfter(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestRateLimitedAnswerCarriesRetryAfter(t *testing.T) {
	for _, body := range []string{"too many requests", `{"status":"error","errorType":"unavailable","error":"tenant rate limit"}`} {
		f := startFake(t, withStatus(429), withHeader("Retry-After", "30"), withBody(body))
		_, err := newTestClient(t, f.URL, Options{}).QueryRange(context.Background(), "up", testRange)
		var apiErr *APIError
		if !errors.As(err, &apiErr) || apiErr.StatusCode != 429 || apiErr.RetryAfter != 30*time.Second {
			t.Errorf("body %q: err = %#v, want a 429 APIError with RetryAfter 30s", body, err)
		}
	}
}
