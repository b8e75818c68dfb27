package integration

import (
	"sync"
	"testing"
	"time"
)

// Resident memory of the plugin process, from /proc/<pid>/status.

// rssSampler reads VmRSS at a fixed interval until stopped.
type rssSampler struct {
	stopped chan struct{}
	done    chan struct{}
	mu      sync.Mutex
	samples []int64 // KiB
}

func startRSSSampler(p *pluginProcess, every time.Duration) *rssSampler {
	s := &rssSampler{stopped: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(s.done)
		tick := time.NewTicker(every)
		defer tick.Stop()
		for {
			if v, err := p.memoryKiB("VmRSS"); err == nil {
				s.mu.Lock()
				s.samples = append(s.samples, v)
				s.mu.Unlock()
			}
			select {
			case <-s.stopped:
				return
			case <-tick.C:
			}
		}
	}()
	return s
}

func (s *rssSampler) stop() []int64 {
	close(s.stopped)
	<-s.done
	return s.samples
}

// rssNear is how far above its baseline the resident set may stay once a
// load is over: half the baseline plus 32 MiB. The Go runtime keeps freed
// heap for reuse and returns it to the OS gradually (its background
// scavenger), so "back to baseline" is a bound, not equality.
func rssNear(baseKiB int64) int64 { return baseKiB + baseKiB/2 + 32<<10 }

// rssDeadline bounds the wait for the resident set to come down; the
// scavenger's pace, not a latency we promise.
const rssDeadline = 5 * time.Minute

// settledRSS runs a garbage collection in the plugin and returns its
// resident set. With a baseline (> 0) it repeats, every few seconds, until
// the resident set is within rssNear(baseline), and fails t if it never is.
func settledRSS(t *testing.T, p *pluginProcess, baseline int64) int64 {
	t.Helper()
	deadline := time.Now().Add(rssDeadline)
	for {
		if err := p.collectGarbage(); err != nil {
			t.Fatal(err)
		}
		v, err := p.memoryKiB("VmRSS")
		if err != nil {
			t.Fatal(err)
		}
		if baseline == 0 || v <= rssNear(baseline) {
			return v
		}
		if time.Now().After(deadline) {
			t.Errorf("RSS still %d MiB after %v, want at most %d MiB (baseline %d MiB)", v>>10, rssDeadline, rssNear(baseline)>>10, baseline>>10)
			return v
		}
		time.Sleep(5 * time.Second)
	}
}
