package testenv

import (
	"os"
	"path/filepath"
	"testing"
)

func TestReleaseOfModule(t *testing.T) {
	for _, c := range []struct{ module, release string }{
		{"v0.316.0", "3.16.0"},
		{"v0.300.1", "3.0.1"},
		{"v0.54.1", ""}, // Prometheus 2's module versions do not map
		{"(devel)", ""},
		{"", ""},
	} {
		if got := releaseOfModule(c.module); got != c.release {
			t.Errorf("releaseOfModule(%q) = %q, want %q", c.module, got, c.release)
		}
	}
}

// The matrix holds a 2.x with closed ranges and a 3.x with left-open ones,
// named apart for subtests.
func TestPrometheusBuildsAreTwoAndThree(t *testing.T) {
	bs := RequirePrometheusBuilds(t)
	if len(bs) != 2 || bs[0].Major() != 2 || bs[1].Major() != 3 || bs[0].LeftOpen() || !bs[1].LeftOpen() || bs[0].Name == bs[1].Name {
		t.Fatalf("builds %+v, want a Prometheus 2 and a Prometheus 3", bs)
	}
	for _, b := range bs {
		t.Logf("%s: %s (%s, %s)", b.Name, b.Version, b.Prometheus, b.Promtool)
	}
}

// Go's bin directory is often on PATH before /usr/bin: the Prometheus 2 of
// the matrix is the first prometheus on PATH that is not Prometheus 3's.
func TestPathBuildPassesOverPrometheus3(t *testing.T) {
	goBin, debian := t.TempDir(), t.TempDir()
	for _, dir := range []string{goBin, debian} {
		if err := os.WriteFile(filepath.Join(dir, "prometheus"), []byte("#!/bin/sh\n"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("PATH", goBin+string(filepath.ListSeparator)+debian)
	t.Setenv("PROMETHEUS2_BIN", "")
	got, err := lookBinaryBesides("prometheus", filepath.Join(goBin, "prometheus"))
	if want := filepath.Join(debian, "prometheus"); err != nil || got != want {
		t.Errorf("lookBinaryBesides = %q, %v; want %q", got, err, want)
	}
	t.Setenv("PROMETHEUS2_BIN", "/opt/prometheus-2/prometheus")
	if got, _ := lookBinaryBesides("prometheus", filepath.Join(goBin, "prometheus")); got != "/opt/prometheus-2/prometheus" {
		t.Errorf("with PROMETHEUS2_BIN: %q", got)
	}
}
