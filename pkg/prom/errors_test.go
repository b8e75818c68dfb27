package prom

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
)

func TestIsUpstream(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"nil is nobody's fault", nil, false},
		{"an APIError is upstream", &APIError{StatusCode: 400, Type: "bad_data"}, true},
		{"a wrapped APIError is upstream", fmt.Errorf("query A: %w", &APIError{StatusCode: 502}), true},
		{"ErrUnreachable is upstream", fmt.Errorf("%w: dial tcp: connection refused", ErrUnreachable), true},
		{"ErrTimeout is upstream", ErrTimeout, true},
		{"ErrResponseTooLarge is upstream", ErrResponseTooLarge, true},
		{"ErrMalformedResponse is upstream", ErrMalformedResponse, true},
		{"ErrNotPrometheus is upstream", ErrNotPrometheus, true},
		{"ErrUnauthorized is upstream", ErrUnauthorized, true},
		{"context.Canceled is upstream", fmt.Errorf("x: %w", context.Canceled), true},
		{"context.DeadlineExceeded is upstream", context.DeadlineExceeded, true},
		{"ErrInvalidRange is the caller's", fmt.Errorf("%w: step must be positive", ErrInvalidRange), false},
		{"ErrInvalidLabelName is the caller's", ErrInvalidLabelName, false},
		{"ErrInvalidConfig is the caller's", ErrInvalidConfig, false},
		{"an unknown error is not claimed", io.ErrShortWrite, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IsUpstream(tt.err); got != tt.want {
				t.Errorf("IsUpstream(%v) = %v, want %v", tt.err, got, tt.want)
			}
		})
	}
}

func TestAPIError(t *testing.T) {
	tests := []struct {
		name         string
		err          *APIError
		want         string
		unauthorized bool
		timeout      bool
	}{
		{"a Prometheus error names its type", &APIError{StatusCode: 400, Type: "bad_data", Message: "parse error at char 5: unexpected end"}, "prometheus: bad_data: parse error at char 5: unexpected end", false, false},
		{"a bare status names the status and the snippet", &APIError{StatusCode: 502, Type: "", Message: "<html>bad gateway</html>"}, "upstream returned 502 Bad Gateway: <html>bad gateway</html>", false, false},
		{"an empty body gives just the status", &APIError{StatusCode: 500, Type: "", Message: ""}, "upstream returned 500 Internal Server Error", false, false},
		{"a decoded envelope without status code says prometheus", &APIError{StatusCode: 0, Type: "", Message: "boom"}, "prometheus: error: boom", false, false},
		{"401 is unauthorized", &APIError{StatusCode: 401, Type: "", Message: "no"}, "upstream returned 401 Unauthorized: no", true, false},
		{"403 is unauthorized", &APIError{StatusCode: 403, Type: "", Message: ""}, "upstream returned 403 Forbidden", true, false},
		{"a Prometheus timeout is a timeout", &APIError{StatusCode: 503, Type: "timeout", Message: "query timed out"}, "prometheus: timeout: query timed out", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := fmt.Errorf("wrapped: %w", tt.err)
			if tt.err.Error() != tt.want {
				t.Errorf("Error() = %q, want %q", tt.err.Error(), tt.want)
			}
			if errors.Is(err, ErrUnauthorized) != tt.unauthorized || errors.Is(err, ErrTimeout) != tt.timeout {
				t.Errorf("Is(ErrUnauthorized) = %v, Is(ErrTimeout) = %v", errors.Is(err, ErrUnauthorized), errors.Is(err, ErrTimeout))
			}
		})
	}
}

func TestSnippet(t *testing.T) {
	long := strings.Repeat("a", 199) + "é and more"
	tests := []struct {
		name, in, want string
	}{
		{"whitespace runs collapse to one space and the ends are trimmed", "\n  <html>\n\t<b>x</b>  </html>\n", "<html> <b>x</b> </html>"},
		{"a long body is cut at 200 bytes with an ellipsis", strings.Repeat("x", 300), strings.Repeat("x", 200) + "..."},
		{"the cut never splits a UTF-8 sequence", long, strings.Repeat("a", 199) + "..."},
		{"invalid UTF-8 becomes U+FFFD", "a\xffb", "a\uFFFDb"},
		{"an empty body gives an empty snippet", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := snippet([]byte(tt.in)); got != tt.want {
				t.Errorf("snippet = %q, want %q", got, tt.want)
			}
		})
	}
}
