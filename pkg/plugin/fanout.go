package plugin

import "sync"

// queryConcurrency bounds parallel upstream requests per QueryData call, so a
// dashboard with many panels cannot flood the upstream from one request.
const queryConcurrency = 4

// fanOut calls fn(0) … fn(n−1) with at most queryConcurrency running at once
// and returns when all have returned. fn writes its own result slot.
func fanOut(n int, fn func(i int)) {
	sem := make(chan struct{}, queryConcurrency)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			fn(i)
		}()
	}
	wg.Wait()
}
