package prom

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// A credential the upstream echoes where an error message cuts the body
// must be redacted before the cut: a cut prefix is no longer recognisable.
func TestEchoedSecretsAreRedactedBeforeTheBodyIsCut(t *testing.T) {
	const secret = "0123456789abcdefSECRET"
	redact := func(s string) string { return strings.ReplaceAll(s, secret, "[redacted]") }
	tests := []struct {
		name   string
		status int
		at     int // where the secret starts in the body: across the cut
		want   error
	}{
		{"a 401 page whose snippet ends inside the secret", 401, snippetLen - 10, ErrUnauthorized},
		{"a 200 HTML page whose preview ends inside the secret", 200, 64 - 10, ErrNotPrometheus},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := "<" + strings.Repeat("x", tt.at-1) + secret + " and more text after it"
			f := startFake(t, withStatus(tt.status), withBody(body), withHeader("Content-Type", "text/html"))
			c := newTestClient(t, f.URL, Options{Redact: redact})
			_, err := c.QueryRange(context.Background(), "up", testRange)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if msg := err.Error(); strings.Contains(msg, secret[:8]) {
				t.Errorf("a prefix of the secret survived: %q", msg)
			}
		})
	}
}
