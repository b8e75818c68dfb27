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
type SharedServer struct {
	prom *promSet      // NewSharedPrometheus: one server per build
	vm   *sharedServer // NewSharedVictoriaMetrics
}

var (
	registeredMu sync.Mutex
	registered   []interface{ stop() }
)

// NewSharedPrometheus returns a shared Prometheus over the fixture that
// fixture builds, one per build of the matrix; fixture is called once,
// when a server is first needed. name tells the servers' temporary
// directories and errors apart.
func NewSharedPrometheus(name string, fixture func() *Fixture) *SharedServer {
	p := &promSet{name: name, fixture: once(fixture)}
	register(p)
	return &SharedServer{prom: p}
}

// NewSharedVictoriaMetrics is NewSharedPrometheus for VictoriaMetrics: a
// shared victoria-metrics importing the fixture that fixture builds on first
// use, stopped by Main.
func NewSharedVictoriaMetrics(name string, fixture func() *Fixture) *SharedServer {
	s := &sharedServer{name: EngineVictoriaMetrics + "-" + name, start: startVictoriaMetrics, fixture: once(fixture)}
	register(s)
	return &SharedServer{vm: s}
}

func once(fixture func() *Fixture) func() *Fixture {
	return sync.OnceValue(fixture)
}

func register(s interface{ stop() }) {
	registeredMu.Lock()
	registered = append(registered, s)
	registeredMu.Unlock()
}

// Get starts the server on first use and returns it: for a shared
// Prometheus, the default build's (Debian's, on PATH). Skips under -short;
// fails without the binaries or without testenv.Main in TestMain.
func (s *SharedServer) Get(t testing.TB) *Upstream {
	t.Helper()
	if s.vm != nil {
		return s.vm.get(t)
	}
	return s.prom.getDefault(t)
}

// GetAll starts every build's server of a shared Prometheus at once and
// returns them, Prometheus 2 first; for a VictoriaMetrics, it is Get.
func (s *SharedServer) GetAll(t testing.TB) []*Upstream {
	t.Helper()
	if s.vm != nil {
		return []*Upstream{s.vm.get(t)}
	}
	return s.prom.getAll(t, nil)
}

func registeredServers() []interface{ stop() } {
	registeredMu.Lock()
	defer registeredMu.Unlock()
	return append([]interface{ stop() }(nil), registered...)
}
