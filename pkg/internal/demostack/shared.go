package demostack

import (
	"os"
	"sync"
	"testing"

	"github.com/claudeenhancer/monitoring/pkg/internal/testenv"
)

// Shared is one stack a test binary starts on first use and stops after its
// tests: starting one takes most of a minute. Declare it as a package
// variable and run the tests through its Main:
//
//	var stack = demostack.NewShared(func() (*demostack.Stack, error) { return demostack.StartStack("3d") })
//
//	func TestMain(m *testing.M) { stack.Main(m) }
type Shared[T interface{ Stop() }] struct {
	start func() (T, error)

	mainRan bool
	once    sync.Once
	started bool // start ran, and returned v or err
	v       T
	err     error
}

// NewShared returns a Shared that start starts.
func NewShared[T interface{ Stop() }](start func() (T, error)) *Shared[T] {
	return &Shared[T]{start: start}
}

// Main runs the tests, then stops the stack if one started.
func (s *Shared[T]) Main(m *testing.M) {
	s.mainRan = true
	code := m.Run()
	if s.started && s.err == nil {
		s.v.Stop()
	}
	os.Exit(code)
}

// Get returns the stack, starting it on first use. It skips under -short and
// fails (never skips) when the stack cannot start: a missing tool or build.
func (s *Shared[T]) Get(t testing.TB) T {
	t.Helper()
	testenv.RequireIntegration(t)
	if !s.mainRan {
		t.Fatal("the shared stack needs TestMain to call its Main, which stops it")
	}
	s.once.Do(func() { s.v, s.err = s.start(); s.started = true })
	if s.err != nil {
		t.Fatal(s.err)
	}
	return s.v
}
