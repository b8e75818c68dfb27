package plugin

import "sync"

// queryConcurrency bounds parallel upstream requests per QueryData call, so a
// dashboard with many panels cannot flood the upstream from one request.
const queryConcurrency = 4

// fanOut calls fn(0) … fn(n−1) with at most queryConcurrency running at once
// and returns when all have returned. fn writes its own result slot.
func fanOut(n int, fn func(i int)) { fanOutLimit(n, queryConcurrency, fn) }

// fanOutLimit is fanOut with at most limit calls running at once. A panic
// in a call does not end the process, as a panic in a goroutine nobody
// recovers does: the goroutine recovers it, the other calls still run, and
// once all have returned the first panic is raised again in the caller's
// goroutine as a *workerPanic carrying the stack where it happened, for the
// caller's own recovery (query, or the SDK's around QueryData) to handle.
func fanOutLimit(n, limit int, fn func(i int)) {
	sem := make(chan struct{}, limit)
	var (
		wg    sync.WaitGroup
		once  sync.Once
		first *workerPanic
	)
	for i := range n {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
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
