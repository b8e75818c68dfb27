package testenv

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// Engine names, the Name of an Upstream.
const (
	EnginePrometheus      = "prometheus"
	EngineVictoriaMetrics = "victoriametrics"
)

// Upstream is a running Prometheus-compatible server holding a fixture.
type Upstream struct {
	// Name tells servers apart in subtest names: the Build's name
	// ("prometheus-2.42", "prometheus-3.16") or EngineVictoriaMetrics.
	Name    string
	Engine  string   // EnginePrometheus or EngineVictoriaMetrics
	Build   *Build   // the Prometheus build; nil for VictoriaMetrics
	URL     string   // http://127.0.0.1:<port>, no trailing slash
	Fixture *Fixture // the data it serves; nil under ServeTSDB
	// Load is how long loading the fixture took (promtool backfill, or
	// VictoriaMetrics import + flush + visibility); Ready how long the server
	// took to answer its readiness endpoint.
	Load, Ready time.Duration

	proc *process
	dir  string // removed on stop when owned
}

// Log returns the tail of the server's output, for failure messages.
func (u *Upstream) Log() string { return u.proc.log.String() }

func (u *Upstream) stop(removeDir bool) {
	u.proc.stop()
	if removeDir && u.dir != "" {
		_ = os.RemoveAll(u.dir)
	}
}

// LeftOpen reports whether the server's range selectors exclude a sample
// at the range's start (Prometheus 3). VictoriaMetrics' are left-open too,
// but its rate() and increase() start from the last sample before the range,
// so on a fixture's step grid they see what Prometheus 2's closed ranges see.
func (u *Upstream) LeftOpen() bool { return u.Build != nil && u.Build.LeftOpen() }

// StartPrometheus backfills fx into a TSDB with the default build's promtool
// (Debian's, on PATH) and serves it on a free port of 127.0.0.1; the server
// is stopped when t ends. It skips under -short and fails when the binaries
// are missing.
func StartPrometheus(t testing.TB, fx *Fixture) *Upstream {
	t.Helper()
	RequireIntegration(t)
	b, err := DefaultBuild()
	if err != nil {
		t.Fatal(err)
	}
	return StartPrometheusBuild(t, b, fx)
}

// StartPrometheusBuild is StartPrometheus with build b's promtool and
// prometheus.
func StartPrometheusBuild(t testing.TB, b Build, fx *Fixture) *Upstream {
	t.Helper()
	RequireIntegration(t)
	up, err := startPrometheus(b, t.TempDir(), fx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { up.stop(false) })
	return up
}

// StartVictoriaMetrics starts victoria-metrics on a free port of 127.0.0.1,
// imports fx and waits until it is queryable; the server is stopped when t
// ends. It skips under -short and fails when the binary is missing.
func StartVictoriaMetrics(t testing.TB, fx *Fixture) *Upstream {
	t.Helper()
	RequireIntegration(t)
	up, err := startVictoriaMetrics(t.TempDir(), fx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { up.stop(false) })
	return up
}

var errNoFixture = errors.New("testenv: nil fixture")

const prometheusConfig = `# testenv: serve a backfilled TSDB, scrape nothing.
global:
  scrape_interval: 15s
scrape_configs: []
`

func startPrometheus(b Build, dir string, fx *Fixture) (*Upstream, error) {
	if fx == nil {
		return nil, errNoFixture
	}
	if err := fx.Validate(); err != nil {
		return nil, err
	}

	began := time.Now()
	om := filepath.Join(dir, "fixture.om")
	if err := writeFile(om, func(f *os.File) error { return fx.WriteOpenMetrics(f) }); err != nil {
		return nil, err
	}
	tsdb := filepath.Join(dir, "tsdb")
	out, err := runCommand(dir, b.Promtool, "tsdb", "create-blocks-from", "openmetrics", "--max-block-duration=24h", om, tsdb)
	if err != nil {
		return nil, fmt.Errorf("promtool backfill: %w\n%s", err, out)
	}
	_ = os.Remove(om)
	load := time.Since(began)

	up, err := ServeTSDBBuild(b, dir, tsdb)
	if err != nil {
		return nil, err
	}
	up.Fixture, up.Load = fx, load
	return up, nil
}
