package dashboards

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// historySpan is how much history the stack backfills: enough for every
// dashboard's default range (6 h) and for day-long SLI windows, small enough
// to load in well under a minute.
const historySpan = "3d"

// stackTimeout bounds the backfill and Prometheus' start.
const stackTimeout = 5 * time.Minute

// stack is demo/scripts/local-stack.sh running: the generator in live mode and
// Prometheus over history backfilled from it, scraping it.
type stack struct {
	PromURL, GenURL, Dir string
	// HistoryStart and HistoryEnd are the first and last backfilled ticks (unix s).
	HistoryStart, HistoryEnd int64
	Started                  time.Duration

	cmd  *exec.Cmd
	out  *lockedBuffer
	done chan struct{}

	truthOnce sync.Once
	truth     *groundTruth
	truthErr  error
}

var (
	sharedOnce  sync.Once
	shared      *stack
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

// requireStack returns the shared stack, starting it on first use. It skips
// under -short and fails (never skips) when a binary or the build is missing.
func requireStack(t *testing.T) *stack {
	t.Helper()
	if testing.Short() {
		t.Skip("integration test: skipped with -short")
	}
	if !mainStarted {
		t.Fatal("the stack needs this package's TestMain to stop it")
	}
	sharedOnce.Do(func() { shared, sharedErr = startStack(repoRoot(t)) })
	if sharedErr != nil {
		t.Fatal(sharedErr)
	}
	return shared
}

func checkTools(root string) error {
	for bin, pkg := range map[string]string{"node": "nodejs (Node 20)", "prometheus": "prometheus", "promtool": "prometheus", "wget": "wget", "bash": "bash"} {
		if _, err := exec.LookPath(bin); err != nil {
			return fmt.Errorf("%s not found on PATH: apt-get install -y %s, or run go test -short to skip integration tests", bin, pkg)
		}
	}
	cli := filepath.Join(root, "demo", "dist", "cli.js")
	built, err := os.Stat(cli)
	if err != nil {
		return fmt.Errorf("%s missing: build the demo generator first (npm run demo:build)", cli)
	}
	// A stale build would test old code: every source must be older than the build.
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

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func startStack(root string) (*stack, error) {
	if err := checkTools(root); err != nil {
		return nil, err
	}
	pport, err := freePort()
	if err != nil {
		return nil, err
	}
	gport, err := freePort()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "ce-dashboards-")
	if err != nil {
		return nil, err
	}
	s := &stack{Dir: dir, out: &lockedBuffer{}, done: make(chan struct{})}
	s.cmd = exec.Command("bash", filepath.Join(root, "demo", "scripts", "local-stack.sh"),
		"--data", dir, "--history", historySpan,
		"--prometheus-port", strconv.Itoa(pport), "--generator-port", strconv.Itoa(gport))
	s.cmd.Dir = root
	// Its own process group, so stop reaches the generator, promtool and Prometheus.
	s.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	setDeathSignal(s.cmd.SysProcAttr)
	pr, pw := io.Pipe()
	s.cmd.Stdout = io.MultiWriter(pw, s.out)
	s.cmd.Stderr = s.out
	began := time.Now()
	if err := s.cmd.Start(); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	go func() {
		_ = s.cmd.Wait()
		pw.Close()
		close(s.done)
	}()
	ready := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), "READY ") {
				ready <- sc.Text()
			}
		}
		_, _ = io.Copy(io.Discard, pr)
	}()
	select {
	case <-ready:
	case <-s.done:
		err := fmt.Errorf("local-stack.sh exited before Prometheus was ready:\n%s\n%s", s.out.String(), tail(filepath.Join(dir, "prometheus.log")))
		os.RemoveAll(dir)
		return nil, err
	case <-time.After(stackTimeout):
		s.stop()
		return nil, fmt.Errorf("local-stack.sh not ready after %v:\n%s", stackTimeout, tail(filepath.Join(dir, "prometheus.log")))
	}
	s.Started = time.Since(began)
	s.PromURL = fmt.Sprintf("http://127.0.0.1:%d", pport)
	s.GenURL = fmt.Sprintf("http://127.0.0.1:%d", gport)
	marker, err := os.ReadFile(filepath.Join(dir, "tsdb", ".demo-backfill"))
	if err != nil {
		s.stop()
		return nil, fmt.Errorf("backfill marker: %w", err)
	}
	if _, err := fmt.Sscan(string(marker), &s.HistoryStart, &s.HistoryEnd); err != nil {
		s.stop()
		return nil, fmt.Errorf("backfill marker %q: %w", marker, err)
	}
	return s, nil
}

func (s *stack) stop() {
	pgid := s.cmd.Process.Pid
	_ = syscall.Kill(-pgid, syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(15 * time.Second):
		_ = syscall.Kill(-pgid, syscall.SIGKILL)
		<-s.done
	}
	os.RemoveAll(s.Dir)
}

// Truth is the generator's ground truth for the backfilled history.
func (s *stack) Truth(t *testing.T) *groundTruth {
	t.Helper()
	s.truthOnce.Do(func() {
		var g groundTruth
		s.truthErr = getJSON(fmt.Sprintf("%s/truth?start=%d&end=%d", s.GenURL, s.HistoryStart, s.HistoryEnd), &g)
		s.truth = &g
	})
	if s.truthErr != nil {
		t.Fatal(s.truthErr)
	}
	return s.truth
}

// groundTruth is the part of demo/src/truth.ts' GroundTruth the tests read.
type groundTruth struct {
	Start, End int64
	SLO        struct {
		Totals  counts `json:"totals"`
		Targets int    `json:"targets"`
		Windows struct {
			End            []int64              `json:"end"`
			ErrorsBad      []float64            `json:"errorsBad"`
			ErrorsTotal    []float64            `json:"errorsTotal"`
			LatencyGood    []float64            `json:"latencyGood"`
			LatencyTotal   []float64            `json:"latencyTotal"`
			LatencyBuckets map[string][]float64 `json:"latencyBuckets"`
			UpAtEnd        []float64            `json:"upAtEnd"`
			Exact          []bool               `json:"exact"`
		} `json:"windows"`
	} `json:"slo"`
	Incidents []struct {
		ID         string `json:"id"`
		Start, End int64
	} `json:"incidents"`
	Downtime []struct {
		Instance   string `json:"instance"`
		Start, End int64
	} `json:"downtime"`
}

type counts struct {
	ErrorsBad    float64 `json:"errorsBad"`
	ErrorsTotal  float64 `json:"errorsTotal"`
	LatencyGood  float64 `json:"latencyGood"`
	LatencyTotal float64 `json:"latencyTotal"`
	UpSamples    float64 `json:"upSamples"`
	Samples      float64 `json:"samples"`
}

// downAt reports whether some process is down at tick t.
func (g *groundTruth) downAt(t int64) bool {
	for _, d := range g.Downtime {
		if t >= d.Start && t < d.End {
			return true
		}
	}
	return false
}

var httpClient = &http.Client{Timeout: 2 * time.Minute}

func getJSON(url string, into any) error {
	resp, err := httpClient.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
		return fmt.Errorf("GET %s: %s: %s", url, resp.Status, body)
	}
	return json.NewDecoder(resp.Body).Decode(into)
}

func tail(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return err.Error()
	}
	if len(b) > 4000 {
		b = b[len(b)-4000:]
	}
	return string(b)
}

// lockedBuffer collects a process' output for failure messages.
type lockedBuffer struct {
	mu  sync.Mutex
	buf []byte
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf = append(b.buf, p...)
	if len(b.buf) > 64<<10 {
		b.buf = b.buf[len(b.buf)-64<<10:]
	}
	return len(p), nil
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return string(b.buf)
}
