// Package fanout runs calls concurrently and carries a panic in one of them
// back to the caller's goroutine, where the caller's own recovery can see it.
package fanout

import (
	"runtime/debug"
	"sync"
)

// Run calls fn(0) … fn(n−1) concurrently and returns when all have
// returned; fn writes its own result slot. It does not bound concurrency
// itself: every upstream call takes one of the process-wide upstream slots
// (prom.Slots), so nested fan-outs (queries, then chunks or SLO counters)
// share one bound and cannot deadlock, and n is small (the queries of a
// request, a few chunks or counters each).
//
// A panic in a call does not end the process, as a panic in a goroutine
// nobody recovers does: the goroutine recovers it, the other calls still
// run, and once all have returned the first panic is raised again in the
// caller's goroutine as a *Panic carrying the stack where it happened.
func Run(n int, fn func(i int)) {
	var (
		wg    sync.WaitGroup
		once  sync.Once
		first *Panic
	)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if p := recover(); p != nil {
					wp := Caught(p)
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

// Panic is a panic recovered in one goroutine and raised again in
// another, with the stack of the goroutine where it happened.
type Panic struct {
	Value any
	Stack []byte
}

// Caught wraps a recovered value with the current stack (in a deferred
// recover, the stack of the panic), keeping the original of a panic
// already carried from another goroutine.
func Caught(p any) *Panic {
	if wp, ok := p.(*Panic); ok {
		return wp
	}
	return &Panic{Value: p, Stack: debug.Stack()}
}
