package limits

import (
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"time"
)

// Returning a burst's memory. After a large request the Go runtime keeps
// its garbage until the next collection, which an idle process only gets
// from the runtime's forced GC every two minutes, and then hands pages
// back to the OS gradually (the background scavenger); measured, a burst
// that took the process to 1.5 GB was still at 1.5 GB after 150 s of
// idleness. So once the process is quiet after a request that held
// largeRequestPoints or more, debug.FreeOSMemory collects and returns
// everything free at once; at idle the live heap is small, so the forced
// collection is cheap. The SDK encodes a response after QueryData returns,
// which takes seconds for a large one on a busy machine: while the live
// heap is still above quietHeap after a pass, another pass follows, up to
// maxReturnPasses.
const (
	largeRequestPoints = 1_000_000 // ~150 MB of heap at the peak
	returnMemoryAfter  = 5 * time.Second
	quietHeap          = 128 << 20
	maxReturnPasses    = 4
)

// memoryReturner runs free once no large request has ended for `after`
// and nothing is held; a request ending meanwhile postpones it.
type memoryReturner struct {
	after time.Duration
	held  func() int64  // points held by requests in progress
	live  func() uint64 // live heap bytes after the last collection
	free  func()

	mu     sync.Mutex
	timer  *time.Timer // created on first use, then only reset
	armed  bool        // a pass is due; a stale firing finds it false
	passes int
}

var processMemory = &memoryReturner{after: returnMemoryAfter, held: Process.Held, live: liveHeap, free: debug.FreeOSMemory}

// requestEnded tells the returner that a request which held up to points
// at once has finished.
func (m *memoryReturner) requestEnded(points int64) {
	if points < largeRequestPoints {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.armed, m.passes = true, 0
	if m.timer == nil {
		m.timer = time.AfterFunc(m.after, m.fire)
		return
	}
	m.timer.Reset(m.after)
}

func (m *memoryReturner) fire() {
	m.mu.Lock()
	defer m.mu.Unlock()
	if !m.armed {
		return
	}
	if m.held() > 0 { // busy again: wait for another quiet period
		m.timer.Reset(m.after)
		return
	}
	m.free()
	if m.passes++; m.passes < maxReturnPasses && m.live() > quietHeap {
		m.timer.Reset(m.after)
		return
	}
	m.armed = false
}

var liveHeapSample = []metrics.Sample{{Name: "/gc/heap/live:bytes"}}

// liveHeap is the heap marked live by the last collection. Only fire
// calls it, under memoryReturner.mu.
func liveHeap() uint64 {
	metrics.Read(liveHeapSample)
	return liveHeapSample[0].Value.Uint64()
}
