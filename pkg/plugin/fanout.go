package plugin

import "sync"

// fanOut calls fn(0) … fn(n−1) concurrently and returns when all have
// returned; fn writes its own result slot. It does not bound concurrency
// itself: every upstream call takes one of the process-wide upstreamSlots,
// so nested fan-outs (queries, then chunks or SLO counters) share one
// bound and cannot deadlock, and n is small (at most maxQueriesPerRequest
// queries, a few chunks or counters each).
//
// A panic in a call does not end the process, as a panic in a goroutine
// nobody recovers does: the goroutine recovers it, the other calls still
// run, and once all have returned the first panic is raised again in the
// caller's goroutine as a *workerPanic carrying the stack where it
// happened, for the caller's own recovery (query, or the SDK's around
// QueryData) to handle.
func fanOut(n int, fn func(i int)) {
	var (
		wg    sync.WaitGroup
		once  sync.Once
		first *workerPanic
	)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if p := recover(); p != nil {
					wp := caught(p)
					once.Do(func() { first = wp })
				}
			}()
			fn(i)
		}()
	}
	wg.Wait()
	if first != nil {
		panic(first)
	}
}
