package prom

import (
	"context"
	"errors"
	"testing"
	"time"
)

// errTestDeadline stands for a caller's own deadline error (the datasource
// names its configured timeout this way).
var errTestDeadline = errors.New("the caller's deadline")

func TestAnExpiredDeadlineKeepsTheContextsCause(t *testing.T) {
	f := startFake(t, withDelay(time.Hour))
	c := newTestClient(t, f.URL, Options{})
	ctx, cancel := context.WithTimeoutCause(context.Background(), 50*time.Millisecond, errTestDeadline)
	defer cancel()
	_, err := c.QueryRange(ctx, "up", testRange)
	if !errors.Is(err, ErrTimeout) || !errors.Is(err, errTestDeadline) || !IsUpstream(err) {
		t.Fatalf("err = %v, want ErrTimeout wrapping the context's cause", err)
	}
}
