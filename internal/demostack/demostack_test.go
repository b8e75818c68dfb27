package demostack

import (
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/claudeenhancer/monitoring/internal/testenv"
)

func TestRepoRootHoldsGoMod(t *testing.T) {
	if _, err := os.Stat(filepath.Join(RepoRoot(t), "go.mod")); err != nil {
		t.Fatal(err)
	}
}

// fakePrometheus answers every query with one series of two samples, the
// second NaN, and a bad query with the API's error envelope.
func fakePrometheus(t *testing.T) Prometheus {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.FormValue("query") == "bad" {
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte(`{"status":"error","error":"parse error"}`))
			return
		}
		_, _ = w.Write([]byte(`{"status":"success","data":{"resultType":"matrix","result":[` +
			`{"metric":{"job":"api"},"values":[[60,"1.5"],[120,"NaN"]]}]}}`))
	}))
	t.Cleanup(srv.Close)
	return Prometheus{URL: srv.URL}
}

func TestQueryRangeDecodesSamplesAndErrors(t *testing.T) {
	p := fakePrometheus(t)
	r, err := p.QueryRange("up", time.Unix(60, 0), time.Unix(120, 0), time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if pts := r.Points(); len(pts) != 2 || pts[0] != 1.5 || !math.IsNaN(pts[1]) {
		t.Errorf("Points() = %v, want [1.5 NaN]", pts)
	}
	if r.Finite() != 1 || r.ByTime()[0][60] != 1.5 || r.Series[0].Metric["job"] != "api" {
		t.Errorf("Finite() = %d, ByTime() = %v, series %v", r.Finite(), r.ByTime(), r.Series)
	}
	if _, err := p.Query("bad", time.Unix(60, 0)); err == nil || !strings.Contains(err.Error(), "parse error") {
		t.Errorf("a bad query: err %v, want Prometheus' error", err)
	}
}

// The Prometheus 3 that CI builds (.ci/run) is the one the tests expect
// (testenv.Prometheus3Module) and the one the dev stack runs
// (docker-compose.yaml's image tag): the stack users start is a tested one.
func TestCIAndComposeRunTheTestedPrometheus3(t *testing.T) {
	ci := string(ReadRepoFile(t, ".ci/run"))
	if want := "prometheus3=" + testenv.Prometheus3Module + " "; !strings.Contains(ci, want) {
		t.Errorf(".ci/run does not build %s: want a line with %q", testenv.Prometheus3Module, want)
	}
	compose := string(ReadRepoFile(t, "docker-compose.yaml"))
	if want := "image: prom/prometheus:${PROMETHEUS_VERSION:-v" + testenv.Prometheus3Release() + "}"; !strings.Contains(compose, want) {
		t.Errorf("docker-compose.yaml's Prometheus is not the tested %s: want %q", testenv.Prometheus3Release(), want)
	}
}
