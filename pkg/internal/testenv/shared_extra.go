package testenv

import (
	"sync"
	"testing"
)

// SharedServer is a Prometheus or a VictoriaMetrics over a fixture of the
// caller's, started on first use and shared by the test binary like
// SharedPrometheus, and stopped by Main with it. It serves packages that
// need a second fixture (anomalies with known times, a week of data for a
// benchmark) without paying for it in tests that do not use it. Declare one
// per fixture as a package variable.
type SharedServer struct{ s *sharedServer }

var (
	registeredMu sync.Mutex
	registered   []*sharedServer
)

// NewSharedPrometheus returns a shared Prometheus over the fixture that
// fixture builds; fixture is called once, when the server is first needed.
// name tells the server's temporary directory and errors apart.
func NewSharedPrometheus(name string, fixture func() *Fixture) *SharedServer {
	return register(&sharedServer{name: EnginePrometheus + "-" + name, start: startPrometheus, fixture: fixture})
}

// NewSharedVictoriaMetrics is NewSharedPrometheus for VictoriaMetrics: a
// shared victoria-metrics importing the fixture that fixture builds on first
// use, stopped by Main.
func NewSharedVictoriaMetrics(name string, fixture func() *Fixture) *SharedServer {
	return register(&sharedServer{name: EngineVictoriaMetrics + "-" + name, start: startVictoriaMetrics, fixture: fixture})
}

func register(s *sharedServer) *SharedServer {
	registeredMu.Lock()
	registered = append(registered, s)
	registeredMu.Unlock()
	return &SharedServer{s}
}

// Get starts the server on first use and returns it. Skips under -short;
// fails without the binaries or without testenv.Main in TestMain.
func (s *SharedServer) Get(t testing.TB) *Upstream {
	t.Helper()
	return s.s.get(t)
}

func registeredServers() []*sharedServer {
	registeredMu.Lock()
	defer registeredMu.Unlock()
	return append([]*sharedServer(nil), registered...)
}
