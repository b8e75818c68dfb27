// Package demostack runs the demo's data for the integration tests of what
// the repository provisions (dashboards, alert rules): the demo generator's
// history backfilled into a real Prometheus, either as the dev stack runs it
// (demo/scripts/local-stack.sh, Stack) or over a fixed window with nothing
// scraping (History). It also finds the repository and reads the
// provisioning those tests share.
//
// Each runs one Prometheus build of the matrix (testenv.PrometheusBuilds:
// Debian's 2.42 and Prometheus 3), with that build's promtool backfilling.
// Starting either takes most of a minute, so a test package shares one per
// build through Shared. Both need node and the builds (the Stack also wget
// and bash) and the generator built (npm run demo:build): without them they
// fail, naming what to install, and only -short skips them.
package demostack

import (
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/claudeenhancer/monitoring/pkg/slo"
)

// startTimeout bounds a backfill (35–60 s on two idle cores, 4–5 min on
// two cores shared with other jobs) and Prometheus' start: it catches a
// hang, not a slow machine.
const startTimeout = 15 * time.Minute

// RepoRoot is the repository root, found from this package's source.
func RepoRoot(t testing.TB) string {
	t.Helper()
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// ReadRepoFile reads a file of the repository by its slash-separated path
// from the root, failing t when it cannot.
func ReadRepoFile(t testing.TB, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(RepoRoot(t), filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func repoRoot() (string, error) {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return "", fmt.Errorf("cannot locate the demostack source")
	}
	root := filepath.Join(filepath.Dir(file), "..", "..")
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		return "", fmt.Errorf("repository root not found from %s: %w", file, err)
	}
	return root, nil
}

// SeedCatalog is the seed's three SLAs, kept once as the JSON the config
// editor's "Add the seed SLAs" button inserts.
func SeedCatalog(t testing.TB) slo.Catalog {
	t.Helper()
	c, err := slo.ParseCatalog(ReadRepoFile(t, "src/datasource/lib/testdata/seed-slos.json"))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// installedBy names the package that installs each tool a stack runs.
var installedBy = map[string]string{
	"node": "nodejs (Node 20)", "prometheus": "prometheus", "promtool": "prometheus",
	"wget": "wget", "bash": "bash",
}

// checkTools fails when a tool is missing or the generator's build is older
// than its sources: a full run must neither pass by testing nothing nor test
// an old timeline or model.
func checkTools(root string, tools ...string) error {
	for _, bin := range tools {
		if _, err := exec.LookPath(bin); err != nil {
			return fmt.Errorf("%s not found on PATH: apt-get install -y %s, or run go test -short to skip integration tests", bin, installedBy[bin])
		}
	}
	cli := filepath.Join(root, "demo", "dist", "cli.js")
	built, err := os.Stat(cli)
	if err != nil {
		return fmt.Errorf("%s missing: build the demo generator first (npm run demo:build)", cli)
	}
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

// tail is the end of a process' output, for failure messages.
func tail(b []byte) string {
	if len(b) > 4000 {
		b = b[len(b)-4000:]
	}
	return string(b)
}

func tailFile(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return err.Error()
	}
	return tail(b)
}

// httpClient bounds a call to Prometheus or the generator: a range query
// over days takes seconds, a hung server must not take the whole -timeout.
var httpClient = &http.Client{Timeout: 2 * time.Minute}

func getJSON(u string, into any) error {
	resp, err := httpClient.Get(u)
	if err != nil {
		return err
	}
	defer func() { _ = resp.Body.Close() }()
	if resp.StatusCode != http.StatusOK {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
		return fmt.Errorf("GET %s: %s: %s", u, resp.Status, body)
	}
	return json.NewDecoder(resp.Body).Decode(into)
}
