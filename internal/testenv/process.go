package testenv

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// ReadyTimeout bounds how long a server may take to answer its readiness
// endpoint (and, for VictoriaMetrics, to make imported data queryable).
var ReadyTimeout = 60 * time.Second

// RequireIntegration skips t under -short: integration tests run in every
// full `go test` and are skipped only when asked to.
func RequireIntegration(t testing.TB) {
	t.Helper()
	if testing.Short() {
		t.Skip("integration test: skipped with -short")
	}
}

// binaries maps a server binary to the Debian package that installs it.
var binaries = map[string]string{
	"prometheus":       "prometheus",
	"promtool":         "prometheus",
	"victoria-metrics": "victoria-metrics",
}

// lookBinary finds a server binary on PATH. A missing binary is an error, not a
// skip: a full run must never pass by silently testing nothing.
func lookBinary(name string) (string, error) {
	path, err := exec.LookPath(name)
	if err != nil {
		return "", fmt.Errorf("%s not found on PATH: apt-get install -y %s, or run go test -short to skip integration tests", name, binaries[name])
	}
	return path, nil
}

// FreePort asks the kernel for a free port on 127.0.0.1. Another process may
// take it before the server binds it; startServer retries once on that.
func FreePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer func() { _ = l.Close() }()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// process is a running server binary with its combined output kept in memory.
type process struct {
	name string
	cmd  *exec.Cmd
	log  *tailBuffer
	done chan struct{} // closed when the process has exited
	err  error         // Wait's result, valid after done
	once sync.Once
}

func startProcess(dir, bin string, args ...string) (*process, error) {
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	log := &tailBuffer{max: 64 << 10}
	cmd.Stdout, cmd.Stderr = log, log
	// A child that outlives the server would keep the output pipe open and
	// Wait blocked; give up on the pipe shortly after the server exits.
	cmd.WaitDelay = 5 * time.Second
	SetDeathSignal(cmd)
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", bin, err)
	}
	p := &process{name: bin, cmd: cmd, log: log, done: make(chan struct{})}
	go func() {
		p.err = cmd.Wait()
		close(p.done)
	}()
	return p, nil
}

// stop sends SIGTERM, waits up to 10 s for a clean exit, then kills.
func (p *process) stop() {
	p.once.Do(func() {
		_ = p.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-p.done:
		case <-time.After(10 * time.Second):
			_ = p.cmd.Process.Kill()
			<-p.done
		}
	})
}

func (p *process) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// waitReady polls url until it answers 200, the process exits, or
// ReadyTimeout passes; errors carry the process' log.
func (p *process) waitReady(url string) error {
	ctx, cancel := context.WithTimeout(context.Background(), ReadyTimeout)
	defer cancel()
	return p.poll(ctx, "GET "+url, func(ctx context.Context) error {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return err
		}
		_ = resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("status %s", resp.Status)
		}
		return nil
	})
}

// poll calls check every 100 ms until it succeeds, failing early when the
// process exits.
func (p *process) poll(ctx context.Context, what string, check func(context.Context) error) error {
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	var last error
	for {
		cctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		last = check(cctx)
		cancel()
		if last == nil {
			return nil
		}
		select {
		case <-p.done:
			return fmt.Errorf("%s exited (%v) while waiting for %s; log:\n%s", p.name, p.err, what, p.log.String())
		case <-ctx.Done():
			return fmt.Errorf("%s: %s not ready after %v (last: %v); log:\n%s", p.name, what, ReadyTimeout, last, p.log.String())
		case <-tick.C:
		}
	}
}

// startServer runs start on a free port and retries once with another port
// when the first was taken in between (the server exits with a bind error).
func startServer(start func(port int) (*process, error)) (*process, error) {
	var err error
	for attempt := 0; attempt < 2; attempt++ {
		var port int
		if port, err = FreePort(); err != nil {
			return nil, err
		}
		var p *process
		p, err = start(port)
		if err == nil {
			return p, nil
		}
		if p == nil || !p.exited() || !strings.Contains(p.log.String(), "address already in use") {
			if p != nil {
				p.stop()
			}
			return nil, err
		}
	}
	return nil, err
}

// tailBuffer keeps the last max bytes written to it; safe for concurrent use.
type tailBuffer struct {
	mu  sync.Mutex
	buf []byte
	max int
}

func (b *tailBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf = append(b.buf, p...)
	if len(b.buf) > b.max {
		b.buf = append(b.buf[:0], b.buf[len(b.buf)-b.max:]...)
	}
	return len(p), nil
}

func (b *tailBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return string(b.buf)
}

// writeFile is os.WriteFile with the file's role in the error.
func writeFile(path string, write func(f *os.File) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		_ = f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	return f.Close()
}

// runCommand runs a one-shot tool and returns its combined output.
func runCommand(dir, bin string, args ...string) ([]byte, error) {
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	SetDeathSignal(cmd)
	return cmd.CombinedOutput()
}
