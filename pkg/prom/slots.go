package prom

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
)

// Slots bounds the upstream calls in flight across every Client that
// shares it (Options.Slots): a call takes a slot before it sends its
// request and gives it back once its body is decoded, so the decoding
// buffers held at once are bounded too. Waiters are served in arrival
// order (a channel's blocked senders queue FIFO). Safe for concurrent use.
type Slots struct {
	ch      chan struct{}
	waiting atomic.Int64
}

// NewSlots returns n slots; n < 1 is taken as 1.
func NewSlots(n int) *Slots {
	return &Slots{ch: make(chan struct{}, max(n, 1))}
}

// Cap is the number of slots.
func (s *Slots) Cap() int { return cap(s.ch) }

// InUse is the number of slots taken.
func (s *Slots) InUse() int { return len(s.ch) }

// Waiting is the number of calls waiting for a slot.
func (s *Slots) Waiting() int { return int(s.waiting.Load()) }

// acquire waits for a slot or for ctx to end; a nil *Slots never waits.
// A context that ends first gives ErrTimeout (deadline) or the context's
// error (cancellation), wrapping the context's cause (the datasource
// timeout names itself there) and saying whether slots were waited for.
func (s *Slots) acquire(ctx context.Context) error {
	if s == nil {
		return nil
	}
	if ctx.Err() != nil {
		return s.waitErr(ctx, false)
	}
	select {
	case s.ch <- struct{}{}:
		return nil
	default:
	}
	s.waiting.Add(1)
	defer s.waiting.Add(-1)
	select {
	case s.ch <- struct{}{}:
		return nil
	case <-ctx.Done():
		return s.waitErr(ctx, true)
	}
}

func (s *Slots) release() {
	if s != nil {
		<-s.ch
	}
}

func (s *Slots) waitErr(ctx context.Context, waited bool) error {
	cause := context.Cause(ctx)
	switch {
	case !errors.Is(ctx.Err(), context.DeadlineExceeded):
		return fmt.Errorf("waiting for one of the %d upstream call slots: %w", s.Cap(), cause)
	case !waited:
		return fmt.Errorf("%w: %w", ErrTimeout, cause)
	}
	return fmt.Errorf("%w waiting for one of the %d upstream call slots (all busy): %w", ErrTimeout, s.Cap(), cause)
}
