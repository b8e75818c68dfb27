package demostack

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/claudeenhancer/monitoring/internal/testenv"
)

// History is the demo's history over a fixed window, backfilled by the
// generator's CLI and served by Prometheus with nothing scraping, so every
// run sees the same samples (local-stack.sh only backfills up to now).
type History struct {
	Prometheus
	Build testenv.Build // the promtool that backfilled it, the prometheus that serves it
	Took  time.Duration // backfill and start

	dir  string
	prom *testenv.Upstream
}

// StartHistory backfills [start, end] with build b's promtool and serves it
// with its prometheus on a free port.
func StartHistory(b testenv.Build, start, end time.Time) (*History, error) {
	return startHistory(b, start, end)
}

// StartCoarseHistory is StartHistory with one sample per step instead of
// one per scrape interval (the generator's --coarse-step), for tests that
// read the history on that step or a coarser one: a 1-minute step backfills
// a quarter of the samples.
func StartCoarseHistory(b testenv.Build, start, end time.Time, step time.Duration) (*History, error) {
	return startHistory(b, start, end, "--coarse-after", "1s", "--coarse-step", fmt.Sprintf("%ds", int(step.Seconds())))
}

func startHistory(b testenv.Build, start, end time.Time, args ...string) (*History, error) {
	root, err := repoRoot()
	if err != nil {
		return nil, err
	}
	if err := checkTools(root, "node"); err != nil {
		return nil, err
	}
	began := time.Now()
	dir, err := os.MkdirTemp("", "demostack-history-")
	if err != nil {
		return nil, err
	}
	h := &History{Build: b, dir: dir}
	if err := h.backfill(root, start, end, args...); err != nil {
		_ = os.RemoveAll(dir)
		return nil, err
	}
	if h.prom, err = testenv.ServeTSDBBuild(b, dir, filepath.Join(dir, "tsdb")); err != nil {
		_ = os.RemoveAll(dir)
		return nil, err
	}
	h.Prometheus.URL = h.prom.URL
	h.Took = time.Since(began)
	return h, nil
}

func (h *History) backfill(root string, start, end time.Time, args ...string) error {
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", append([]string{filepath.Join(root, "demo", "dist", "cli.js"), "backfill",
		"--start", start.Format(time.RFC3339), "--end", end.Format(time.RFC3339),
		"--tsdb", filepath.Join(h.dir, "tsdb"), "--truth", filepath.Join(h.dir, "truth.json"), "--promtool", h.Build.Promtool}, args...)...)
	cmd.Dir = root
	testenv.SetDeathSignal(cmd)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("demo backfill: %w\n%s", err, tail(out))
	}
	return nil
}

// Truth decodes the generator's ground truth over the window
// (demo/src/truth.ts' GroundTruth) into v.
func (h *History) Truth(v any) error {
	raw, err := os.ReadFile(filepath.Join(h.dir, "truth.json"))
	if err != nil {
		return err
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return fmt.Errorf("ground truth: %w", err)
	}
	return nil
}

// Stop stops Prometheus and removes the history.
func (h *History) Stop() {
	h.prom.Stop()
	_ = os.RemoveAll(h.dir)
}
