package demostack

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/claudeenhancer/monitoring/internal/testenv"
)

// Stack is demo/scripts/local-stack.sh running, as the dev stack runs without
// Docker: the generator in live mode, and Prometheus over history backfilled
// from it, scraping it.
type Stack struct {
	Prometheus                 // over the backfilled history and the live scrapes
	Build        testenv.Build // the Prometheus and promtool it runs
	GeneratorURL string
	// HistoryStart and HistoryEnd are the first and last backfilled ticks
	// (unix s).
	HistoryStart, HistoryEnd int64
	Took                     time.Duration // backfill and start

	dir  string
	cmd  *exec.Cmd
	done chan struct{} // closed when the script has exited
}

// StartStack runs local-stack.sh with Prometheus build b and history (a
// duration such as 3d) on free ports and waits for its READY line.
func StartStack(b testenv.Build, history string) (*Stack, error) {
	root, err := repoRoot()
	if err != nil {
		return nil, err
	}
	if err := checkTools(root, "node", "wget", "bash"); err != nil {
		return nil, err
	}
	pport, err := testenv.FreePort()
	if err != nil {
		return nil, err
	}
	gport, err := testenv.FreePort()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "demostack-stack-")
	if err != nil {
		return nil, err
	}
	s, err := startScript(root, dir, "--data", dir, "--history", history,
		"--prometheus-port", strconv.Itoa(pport), "--generator-port", strconv.Itoa(gport),
		"--prometheus", b.Prometheus, "--promtool", b.Promtool)
	if err != nil {
		_ = os.RemoveAll(dir)
		return nil, err
	}
	s.Build = b
	s.Prometheus.URL = fmt.Sprintf("http://127.0.0.1:%d", pport)
	s.GeneratorURL = fmt.Sprintf("http://127.0.0.1:%d", gport)
	marker, err := os.ReadFile(filepath.Join(dir, "tsdb", ".demo-backfill"))
	if err == nil {
		_, err = fmt.Sscan(string(marker), &s.HistoryStart, &s.HistoryEnd)
	}
	if err != nil {
		s.Stop()
		return nil, fmt.Errorf("backfill marker %q: %w", marker, err)
	}
	return s, nil
}

// startScript starts local-stack.sh and waits until it prints READY. Its
// output goes to dir/local-stack.log beside the generator's and Prometheus'.
func startScript(root, dir string, args ...string) (*Stack, error) {
	logPath := filepath.Join(dir, "local-stack.log")
	log, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	s := &Stack{dir: dir, done: make(chan struct{})}
	s.cmd = exec.Command("bash", append([]string{filepath.Join(root, "demo", "scripts", "local-stack.sh")}, args...)...)
	s.cmd.Dir = root
	// Its own process group, so Stop reaches the generator, promtool and
	// Prometheus, not only the script.
	s.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	testenv.SetDeathSignal(s.cmd)
	pr, pw := io.Pipe()
	s.cmd.Stdout, s.cmd.Stderr = io.MultiWriter(pw, log), log
	began := time.Now()
	if err := s.cmd.Start(); err != nil {
		_ = log.Close()
		return nil, err
	}
	go func() {
		_ = s.cmd.Wait()
		_ = pw.Close()
		_ = log.Close()
		close(s.done)
	}()
	ready := make(chan struct{}, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), "READY ") {
				ready <- struct{}{}
			}
		}
		_, _ = io.Copy(io.Discard, pr)
	}()
	select {
	case <-ready:
	case <-s.done:
		return nil, fmt.Errorf("local-stack.sh exited before Prometheus was ready:\n%s\n%s", tailFile(logPath), tailFile(filepath.Join(dir, "prometheus.log")))
	case <-time.After(startTimeout):
		err := fmt.Errorf("local-stack.sh not ready after %v:\n%s", startTimeout, tailFile(filepath.Join(dir, "prometheus.log")))
		s.Stop()
		return nil, err
	}
	s.Took = time.Since(began)
	return s, nil
}

// Stop stops the script's process group (SIGTERM, SIGKILL after 15 s) and
// removes its data.
func (s *Stack) Stop() {
	pgid := s.cmd.Process.Pid
	_ = syscall.Kill(-pgid, syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(15 * time.Second):
		_ = syscall.Kill(-pgid, syscall.SIGKILL)
		<-s.done
	}
	_ = os.RemoveAll(s.dir)
}

// Truth decodes the generator's ground truth over the backfilled history
// (demo/src/truth.ts' GroundTruth) into v.
func (s *Stack) Truth(v any) error {
	return getJSON(fmt.Sprintf("%s/truth?start=%d&end=%d", s.GeneratorURL, s.HistoryStart, s.HistoryEnd), v)
}
