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
	Name    string   // EnginePrometheus or EngineVictoriaMetrics
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

// StartPrometheus backfills fx into a TSDB with promtool and serves it with
// prometheus on a free port of 127.0.0.1; the server is stopped when t ends.
// It skips under -short and fails when the binaries are missing.
func StartPrometheus(t testing.TB, fx *Fixture) *Upstream {
	t.Helper()
	RequireIntegration(t)
	up, err := startPrometheus(t.TempDir(), fx)
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

func startPrometheus(dir string, fx *Fixture) (*Upstream, error) {
	if fx == nil {
		return nil, errNoFixture
	}
	if err := fx.Validate(); err != nil {
		return nil, err
	}
	promtool, err := lookBinary("promtool")
	if err != nil {
		return nil, err
	}

	began := time.Now()
	om := filepath.Join(dir, "fixture.om")
	if err := writeFile(om, func(f *os.File) error { return fx.WriteOpenMetrics(f) }); err != nil {
		return nil, err
	}
	tsdb := filepath.Join(dir, "tsdb")
	out, err := runCommand(dir, promtool, "tsdb", "create-blocks-from", "openmetrics", "--max-block-duration=24h", om, tsdb)
	if err != nil {
		return nil, fmt.Errorf("promtool backfill: %w\n%s", err, out)
	}
	_ = os.Remove(om)
	load := time.Since(began)

	up, err := ServeTSDB(dir, tsdb)
	if err != nil {
		return nil, err
	}
	up.Fixture, up.Load = fx, load
	return up, nil
}
