package plugin

import "sync"

// fanOut calls fn(0) … fn(n−1) concurrently and returns when all have
// returned; fn writes its own result slot. It does not bound concurrency
// itself: every upstream call takes one of the process-wide upstreamSlots,
// so nested fan-outs (queries, then chunks or SLO counters) share one
// bound and cannot deadlock, and n is small (at most maxQueriesPerRequest
// queries, a few chunks or counters each).
func fanOut(n int, fn func(i int)) {
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(i)
		}()
	}
	wg.Wait()
}
