package alerting

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"
)

// The evaluated week and the history behind it. The timeline repeats every
// week from a Monday, so any Monday-to-Monday week holds each incident once;
// a fixed one makes every run see the same samples. Three days before it
// are backfilled too: the longest window a rule reads is the availability
// SLO's 3d/6h ticket pair, and the burn-rate rules must see a steady state
// from the week's first minute, not a young series.
var (
	weekStart = time.Date(2026, 11, 9, 0, 0, 0, 0, time.UTC)
	weekEnd   = weekStart.Add(7 * 24 * time.Hour)
)

const (
	warmup = 3 * 24 * time.Hour
	// historyTimeout bounds the backfill (35–60 s on two idle cores) and
	// Prometheus' start.
	historyTimeout = 5 * time.Minute
)

// history is the demo's history over [weekStart − warmup, weekEnd], served
// by a real Prometheus, with the generator's ground truth of the incidents.
type history struct {
	PromURL   string
	Incidents []incident
	Took      time.Duration // backfill and start

	dir  string
	prom *exec.Cmd
	done chan struct{}
	log  *tailBuffer
}

// incident is an occurrence of a timeline incident, as the generator's
// ground truth lists it.
type incident struct {
	ID        string   `json:"id"`
	Kind      string   `json:"kind"`
	Start     int64    `json:"start"`
	End       int64    `json:"end"`
	Instances []string `json:"instances"`
	Alerts    []string `json:"alerts"`
	SLO       []string `json:"slo"`
	Anomaly   string   `json:"anomaly"`
	Channel   string   `json:"channel"`
}

func (i incident) start() time.Time { return time.Unix(i.Start, 0).UTC() }
func (i incident) end() time.Time   { return time.Unix(i.End, 0).UTC() }

var (
	sharedOnce  sync.Once
	shared      *history
	sharedErr   error
	mainStarted bool
)

func TestMain(m *testing.M) {
	mainStarted = true
	code := m.Run()
	if shared != nil {
		shared.stop()
	}
	os.Exit(code)
}

// requireHistory returns the shared history, building it on first use. It
// skips under -short and fails (never skips) when a tool or the demo build
// is missing.
func requireHistory(t *testing.T) *history {
	t.Helper()
	if testing.Short() {
		t.Skip("integration test: skipped with -short")
	}
	if !mainStarted {
		t.Fatal("the history needs this package's TestMain to stop Prometheus")
	}
	sharedOnce.Do(func() { shared, sharedErr = startHistory(repoRoot(t)) })
	if sharedErr != nil {
		t.Fatal(sharedErr)
	}
	return shared
}

func checkTools(root string) error {
	for bin, pkg := range map[string]string{"node": "nodejs (Node 20)", "prometheus": "prometheus", "promtool": "prometheus"} {
		if _, err := exec.LookPath(bin); err != nil {
			return fmt.Errorf("%s not found on PATH: apt-get install -y %s, or run go test -short to skip integration tests", bin, pkg)
		}
	}
	cli := filepath.Join(root, "demo", "dist", "cli.js")
	built, err := os.Stat(cli)
	if err != nil {
		return fmt.Errorf("%s missing: build the demo generator first (npm run demo:build)", cli)
	}
	// A stale build would backfill an old timeline or model.
	return filepath.WalkDir(filepath.Join(root, "demo", "src"), func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		info, err := e.Info()
		if err == nil && info.ModTime().After(built.ModTime()) {
			return fmt.Errorf("%s is newer than %s: rebuild with npm run demo:build", path, cli)
		}
		return err
	})
}

func startHistory(root string) (*history, error) {
	if err := checkTools(root); err != nil {
		return nil, err
	}
	began := time.Now()
	dir, err := os.MkdirTemp("", "ce-alerting-")
	if err != nil {
		return nil, err
	}
	h := &history{dir: dir, log: &tailBuffer{}, done: make(chan struct{})}
	ctx, cancel := context.WithTimeout(context.Background(), historyTimeout)
	defer cancel()
	tsdb, truth := filepath.Join(dir, "tsdb"), filepath.Join(dir, "truth.json")
	backfill := exec.CommandContext(ctx, "node", filepath.Join(root, "demo", "dist", "cli.js"), "backfill",
		"--start", weekStart.Add(-warmup).Format(time.RFC3339), "--end", weekEnd.Format(time.RFC3339),
		"--tsdb", tsdb, "--truth", truth)
	backfill.Dir = root
	setDeathSignal(backfill)
	if out, err := backfill.CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("demo backfill: %w\n%s", err, tail(out))
	}
	raw, err := os.ReadFile(truth)
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	var g struct {
		Incidents []incident `json:"incidents"`
	}
	if err := json.Unmarshal(raw, &g); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("ground truth: %w", err)
	}
	h.Incidents = g.Incidents
	if err := h.startPrometheus(ctx, tsdb); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	h.Took = time.Since(began)
	return h, nil
}

// startPrometheus serves the backfilled TSDB on a free port of 127.0.0.1,
// retrying once if another process took the port first.
func (h *history) startPrometheus(ctx context.Context, tsdb string) error {
	cfg := filepath.Join(h.dir, "prometheus.yml")
	if err := os.WriteFile(cfg, []byte("global:\n  scrape_interval: 15s\nscrape_configs: []\n"), 0o644); err != nil {
		return err
	}
	var err error
	for attempt := 0; attempt < 2; attempt++ {
		var port int
		if port, err = freePort(); err != nil {
			return err
		}
		addr := "127.0.0.1:" + strconv.Itoa(port)
		h.log = &tailBuffer{}
		h.done = make(chan struct{})
		h.prom = exec.Command("prometheus", "--config.file="+cfg, "--storage.tsdb.path="+tsdb,
			"--storage.tsdb.retention.time=3650d", "--web.listen-address="+addr)
		h.prom.Dir = h.dir
		h.prom.Stdout, h.prom.Stderr = h.log, h.log
		setDeathSignal(h.prom)
		if err = h.prom.Start(); err != nil {
			return err
		}
		go func(done chan struct{}, cmd *exec.Cmd) { _ = cmd.Wait(); close(done) }(h.done, h.prom)
		h.PromURL = "http://" + addr
		if err = h.waitReady(ctx); err == nil {
			return nil
		}
	}
	return err
}

func (h *history) waitReady(ctx context.Context) error {
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, h.PromURL+"/-/ready", nil)
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-h.done:
			return fmt.Errorf("prometheus exited before it was ready:\n%s", h.log.String())
		case <-ctx.Done():
			h.stopPrometheus()
			return fmt.Errorf("prometheus not ready after %v:\n%s", historyTimeout, h.log.String())
		case <-time.After(200 * time.Millisecond):
		}
	}
}

func (h *history) stopPrometheus() {
	if h.prom == nil || h.prom.Process == nil {
		return
	}
	_ = h.prom.Process.Signal(os.Interrupt)
	select {
	case <-h.done:
	case <-time.After(10 * time.Second):
		_ = h.prom.Process.Kill()
		<-h.done
	}
}

func (h *history) stop() {
	h.stopPrometheus()
	os.RemoveAll(h.dir)
}

// weekIncidents are the incidents that start inside the evaluated week.
func (h *history) weekIncidents() []incident {
	var out []incident
	for _, i := range h.Incidents {
		if !i.start().Before(weekStart) && i.start().Before(weekEnd) {
			out = append(out, i)
		}
	}
	return out
}

// evaluationTimes are the instants Grafana evaluates a rule of the given
// interval at over the week: multiples of the interval (Grafana's
// scheduler ticks on them; its optional per-rule jitter only delays a whole
// evaluation).
func evaluationTimes(interval time.Duration) []time.Time {
	var out []time.Time
	for at := weekStart; at.Before(weekEnd); at = at.Add(interval) {
		out = append(out, at)
	}
	return out
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func tail(b []byte) string {
	if len(b) > 4000 {
		b = b[len(b)-4000:]
	}
	return string(b)
}

// tailBuffer keeps the last 64 KiB of a process' output.
type tailBuffer struct {
	mu  sync.Mutex
	buf []byte
}

func (b *tailBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf = append(b.buf, p...)
	if len(b.buf) > 64<<10 {
		b.buf = b.buf[len(b.buf)-64<<10:]
	}
	return len(p), nil
}

func (b *tailBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return string(b.buf)
}
