package testenv

import (
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// DefaultSeed seeds the shared fixture.
const DefaultSeed = 20261127

// Starting a server and loading it costs seconds, so a test binary shares one
// of each over one fixture. Main stops them after the tests.
var (
	mainInstalled atomic.Bool

	sharedFixtureOnce sync.Once
	sharedFixture     *Default

	sharedProm = &sharedServer{name: EnginePrometheus, start: startPrometheus}
	sharedVM   = &sharedServer{name: EngineVictoriaMetrics, start: startVictoriaMetrics}
)

// Main runs the tests of a package that uses the shared servers and stops
// them afterwards. Call it from TestMain:
//
//	func TestMain(m *testing.M) { testenv.Main(m) }
func Main(m *testing.M) {
	mainInstalled.Store(true)
	code := m.Run()
	sharedProm.stop()
	sharedVM.stop()
	for _, s := range registeredServers() {
		s.stop()
	}
	os.Exit(code)
}

// SharedFixture is the default fixture shared by this test binary, built
// from the time of the first call and DefaultSeed.
func SharedFixture() *Default {
	sharedFixtureOnce.Do(func() { sharedFixture = NewDefault(time.Now(), DefaultSeed) })
	return sharedFixture
}

// SharedPrometheus is a Prometheus over SharedFixture, started on first use
// and shared by the test binary. Skips under -short; fails without the binary.
func SharedPrometheus(t testing.TB) *Upstream {
	t.Helper()
	return sharedProm.get(t)
}

// SharedVictoriaMetrics is a VictoriaMetrics over SharedFixture, started on
// first use and shared by the test binary. Skips under -short; fails without
// the binary.
func SharedVictoriaMetrics(t testing.TB) *Upstream {
	t.Helper()
	return sharedVM.get(t)
}

// SharedUpstreams returns both shared servers, starting them concurrently
// on first use: Prometheus first, then VictoriaMetrics.
func SharedUpstreams(t testing.TB) []*Upstream {
	t.Helper()
	RequireIntegration(t)
	var wg sync.WaitGroup
	for _, s := range []*sharedServer{sharedProm, sharedVM} {
		wg.Add(1)
		go func() { defer wg.Done(); s.ensure() }()
	}
	wg.Wait()
	return []*Upstream{sharedProm.get(t), sharedVM.get(t)}
}

type sharedServer struct {
	name    string
	start   func(dir string, fx *Fixture) (*Upstream, error)
	fixture func() *Fixture // nil: the default fixture

	once sync.Once
	up   *Upstream
	err  error
}

func (s *sharedServer) ensure() {
	s.once.Do(func() {
		dir, err := os.MkdirTemp("", "testenv-"+s.name+"-")
		if err != nil {
			s.err = err
			return
		}
		fx := &SharedFixture().Fixture
		if s.fixture != nil {
			fx = s.fixture()
		}
		s.up, s.err = s.start(dir, fx)
		if s.err != nil {
			_ = os.RemoveAll(dir)
		}
	})
}

func (s *sharedServer) get(t testing.TB) *Upstream {
	t.Helper()
	RequireIntegration(t)
	if !mainInstalled.Load() {
		t.Fatal("testenv: shared servers need func TestMain(m *testing.M) { testenv.Main(m) } in the test package, which stops them")
	}
	s.ensure()
	if s.err != nil {
		t.Fatal(fmt.Errorf("shared %s: %w", s.name, s.err))
	}
	return s.up
}

func (s *sharedServer) stop() {
	if s.up != nil {
		s.up.stop(true)
	}
}
