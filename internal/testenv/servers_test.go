package testenv

import (
	"context"
	"net/url"
	"strconv"
	"testing"
	"time"
)

func TestMain(m *testing.M) { Main(m) }

// Both engines serve the shared fixture: an instant query at a sample time
// returns the fixture's value there, and the server is stopped by Main.
func TestSharedUpstreamsServeTheFixture(t *testing.T) {
	ups := SharedUpstreams(t)
	fx := SharedFixture()
	at := fx.Start.Add(7*time.Hour + 45*time.Second)
	want, _ := fx.ValueAt(CPUWorker, at)
	for _, up := range ups {
		t.Run(up.Name, func(t *testing.T) {
			t.Logf("%s at %s: load %v, ready %v", up.Name, up.URL, up.Load, up.Ready)
			q := url.Values{"query": {`ce_cpu_usage{service="worker"}`}, "time": {strconv.FormatInt(at.Unix(), 10)}}
			got, err := instantScalar(context.Background(), up.URL+"/api/v1/query?"+q.Encode())
			if err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("ce_cpu_usage{service=\"worker\"} at %v = %v, want %v", at, got, want)
			}
		})
	}
}

// StartPrometheus gives a test its own server over its own fixture and stops
// it when the test ends.
func TestStartPrometheusServesItsOwnFixture(t *testing.T) {
	RequireIntegration(t)
	var up *Upstream
	t.Run("serve", func(t *testing.T) {
		fx := NewBench(time.Now(), 7, 2, time.Hour)
		up = StartPrometheus(t, fx)
		q := url.Values{"query": {`count(ce_bench_gauge)`}, "time": {strconv.FormatInt(fx.End.Unix(), 10)}}
		got, err := instantScalar(context.Background(), up.URL+"/api/v1/query?"+q.Encode())
		if err != nil {
			t.Fatal(err)
		}
		if got != 2 {
			t.Errorf("count(ce_bench_gauge) = %v, want 2", got)
		}
	})
	if up != nil && !up.proc.exited() {
		t.Error("prometheus still running after its test ended")
	}
}
