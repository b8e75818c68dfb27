package testenv

import (
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// Servers for callers without a testing.TB to own temporary directories and
// cleanups: the browser harness's devserver, a stack shared by a test binary.

// ServePrometheus backfills fx into dir and serves it with the default
// build (Debian's prometheus, on PATH) on a free port of 127.0.0.1, like
// StartPrometheus. The caller owns dir and must call Stop; the server is
// also killed if the calling process dies.
func ServePrometheus(dir string, fx *Fixture) (*Upstream, error) {
	b, err := DefaultBuild()
	if err != nil {
		return nil, err
	}
	return startPrometheus(b, dir, fx)
}

// ServeTSDB serves a TSDB already backfilled at tsdb (the demo generator's
// history, say) with the default build on a free port of 127.0.0.1; it
// writes its configuration into dir. The caller owns both and must call
// Stop.
func ServeTSDB(dir, tsdb string) (*Upstream, error) {
	b, err := DefaultBuild()
	if err != nil {
		return nil, err
	}
	return ServeTSDBBuild(b, dir, tsdb)
}

// ServeTSDBBuild is ServeTSDB with build b.
func ServeTSDBBuild(b Build, dir, tsdb string) (*Upstream, error) {
	cfg := filepath.Join(dir, "prometheus.yml")
	if err := os.WriteFile(cfg, []byte(prometheusConfig), 0o644); err != nil {
		return nil, err
	}
	up := &Upstream{Name: b.Name, Engine: EnginePrometheus, Build: &b, dir: dir}
	began := time.Now()
	var err error
	up.proc, err = startServer(func(port int) (*process, error) {
		addr := "127.0.0.1:" + strconv.Itoa(port)
		p, err := startProcess(dir, b.Prometheus,
			"--config.file="+cfg,
			"--storage.tsdb.path="+tsdb,
			"--storage.tsdb.retention.time=3650d",
			"--web.listen-address="+addr,
		)
		if err != nil {
			return nil, err
		}
		up.URL = "http://" + addr
		return p, p.waitReady(up.URL + "/-/ready")
	})
	if err != nil {
		return nil, err
	}
	up.Ready = time.Since(began)
	return up, nil
}

// Stop stops a server started by ServePrometheus or ServeTSDB: SIGTERM, then
// SIGKILL after 10 s. It leaves the directory to its owner.
func (u *Upstream) Stop() { u.stop(false) }

// Kill ends the server at once with SIGKILL, as the OOM killer or a crash
// would, and waits for it to exit. Stop and the test's cleanup are then
// no-ops.
func (u *Upstream) Kill() {
	u.proc.once.Do(func() {
		_ = u.proc.cmd.Process.Kill()
		<-u.proc.done
	})
}
