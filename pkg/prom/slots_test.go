package prom

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// gate is an upstream whose requests block until the test opens it; it
// records how many were in flight at most.
type gate struct {
	*httptest.Server
	open              chan struct{}
	inFlight, maxSeen atomic.Int64
	arrived           atomic.Int64
}

func newGate(t *testing.T) *gate {
	g := &gate{open: make(chan struct{})}
	g.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := g.inFlight.Add(1)
		defer g.inFlight.Add(-1)
		for {
			m := g.maxSeen.Load()
			if n <= m || g.maxSeen.CompareAndSwap(m, n) {
				break
			}
		}
		g.arrived.Add(1)
		select {
		case <-g.open:
		case <-r.Context().Done():
			return
		}
		_, _ = w.Write([]byte(matrixBody))
	}))
	t.Cleanup(g.Close)
	return g
}

// waitFor polls until cond holds; the test's own timeout is the bound.
func waitFor(cond func() bool) {
	for !cond() {
		time.Sleep(100 * time.Microsecond)
	}
}

func TestSlotsBoundTheCallsInFlightAcrossClients(t *testing.T) {
	g := newGate(t)
	slots := NewSlots(3)
	clients := []*Client{
		newTestClient(t, g.URL, Options{Slots: slots}),
		newTestClient(t, g.URL, Options{Slots: slots}),
	}
	const calls = 10
	var wg sync.WaitGroup
	errs := make([]error, calls)
	for i := range calls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = clients[i%2].QueryRange(context.Background(), "up", testRange)
		}()
	}
	// Every call has either reached the upstream or is waiting for a slot.
	waitFor(func() bool { return g.arrived.Load()+int64(slots.Waiting()) == calls })
	if n := g.inFlight.Load(); n != 3 {
		t.Errorf("%d requests in flight with 3 slots", n)
	}
	close(g.open)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if g.maxSeen.Load() != 3 || g.arrived.Load() != calls {
		t.Errorf("at most %d in flight over %d calls, want 3 over %d", g.maxSeen.Load(), g.arrived.Load(), calls)
	}
}

func TestWaitingForASlotEndsWithTheContext(t *testing.T) {
	g := newGate(t)
	defer close(g.open)
	slots := NewSlots(1)
	c := newTestClient(t, g.URL, Options{Slots: slots})
	go func() { _, _ = c.QueryRange(context.Background(), "up", testRange) }()
	waitFor(func() bool { return g.arrived.Load() == 1 })

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { _, err := c.QueryRange(ctx, "up", testRange); done <- err }()
	waitFor(func() bool { return slots.Waiting() == 1 })
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if g.arrived.Load() != 1 {
		t.Errorf("the canceled call reached the upstream")
	}

	ctx, cancel = context.WithTimeout(context.Background(), 1) // already expired
	defer cancel()
	<-ctx.Done()
	if _, err := c.QueryRange(ctx, "up", testRange); !errors.Is(err, ErrTimeout) {
		t.Errorf("err = %v, want ErrTimeout for a deadline that passed while waiting", err)
	}
}
