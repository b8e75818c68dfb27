package testenv

// Servers for programs that are not tests (the browser harness's devserver),
// which have no testing.TB to own temporary directories and cleanups.

// ServePrometheus backfills fx into dir and serves it with prometheus on a
// free port of 127.0.0.1, like StartPrometheus. The caller owns dir and must
// call Stop; the server is also killed if the calling process dies.
func ServePrometheus(dir string, fx *Fixture) (*Upstream, error) {
	return startPrometheus(dir, fx)
}

// Stop stops a server started by ServePrometheus: SIGTERM, then SIGKILL after
// 10 s. It leaves the directory to its owner.
func (u *Upstream) Stop() { u.stop(false) }
