package plugin

import (
	"sync/atomic"
	"testing"
	"time"
)

func TestMemoryIsReturnedOnceTheProcessIsQuietAfterALargeRequest(t *testing.T) {
	var busyChecks atomic.Int64
	freed := make(chan int64, 1)
	m := &memoryReturner{
		after: time.Millisecond,
		held: func() int64 { // busy at the first check, idle after
			if busyChecks.Add(1) == 1 {
				return 5
			}
			return 0
		},
	}
	m.free = func() { freed <- busyChecks.Load() }

	m.requestEnded(largeRequestPoints - 1)
	m.mu.Lock()
	armed := m.timer != nil
	m.mu.Unlock()
	if armed {
		t.Fatal("a small request scheduled a memory return")
	}
	m.requestEnded(largeRequestPoints)
	if checks := <-freed; checks != 2 {
		t.Errorf("freed after %d checks of what is held, want 2: not while a request held points", checks)
	}
}
