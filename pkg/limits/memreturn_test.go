package limits

import (
	"sync/atomic"
	"testing"
	"time"
)

func TestMemoryIsReturnedOnceTheProcessIsQuietAfterALargeRequest(t *testing.T) {
	var checks atomic.Int64
	freed := make(chan int64, maxReturnPasses)
	m := &memoryReturner{
		after: time.Millisecond,
		held: func() int64 { // busy at the first check, quiet after
			if checks.Add(1) == 1 {
				return 5
			}
			return 0
		},
		live: func() uint64 { return 0 },
	}
	m.free = func() { freed <- checks.Load() }

	m.requestEnded(largeRequestPoints - 1)
	m.mu.Lock()
	armed := m.armed
	m.mu.Unlock()
	if armed {
		t.Fatal("a small request scheduled a memory return")
	}
	m.requestEnded(largeRequestPoints)
	if n := <-freed; n != 2 {
		t.Errorf("freed after %d checks of what is held, want 2: not while a request held points", n)
	}
}

func TestMemoryIsReturnedAgainWhileTheHeapStaysLarge(t *testing.T) {
	var lives atomic.Int64
	freed := make(chan struct{}, maxReturnPasses+1)
	m := &memoryReturner{
		after: time.Millisecond,
		held:  func() int64 { return 0 },
		live: func() uint64 { // a response still being encoded: large for two passes
			if lives.Add(1) <= 2 {
				return quietHeap + 1
			}
			return quietHeap
		},
		free: func() { freed <- struct{}{} },
	}
	m.requestEnded(largeRequestPoints)
	for range 3 {
		<-freed
	}
	m.mu.Lock()
	done := !m.armed
	m.mu.Unlock()
	for !done { // the third pass found a quiet heap and disarmed; wait for its unlock
		time.Sleep(100 * time.Microsecond)
		m.mu.Lock()
		done = !m.armed
		m.mu.Unlock()
	}
	if n := lives.Load(); n != 3 || len(freed) != 0 {
		t.Errorf("%d passes checked the heap and %d more ran, want 3 and none", n, len(freed))
	}
}
