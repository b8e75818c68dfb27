package integration

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/genproto/pluginv2"
	goplugin "github.com/hashicorp/go-plugin"

	"github.com/claudeenhancer/monitoring/internal/testenv"
)

// pluginProcess is the built binary launched as Grafana launches it, plus
// what the fault and load tests observe from outside the process: its open
// file descriptors and resident memory from /proc/<pid>, and its goroutines
// from the SDK's own pprof endpoint. Grafana turns that endpoint on per
// plugin with GF_PLUGIN_PROFILING_ENABLED=true and GF_PLUGIN_PROFILING_PORT
// (grafana-plugin-sdk-go backend/setup.go), so the product binary carries no
// test code; the endpoint adds one listening goroutine, present in every
// count alike.
type pluginProcess struct {
	pluginClients
	client *goplugin.Client
	pid    int
	pprof  string // http://127.0.0.1:<port>
	stderr *stderrLog
}

// pprofClient opens a new connection per call, so no keep-alive connection
// (one goroutine and one descriptor in the plugin) outlives a measurement.
var pprofClient = &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: time.Minute}

func startPluginProcess(t *testing.T, bin string) *pluginProcess {
	t.Helper()
	port, err := testenv.FreePort()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin)
	cmd.Env = append(append([]string{}, grafanaEnv...),
		"GF_PLUGIN_PROFILING_ENABLED=true", "GF_PLUGIN_PROFILING_PORT="+strconv.Itoa(port))
	log := newStderrLog("WARNING: DATA RACE", "panic:", "fatal error:")
	c, client := launchPluginCmd(t, cmd, log)
	p := &pluginProcess{pluginClients: c, client: client, pid: cmd.Process.Pid,
		pprof: "http://127.0.0.1:" + strconv.Itoa(port), stderr: log}
	// The profiler starts in its own goroutine; wait until it answers.
	deadline := time.Now().Add(time.Minute)
	for {
		if _, err := p.goroutines(); err == nil {
			return p
		} else if time.Now().After(deadline) {
			t.Fatalf("the plugin's pprof endpoint (%s) never answered: %v", p.pprof, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func (p *pluginProcess) alive() bool { return !p.client.Exited() }

// waitExit reports whether the process exits within d: go-plugin notices
// an exit only once it has reaped the process and drained its output.
func (p *pluginProcess) waitExit(d time.Duration) bool {
	for deadline := time.Now().Add(d); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if !p.alive() {
			return true
		}
	}
	return !p.alive()
}

// pluginContext is what Grafana sends with every call for the datasource s.
func pluginContext(s backend.DataSourceInstanceSettings) backend.PluginContext {
	return backend.PluginContext{
		OrgID: 1, PluginID: "claudeenhancer-anomaly-datasource",
		User: &backend.User{Login: "admin", Role: "Admin"}, DataSourceInstanceSettings: &s,
	}
}

func (p *pluginProcess) queryData(ctx context.Context, pctx backend.PluginContext, qs ...backend.DataQuery) (*backend.QueryDataResponse, error) {
	req := &backend.QueryDataRequest{PluginContext: pctx, Queries: qs}
	res, err := p.data.QueryData(ctx, backend.ToProto().QueryDataRequest(req))
	if err != nil {
		return nil, err
	}
	return backend.FromProto().QueryDataResponse(res)
}

func (p *pluginProcess) checkHealth(ctx context.Context, pctx backend.PluginContext) (*backend.CheckHealthResult, error) {
	res, err := p.diagnostics.CheckHealth(ctx, &pluginv2.CheckHealthRequest{PluginContext: backend.ToProto().PluginContext(pctx)})
	if err != nil {
		return nil, err
	}
	return backend.FromProto().CheckHealthResponse(res), nil
}

// callResource sends GET <path> (with its query string) and returns the
// status and the whole body.
func (p *pluginProcess) callResource(ctx context.Context, pctx backend.PluginContext, path string) (int, []byte, error) {
	route, _, _ := strings.Cut(path, "?")
	stream, err := p.resource.CallResource(ctx, backend.ToProto().CallResourceRequest(&backend.CallResourceRequest{
		PluginContext: pctx, Path: route, Method: http.MethodGet,
		URL: "/api/datasources/uid/" + pctx.DataSourceInstanceSettings.UID + "/resources/" + path,
	}))
	if err != nil {
		return 0, nil, err
	}
	status, body := 0, bytes.Buffer{}
	for {
		msg, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			return status, body.Bytes(), nil
		}
		if err != nil {
			return 0, nil, err
		}
		r := backend.FromProto().CallResourceResponse(msg)
		if status == 0 {
			status = r.Status
		}
		body.Write(r.Body)
	}
}

// fds is the number of open file descriptors of the process.
func (p *pluginProcess) fds() (int, error) {
	entries, err := os.ReadDir(fmt.Sprintf("/proc/%d/fd", p.pid))
	return len(entries), err
}

// goroutines is the total of the goroutine profile (the profile's own
// handler included, so every reading counts it once).
func (p *pluginProcess) goroutines() (int, error) {
	dump, err := p.pprofGet("/debug/pprof/goroutine?debug=1")
	if err != nil {
		return 0, err
	}
	first, _, _ := strings.Cut(dump, "\n")
	n, err := strconv.Atoi(strings.TrimPrefix(first, "goroutine profile: total "))
	if err != nil {
		return 0, fmt.Errorf("goroutine profile starts %q", first)
	}
	return n, nil
}

// goroutineDump is the profile grouped by stack, for failure messages.
func (p *pluginProcess) goroutineDump() string {
	dump, err := p.pprofGet("/debug/pprof/goroutine?debug=1")
	if err != nil {
		return err.Error()
	}
	return dump
}

// collectGarbage runs a garbage collection in the plugin: the heap profile
// handler does with gc=1 (net/http/pprof), as the runtime itself does at
// least every two minutes (runtime.forcegcperiod).
func (p *pluginProcess) collectGarbage() error {
	_, err := p.pprofGet("/debug/pprof/heap?gc=1")
	return err
}

func (p *pluginProcess) pprofGet(path string) (string, error) {
	resp, err := pprofClient.Get(p.pprof + path)
	if err != nil {
		return "", err
	}
	defer func() { _ = resp.Body.Close() }()
	b, err := io.ReadAll(resp.Body)
	if err == nil && resp.StatusCode != http.StatusOK {
		err = fmt.Errorf("%s: %s", path, resp.Status)
	}
	return string(b), err
}

// memoryKiB reads a field of /proc/<pid>/status in KiB: VmRSS (resident
// now) or VmHWM (the peak since start or since resetPeakRSS).
func (p *pluginProcess) memoryKiB(field string) (int64, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", p.pid))
	if err != nil {
		return 0, err
	}
	defer func() { _ = f.Close() }()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), field+":"); ok {
			return strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		}
	}
	return 0, fmt.Errorf("no %s in /proc/%d/status", field, p.pid)
}

// resetPeakRSS sets VmHWM to the current RSS (proc(5), /proc/pid/clear_refs,
// value 5; Linux ≥ 4.0).
func (p *pluginProcess) resetPeakRSS() error {
	return os.WriteFile(fmt.Sprintf("/proc/%d/clear_refs", p.pid), []byte("5"), 0)
}

// usage is what must return to its baseline once a fault is over.
type usage struct{ goroutines, fds int }

func (p *pluginProcess) usage() (usage, error) {
	g, err := p.goroutines()
	if err != nil {
		return usage{}, err
	}
	f, err := p.fds()
	return usage{g, f}, err
}

// Settling: the counts are polled until they are back within slack of the
// baseline. The deadline is generous on purpose: it only bounds how long a
// leak takes to be reported, and a busy machine merely settles later.
const (
	settleSlack    = 2
	settleDeadline = 2 * time.Minute
)

// settle waits until goroutines and descriptors are back within settleSlack
// of base and reports the last reading and the goroutine stacks if they
// never are.
func (p *pluginProcess) settle(t *testing.T, base usage) {
	t.Helper()
	deadline := time.Now().Add(settleDeadline)
	for {
		u, err := p.usage()
		if err == nil && u.goroutines <= base.goroutines+settleSlack && u.fds <= base.fds+settleSlack {
			return
		}
		if time.Now().After(deadline) {
			t.Errorf("after %v, %+v (err %v), want back within %d of the baseline %+v; goroutines:\n%s",
				settleDeadline, u, err, settleSlack, base, p.goroutineDump())
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// stderrLog keeps the tail of the plugin's stderr and remembers whether a
// watched string (a race report, a panic, a secret) ever appeared in it.
// go-plugin writes it line by line.
type stderrLog struct {
	mu    sync.Mutex
	tail  []byte
	watch map[string]bool
}

const stderrTail = 256 << 10

func newStderrLog(watch ...string) *stderrLog {
	l := &stderrLog{watch: map[string]bool{}}
	l.Watch(watch...)
	return l
}

func (l *stderrLog) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for w, seen := range l.watch {
		if !seen && bytes.Contains(b, []byte(w)) {
			l.watch[w] = true
		}
	}
	l.tail = append(l.tail, b...)
	if len(l.tail) > stderrTail {
		l.tail = append(l.tail[:0], l.tail[len(l.tail)-stderrTail:]...)
	}
	return len(b), nil
}

// Watch starts watching for each string, forgetting earlier sightings.
func (l *stderrLog) Watch(ss ...string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, s := range ss {
		l.watch[s] = false
	}
}

// Seen reports whether s was written since Watch(s).
func (l *stderrLog) Seen(s string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.watch[s]
}

func (l *stderrLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return string(l.tail)
}
