package prom

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestServerDownIsErrUnreachable(t *testing.T) {
	f := startFake(t)
	url := f.URL
	f.Close()
	_, err := newTestClient(t, url, Options{}).QueryRange(context.Background(), "up", testRange)
	if !errors.Is(err, ErrUnreachable) || !IsUpstream(err) {
		t.Fatalf("err = %v, want ErrUnreachable", err)
	}
	if strings.Contains(err.Error(), "query_range") {
		t.Errorf("err = %q repeats the request URL", err)
	}
}

func TestAnUpstreamSlowerThanTheDeadlineIsErrTimeout(t *testing.T) {
	f := startFake(t, withDelay(5*time.Second))
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := newTestClient(t, f.URL, Options{}).QueryRange(ctx, "up", testRange)
	if !errors.Is(err, ErrTimeout) || !errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want ErrTimeout wrapping context.DeadlineExceeded", err)
	}
}

func TestTheHTTPClientTimeoutIsErrTimeout(t *testing.T) {
	f := startFake(t, withDelay(5*time.Second))
	c, err := NewClient(f.URL, &http.Client{Timeout: 50 * time.Millisecond}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = c.Query(context.Background(), "up", time.Time{})
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("err = %v, want ErrTimeout", err)
	}
}

func TestACanceledContextPassesThrough(t *testing.T) {
	f := startFake(t, withDelay(5*time.Second))
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(30*time.Millisecond, cancel)
	_, err := newTestClient(t, f.URL, Options{}).QueryRange(ctx, "up", testRange)
	if !errors.Is(err, context.Canceled) || errors.Is(err, ErrTimeout) {
		t.Fatalf("err = %v, want context.Canceled and not ErrTimeout", err)
	}
}

func TestAnOversizeBodyFailsWhileStreaming(t *testing.T) {
	const limit, size = 1 << 20, 256 << 20
	f := startFake(t, withOversizeBody(size))
	_, err := newTestClient(t, f.URL, Options{MaxResponseBytes: limit}).QueryRange(context.Background(), "up", testRange)
	if !errors.Is(err, ErrResponseTooLarge) {
		t.Fatalf("err = %v, want ErrResponseTooLarge", err)
	}
	// The client hangs up at the limit, so the server gets stuck far short
	// of the whole body (socket buffers hold a few MiB at most).
	f.Close()
	if w := f.written.Load(); w >= size/4 {
		t.Errorf("the server wrote %d of %d bytes before the client gave up", w, size)
	}
}

func TestADeclaredContentLengthOverTheLimitFailsBeforeReading(t *testing.T) {
	f := startFake(t)
	_, _, err := newTestClient(t, f.URL, Options{MaxResponseBytes: 10}).Query(context.Background(), "up", time.Time{})
	if !errors.Is(err, ErrResponseTooLarge) || err.Error() != "response too large: body exceeds the limit of 10 bytes" {
		t.Fatalf("err = %v, want ErrResponseTooLarge", err)
	}
}

// authTransport adds a secret header, as Grafana's authentication middleware does.
type authTransport struct{ next http.RoundTripper }

func (a authTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("Authorization", "Bearer header-s3cret")
	return a.next.RoundTrip(r)
}

func TestErrorMessagesNeverRevealCredentials(t *testing.T) {
	down := startFake(t)
	down.Close()
	tests := []struct {
		name string
		url  string
		ctx  time.Duration
	}{
		{"when the server is down", down.URL, 0},
		{"when the server is too slow", startFake(t, withDelay(5*time.Second)).URL, 50 * time.Millisecond},
		{"when a proxy answers 502", startFake(t, withStatus(502), withBody("bad gateway")).URL, 0},
		{"when the body is malformed", startFake(t, withBody(`{"status":"success","data":{"result":[{`)).URL, 0},
		{"when the answer is HTML", startFake(t, withBody("<html>login</html>")).URL, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := strings.Replace(tt.url, "http://", "http://admin:url-s3cret@", 1)
			c, err := NewClient(base, &http.Client{Transport: authTransport{http.DefaultTransport}}, Options{Method: "GET"})
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			if tt.ctx > 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, tt.ctx)
				defer cancel()
			}
			_, err = c.QueryRange(ctx, `secret_query{token="q-s3cret"}`, testRange)
			if err == nil {
				t.Fatal("err = nil, want an error")
			}
			if strings.Contains(err.Error(), "s3cret") {
				t.Errorf("error reveals a secret: %q", err)
			}
		})
	}
}
