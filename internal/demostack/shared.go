package demostack

import (
	"os"
	"sync"
	"testing"

	"github.com/claudeenhancer/monitoring/internal/testenv"
)

// Shared is one stack per Prometheus build that a test binary starts on
// first use and stops after its tests: starting one takes most of a
// minute. Declare it as a package variable and run the tests through its
// Main:
//
//	var stacks = demostack.NewShared(func(b testenv.Build) (*demostack.Stack, error) { return demostack.StartStack(b, "3d") })
//
//	func TestMain(m *testing.M) { stacks.Main(m) }
type Shared[T interface{ Stop() }] struct {
	start func(testenv.Build) (T, error)

	mainRan bool
	mu      sync.Mutex
	started map[string]*started[T] // by build name
}

type started[T any] struct {
	once sync.Once
	ran  bool // start ran, and returned v or err
	v    T
	err  error
}

// NewShared returns a Shared that start starts, once per build.
func NewShared[T interface{ Stop() }](start func(testenv.Build) (T, error)) *Shared[T] {
	return &Shared[T]{start: start, started: map[string]*started[T]{}}
}

// Main runs the tests, then stops every stack that started.
func (s *Shared[T]) Main(m *testing.M) {
	s.mainRan = true
	code := m.Run()
	s.mu.Lock()
	for _, st := range s.started {
		if st.ran && st.err == nil {
			st.v.Stop()
		}
	}
	s.mu.Unlock()
	os.Exit(code)
}

// Get returns build b's stack, starting it on first use. It skips under
// -short and fails (never skips) when the stack cannot start: a missing
// tool or build.
func (s *Shared[T]) Get(t testing.TB, b testenv.Build) T {
	t.Helper()
	testenv.RequireIntegration(t)
	if !s.mainRan {
		t.Fatal("the shared stack needs TestMain to call its Main, which stops it")
	}
	s.mu.Lock()
	st, ok := s.started[b.Name]
	if !ok {
		st = &started[T]{}
		s.started[b.Name] = st
	}
	s.mu.Unlock()
	st.once.Do(func() { st.v, st.err = s.start(b); st.ran = true })
	if st.err != nil {
		t.Fatal(st.err)
	}
	return st.v
}

// Each runs test as one subtest per Prometheus build of the matrix
// (named after the build), on that build's stack.
func (s *Shared[T]) Each(t *testing.T, test func(t *testing.T, v T)) {
	t.Helper()
	for _, b := range testenv.RequirePrometheusBuilds(t) {
		t.Run(b.Name, func(t *testing.T) { test(t, s.Get(t, b)) })
	}
}
