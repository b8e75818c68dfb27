package testenv

import (
	"debug/buildinfo"
	"errors"
	"fmt"
	"go/build"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// The Prometheus builds the integration tests run against, side by side:
//
//   - the prometheus and promtool on PATH (or at $PROMETHEUS2_BIN and
//     $PROMTOOL2_BIN), other than Prometheus 3's: Debian's 2.42 (apt-get
//     install prometheus), whose range selectors are closed, [t−w, t];
//   - Prometheus 3 built from the Go module proxy, at $PROMETHEUS3_BIN and
//     $PROMTOOL3_BIN, by default prometheus and promtool in Go's bin
//     directory ($GOBIN, else $(go env GOPATH)/bin), where .ci/run installs
//     them; its range selectors are left-open, (t−w, t] (docs/migration.md
//     of Prometheus 3.0).
//
// Both are required: a missing one fails every test that needs it (only
// -short skips them), naming the command that installs it.

// Prometheus3Module is the Go module version of Prometheus 3 that .ci/run
// builds: the module's v0.3MM.P is Prometheus 3.MM.P.
const Prometheus3Module = "v0.316.0"

// Prometheus3Release is the Prometheus release of Prometheus3Module,
// "3.16.0": the version the dev stack's image runs.
func Prometheus3Release() string { return releaseOfModule(Prometheus3Module) }

// Build is one Prometheus build of the matrix.
type Build struct {
	// Name tells the build apart in subtest names: "prometheus-2.42",
	// "prometheus-3.16".
	Name string
	// Version is the release, "2.42.0" or "3.16.0": what --version reports,
	// or for a source build that reports none (go install leaves it empty),
	// the Prometheus release of the Go module it was built from.
	Version              string
	Prometheus, Promtool string // absolute paths of the binaries
}

// Major is the build's major version: 2 or 3.
func (b Build) Major() int {
	m, _ := strconv.Atoi(strings.SplitN(b.Version, ".", 2)[0])
	return m
}

// LeftOpen reports whether the build's range selectors and lookback exclude
// a sample at their left boundary (Prometheus 3) rather than include it
// (Prometheus 2).
func (b Build) LeftOpen() bool { return b.Major() >= 3 }

var (
	buildsOnce sync.Once
	builds     []Build
	buildsErr  error
)

// PrometheusBuilds returns the matrix, Prometheus 2 first, probing the
// binaries once per test binary. The error names what is missing and how
// to install it.
func PrometheusBuilds() ([]Build, error) {
	buildsOnce.Do(func() { builds, buildsErr = findBuilds() })
	return builds, buildsErr
}

// RequirePrometheusBuilds is PrometheusBuilds for a test: it skips under
// -short and fails when a build is missing.
func RequirePrometheusBuilds(t testing.TB) []Build {
	t.Helper()
	RequireIntegration(t)
	bs, err := PrometheusBuilds()
	if err != nil {
		t.Fatal(err)
	}
	return bs
}

// DefaultBuild is the Prometheus on PATH (Debian's), for callers that serve
// one Prometheus and do not test engine semantics.
func DefaultBuild() (Build, error) {
	bs, err := PrometheusBuilds()
	if err != nil {
		return Build{}, err
	}
	return bs[0], nil
}

func findBuilds() ([]Build, error) {
	var errs []error
	var out []Build

	two, err := pathBuild()
	if err == nil && two.Major() != 2 {
		err = fmt.Errorf("the prometheus on PATH (%s) is %s, want Debian's 2.x: the tests run Prometheus 3 from %s", two.Prometheus, two.Version, prometheus3Path("prometheus"))
	}
	if err != nil {
		errs = append(errs, err)
	} else {
		out = append(out, two)
	}

	three, err := goBinBuild()
	if err == nil && three.Major() != 3 {
		err = fmt.Errorf("%s is Prometheus %s, want 3.x: %s", three.Prometheus, three.Version, install3)
	}
	if err != nil {
		errs = append(errs, err)
	} else {
		out = append(out, three)
	}
	return out, errors.Join(errs...)
}

var install3 = "GOFLAGS= go install github.com/prometheus/prometheus/cmd/prometheus@" + Prometheus3Module +
	" github.com/prometheus/prometheus/cmd/promtool@" + Prometheus3Module + " (what .ci/run does), or run go test -short to skip integration tests"

func pathBuild() (Build, error) {
	var b Build
	var err error
	if b.Prometheus, err = lookBinaryBesides("prometheus", prometheus3Path("prometheus")); err != nil {
		return b, err
	}
	if b.Promtool, err = lookBinaryBesides("promtool", prometheus3Path("promtool")); err != nil {
		return b, err
	}
	return b.identify()
}

// lookBinaryBesides finds name on PATH, or at $<NAME>2_BIN, passing over
// the file at other: Go's bin directory, where Prometheus 3 is, is often on
// PATH too, before /usr/bin.
func lookBinaryBesides(name, other string) (string, error) {
	if p := os.Getenv(strings.ToUpper(name) + "2_BIN"); p != "" {
		return p, nil
	}
	skip, _ := filepath.EvalSymlinks(other)
	for _, dir := range filepath.SplitList(os.Getenv("PATH")) {
		if dir == "" {
			continue
		}
		p, err := exec.LookPath(filepath.Join(dir, name))
		if err != nil {
			continue
		}
		if real, _ := filepath.EvalSymlinks(p); real != "" && real == skip {
			continue
		}
		return filepath.Abs(p)
	}
	return lookBinary(name) // the error: not found, and how to install it
}

func goBinBuild() (Build, error) {
	b := Build{Prometheus: prometheus3Path("prometheus"), Promtool: prometheus3Path("promtool")}
	for _, p := range []string{b.Prometheus, b.Promtool} {
		if _, err := os.Stat(p); err != nil {
			return b, fmt.Errorf("no Prometheus 3 at %s ($PROMETHEUS3_BIN, $PROMTOOL3_BIN): %s", p, install3)
		}
	}
	return b.identify()
}

// prometheus3Path is where Prometheus 3's binary name is: $PROMETHEUS3_BIN
// or $PROMTOOL3_BIN, else Go's bin directory, where go install puts it.
func prometheus3Path(name string) string {
	if p := os.Getenv(strings.ToUpper(name) + "3_BIN"); p != "" {
		return p
	}
	if dir := os.Getenv("GOBIN"); dir != "" {
		return filepath.Join(dir, name)
	}
	return filepath.Join(filepath.SplitList(build.Default.GOPATH)[0], "bin", name)
}

// versionLine matches the first line of --version: "prometheus, version
// 2.42.0+ds (branch: …" (empty in a go install build).
var versionLine = regexp.MustCompile(`^\S+, version (\d+\.\d+\.\d+)`)

// moduleVersion matches Prometheus' Go module versions, v0.MNN.P for
// release M.NN.P (v0.316.0 is 3.16.0).
var moduleVersion = regexp.MustCompile(`^v0\.(\d)(\d\d)\.(\d+)$`)

// identify names the build from its --version, or from the module version
// Go recorded in the binary when --version reports none.
func (b Build) identify() (Build, error) {
	out, err := exec.Command(b.Prometheus, "--version").CombinedOutput()
	if err != nil {
		return b, fmt.Errorf("%s --version: %w\n%s", b.Prometheus, err, out)
	}
	if m := versionLine.FindSubmatch(out); m != nil {
		b.Version = string(m[1])
	} else if info, err := buildinfo.ReadFile(b.Prometheus); err == nil {
		b.Version = releaseOfModule(info.Main.Version)
	}
	if b.Version == "" {
		return b, fmt.Errorf("%s reports no version, and was not built from a Prometheus Go module: %s", b.Prometheus, firstLine(out))
	}
	b.Name = "prometheus-" + b.Version[:strings.LastIndexByte(b.Version, '.')]
	return b, nil
}

// releaseOfModule is the Prometheus release of a Go module version of
// github.com/prometheus/prometheus ("v0.316.0" → "3.16.0"), or "".
func releaseOfModule(v string) string {
	m := moduleVersion.FindStringSubmatch(v)
	if m == nil {
		return ""
	}
	minor, _ := strconv.Atoi(m[2])
	return fmt.Sprintf("%s.%d.%s", m[1], minor, m[3])
}

func firstLine(b []byte) string {
	s, _, _ := strings.Cut(string(b), "\n")
	return s
}
