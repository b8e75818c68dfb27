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

	sharedProm = &promSet{}
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

// SharedPrometheus is the default build's Prometheus (Debian's, on PATH)
// over SharedFixture, started on first use and shared by the test binary.
// Skips under -short; fails without the binaries.
func SharedPrometheus(t testing.TB) *Upstream {
	t.Helper()
	return sharedProm.getDefault(t)
}

// SharedPrometheuses is one Prometheus per build of the matrix over
// SharedFixture (Prometheus 2 first), started concurrently on first use.
// Skips under -short; fails when a build is missing.
func SharedPrometheuses(t testing.TB) []*Upstream {
	t.Helper()
	return sharedProm.getAll(t, nil)
}

// SharedVictoriaMetrics is a VictoriaMetrics over SharedFixture, started on
// first use and shared by the test binary. Skips under -short; fails without
// the binary.
func SharedVictoriaMetrics(t testing.TB) *Upstream {
	t.Helper()
	return sharedVM.get(t)
}

// SharedUpstreams returns every shared server, starting them concurrently
// on first use: each Prometheus build (2 first), then VictoriaMetrics.
func SharedUpstreams(t testing.TB) []*Upstream {
	t.Helper()
	return sharedProm.getAll(t, sharedVM)
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
	requireMain(t)
	s.ensure()
	if s.err != nil {
		t.Fatal(fmt.Errorf("shared %s: %w", s.name, s.err))
	}
	return s.up
}

func requireMain(t testing.TB) {
	t.Helper()
	if !mainInstalled.Load() {
		t.Fatal("testenv: shared servers need func TestMain(m *testing.M) { testenv.Main(m) } in the test package, which stops them")
	}
}

func (s *sharedServer) stop() {
	if s.up != nil {
		s.up.stop(true)
	}
}

// promSet is one shared server per Prometheus build over one fixture.
type promSet struct {
	name    string          // "" for the default fixture, else a suffix of the servers' names
	fixture func() *Fixture // nil: the default fixture

	mu      sync.Mutex
	servers map[string]*sharedServer // by build name
}

func (p *promSet) server(b Build) *sharedServer {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.servers == nil {
		p.servers = map[string]*sharedServer{}
	}
	s, ok := p.servers[b.Name]
	if !ok {
		name := b.Name
		if p.name != "" {
			name += "-" + p.name
		}
		s = &sharedServer{name: name, fixture: p.fixture,
			start: func(dir string, fx *Fixture) (*Upstream, error) { return startPrometheus(b, dir, fx) }}
		p.servers[b.Name] = s
	}
	return s
}

func (p *promSet) getDefault(t testing.TB) *Upstream {
	t.Helper()
	RequireIntegration(t)
	b, err := DefaultBuild()
	if err != nil {
		t.Fatal(err)
	}
	return p.server(b).get(t)
}

// getAll starts the server of every build, and extra when not nil, at
// once, and returns them in that order.
func (p *promSet) getAll(t testing.TB, extra *sharedServer) []*Upstream {
	t.Helper()
	bs := RequirePrometheusBuilds(t)
	requireMain(t)
	var servers []*sharedServer
	for _, b := range bs {
		servers = append(servers, p.server(b))
	}
	if extra != nil {
		servers = append(servers, extra)
	}
	var wg sync.WaitGroup
	for _, s := range servers {
		wg.Add(1)
		go func() { defer wg.Done(); s.ensure() }()
	}
	wg.Wait()
	ups := make([]*Upstream, len(servers))
	for i, s := range servers {
		ups[i] = s.get(t)
	}
	return ups
}

func (p *promSet) stop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, s := range p.servers {
		s.stop()
	}
}
