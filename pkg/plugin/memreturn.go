package plugin

import (
	"runtime/debug"
	"sync"
	"time"
)

// Returning a burst's memory. After a large request the Go runtime keeps
// its garbage until the next collection, which an idle process only gets
// from the runtime's forced GC every two minutes, and then hands pages
// back to the OS gradually (the background scavenger); measured, a burst
// that took the process to 1.5 GB was still at 1.5 GB after 130 s of
// idleness. So once the process is idle after a request that held
// largeRequestPoints or more, debug.FreeOSMemory collects and returns
// everything free at once: at idle the live heap is small, so the forced
// collection is cheap, and it runs at most once per quiet period.
const (
	largeRequestPoints = 1_000_000 // ~150 MB of heap at the peak
	returnMemoryAfter  = 5 * time.Second
)

// memoryReturner runs free once no large request has ended for `after`
// and nothing is held; a request ending meanwhile postpones it.
type memoryReturner struct {
	after time.Duration
	held  func() int64 // points held by requests in progress
	free  func()

	mu    sync.Mutex
	timer *time.Timer
}

var processMemory = &memoryReturner{after: returnMemoryAfter, held: processBudget.Held, free: debug.FreeOSMemory}

// requestEnded tells the returner that a request which held up to points
// at once has finished.
func (m *memoryReturner) requestEnded(points int64) {
	if points < largeRequestPoints {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.timer != nil {
		m.timer.Reset(m.after)
		return
	}
	m.timer = time.AfterFunc(m.after, m.fire)
}

func (m *memoryReturner) fire() {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.held() > 0 { // busy again: wait for another quiet period
		m.timer.Reset(m.after)
		return
	}
	m.timer = nil
	m.free()
}
