package integration

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http/httputil"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/claudeenhancer/monitoring/internal/testenv"
)

// faultSuite runs fault cases against one plugin process, launched from the
// built binary as Grafana launches it, and checks after every case that the
// process is alive, that a second datasource instance (healthy, on the real
// Prometheus) still passes its health check, and that goroutines and file
// descriptors are back to the baseline taken after a warm-up. A process
// that died is reported and replaced, so later cases still run.
type faultSuite struct {
	bin     string
	proc    *pluginProcess
	base    usage
	real    string // the shared Prometheus
	healthy backend.PluginContext
	made    int      // instances created, for unique UIDs
	closers []func() // the current case's servers
}

// faultCallTimeout bounds one call to the plugin. It is not an expectation
// of speed: it only turns a plugin that never answers into a failure
// instead of a test binary timeout.
const faultCallTimeout = 90 * time.Second

// callContext bounds one call to the plugin by faultCallTimeout.
func callContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), faultCallTimeout)
	t.Cleanup(cancel)
	return ctx
}

func newFaultSuite(t *testing.T) *faultSuite {
	t.Helper()
	bin := pluginBinary(t)
	s := &faultSuite{bin: bin, real: testenv.SharedPrometheus(t).URL}
	settings := settingsFor(s.real)
	settings.UID, settings.Name = "healthy", "healthy"
	s.healthy = pluginContext(settings)
	s.launch(t)
	return s
}

// launch starts a plugin process, warms every handler up on the healthy
// instance and takes the baseline.
func (s *faultSuite) launch(t *testing.T) {
	t.Helper()
	s.proc = startPluginProcess(t, s.bin)
	ctx, cancel := context.WithTimeout(context.Background(), faultCallTimeout)
	defer cancel()
	fx := testenv.SharedFixture()
	sibling := seriesQuery{RefID: "S", Expr: "ce_cpu_usage", From: fx.Start.Add(6 * time.Hour), To: fx.Start.Add(7 * time.Hour)}
	if _, err := s.proc.queryData(ctx, s.healthy, sibling.dataQuery(t)); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.proc.callResource(ctx, s.healthy, "labels"); err != nil {
		t.Fatal(err)
	}
	s.checkHealthy(t)
	var err error
	if s.base, err = s.proc.usage(); err != nil {
		t.Fatal(err)
	}
	t.Logf("baseline: %d goroutines, %d file descriptors", s.base.goroutines, s.base.fds)
}

func (s *faultSuite) checkHealthy(t *testing.T) {
	t.Helper()
	if err := s.healthyAnswers(); err != nil {
		t.Error(err)
	}
}

// healthyAnswers checks the health of a second, healthy datasource instance.
func (s *faultSuite) healthyAnswers() error {
	ctx, cancel := context.WithTimeout(context.Background(), faultCallTimeout)
	defer cancel()
	res, err := s.proc.checkHealth(ctx, s.healthy)
	if err == nil && res.Status != backend.HealthStatusOk {
		err = fmt.Errorf("status %v: %s", res.Status, res.Message)
	}
	if err != nil {
		return fmt.Errorf("health check of a second, healthy datasource instance: %w", err)
	}
	return nil
}

// closeAfter registers a server of the current case, closed before the
// counts are compared with the baseline: closing drops the plugin's idle
// keep-alive connections to it, which would otherwise stay up to the
// transport's idle timeout (90 s, the SDK's default) without being a leak.
func (s *faultSuite) closeAfter(c func()) { s.closers = append(s.closers, c) }

// direct is a new instance on the real Prometheus, through a pass-through
// server of the case.
func (s *faultSuite) direct(t *testing.T) backend.PluginContext {
	fs := newFaultServer(t, s.real)
	s.closeAfter(fs.Close)
	return s.instance(t, fs.URL, instanceOpts{})
}

// recorded is a new instance on the real Prometheus through a pass-through
// server that records every request it forwards.
func (s *faultSuite) recorded(t *testing.T) (backend.PluginContext, *headerLog) {
	log := &headerLog{}
	u, err := url.Parse(s.real)
	if err != nil {
		t.Fatal(err)
	}
	fs := newFaultServer(t, s.real, withEveryRequest(), withBefore(log.record), withHandler(httputil.NewSingleHostReverseProxy(u)))
	s.closeAfter(fs.Close)
	return s.instance(t, fs.URL, instanceOpts{}), log
}

// instanceOpts configures a faulty datasource instance.
type instanceOpts struct {
	jsonData  map[string]any    // merged over {"httpMethod":"POST"}
	secure    map[string]string // DecryptedSecureJSONData
	basicAuth string            // basic auth user; the password is secure["basicAuthPassword"]
}

// instance returns the plugin context of a new datasource instance on url:
// a new UID each time, so the plugin creates it as Grafana would for a
// datasource it has not seen.
func (s *faultSuite) instance(t *testing.T, url string, o instanceOpts) backend.PluginContext {
	t.Helper()
	s.made++
	settings := settingsFor(url)
	settings.UID, settings.Name = fmt.Sprintf("fault-%d", s.made), fmt.Sprintf("fault-%d", s.made)
	jd := map[string]any{"httpMethod": "POST"}
	maps.Copy(jd, o.jsonData)
	raw, err := json.Marshal(jd)
	if err != nil {
		t.Fatal(err)
	}
	settings.JSONData = raw
	if o.secure != nil {
		settings.DecryptedSecureJSONData = o.secure
	}
	if o.basicAuth != "" {
		settings.BasicAuthEnabled, settings.BasicAuthUser = true, o.basicAuth
	}
	return pluginContext(settings)
}

// after checks, once a case's servers are closed, that the process
// survived and recovered.
func (s *faultSuite) after(t *testing.T) {
	t.Helper()
	for _, c := range s.closers {
		c()
	}
	s.closers = nil
	if err := s.healthyAnswers(); err != nil {
		if s.proc.waitExit(30 * time.Second) {
			t.Errorf("the plugin process died; its stderr ends with:\n%s", tailLines(s.proc.stderr.String(), 40))
			return
		}
		t.Error(err)
	}
	s.proc.settle(t, s.base)
}

// run runs the cases as subtests, each followed by after. A process that
// died is replaced between cases, on the parent test that owns it, so the
// cases after a crash still run.
func (s *faultSuite) run(t *testing.T, names []string, run func(t *testing.T, i int)) {
	for i, name := range names {
		t.Run(name, func(t *testing.T) {
			defer s.after(t) // also after a t.Fatal
			run(t, i)
		})
		if !s.proc.alive() {
			s.launch(t)
		}
	}
}

// wantError is the per-query error a fault must produce. says holds key
// substrings of the message, matched case-insensitively, so the wording can
// change without touching every case.
type wantError struct {
	status backend.Status
	source backend.ErrorSource
	says   []string
}

func (w wantError) check(t *testing.T, refID string, dr backend.DataResponse) {
	t.Helper()
	if dr.Error == nil {
		t.Errorf("%s: no error (%d frames), want %d %s saying %q", refID, len(dr.Frames), w.status, w.source, w.says)
		return
	}
	if dr.Status != w.status || dr.ErrorSource != w.source {
		t.Errorf("%s: status %d source %q, want %d %s (%v)", refID, dr.Status, dr.ErrorSource, w.status, w.source, dr.Error)
	}
	msg := strings.ToLower(dr.Error.Error())
	for _, s := range w.says {
		if !strings.Contains(msg, strings.ToLower(s)) {
			t.Errorf("%s: %q does not say %q", refID, dr.Error, s)
		}
	}
	if len(dr.Frames) != 0 {
		t.Errorf("%s: %d frames next to an error", refID, len(dr.Frames))
	}
}

// Expected classes (README, "Errors"): the upstream's failures are 502, its
// timeouts 504, its rate limit 429, user input 400, all downstream; a bug of
// ours is 500 from the plugin.
func upstreamFailure(says ...string) wantError {
	return wantError{backend.StatusBadGateway, backend.ErrorSourceDownstream, says}
}

func upstreamTimeout(says ...string) wantError {
	return wantError{backend.StatusTimeout, backend.ErrorSourceDownstream, says}
}

func userError(says ...string) wantError {
	return wantError{backend.StatusBadRequest, backend.ErrorSourceDownstream, says}
}

// checkAnswers asserts dr has no error and frames frames of at least one row.
func checkAnswers(t *testing.T, refID string, dr backend.DataResponse, frames int) {
	t.Helper()
	if dr.Error != nil || len(dr.Frames) != frames {
		t.Errorf("%s: error %v, %d frames; want %d frames", refID, dr.Error, len(dr.Frames), frames)
		return
	}
	for _, f := range dr.Frames {
		if f.Rows() == 0 {
			t.Errorf("%s: an empty frame %q", refID, f.Name)
		}
	}
}

func tailLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}
