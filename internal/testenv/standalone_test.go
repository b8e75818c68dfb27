package testenv

import (
	"context"
	"net/url"
	"strconv"
	"testing"
	"time"
)

// ServePrometheus is StartPrometheus without a test: the caller owns the
// directory and stops the server.
func TestServePrometheusServesUntilStopped(t *testing.T) {
	RequireIntegration(t)
	fx := NewBench(time.Now(), 7, 3, time.Hour)
	up, err := ServePrometheus(t.TempDir(), fx)
	if err != nil {
		t.Fatal(err)
	}
	q := url.Values{"query": {`count(ce_bench_gauge)`}, "time": {strconv.FormatInt(fx.End.Unix(), 10)}}
	got, err := instantScalar(context.Background(), up.URL+"/api/v1/query?"+q.Encode())
	up.Stop()
	if err != nil {
		t.Fatal(err)
	}
	if got != 3 {
		t.Errorf("count(ce_bench_gauge) = %v, want 3", got)
	}
	if !up.proc.exited() {
		t.Error("prometheus still running after Stop")
	}
}
