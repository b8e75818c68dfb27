package plugin

import (
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/claudeenhancer/monitoring/internal/promfake"
)

// The anomaly query through QueryData against the fake upstream: two level
// series, 100 + N(0, 1) on a 1-minute grid; service "a" has a +30 spike for
// one minute at promfake.SpikeAt.
func spikeUpstream(t *testing.T) (*upstream, *Datasource) {
	up := newUpstream(t, map[string]reply{"/api/v1/query_range": {
		answer: rangeAnswer(promfake.Level("a", 1, true), promfake.Level("b", 2, false)),
	}})
	return up, newDS(t, up.URL, `{}`, nil)
}

func anomalyJSON(extra string) string {
	return `{"refId":"A","queryType":"anomaly","expr":"latency","legendFormat":"{{service}}"` + extra + `}`
}

func TestBadDetectionOptionsFailTheirQueryOnlyWithA400(t *testing.T) {
	_, ds := spikeUpstream(t)
	from, to := promfake.T0, promfake.T0.Add(time.Hour)
	bad := map[string]struct{ extra, says string }{
		"B": {`,"threshold":-1`, "threshold must be > 0"},
		"C": {`,"method":"prophet"`, `unknown method "prophet"`},
		"D": {`,"output":"table"`, `got "table"`},
		"E": {`,"window":"1m"`, "at least 2 detector steps"},
		"F": {`,"persistence":"4/3"`, "1 ≤ k ≤ n"},
		// Negative seasons once made the warm-up negative and the handler
		// slice before its grid: a panic that took the plugin down.
		"G": {`,"season":"1h","seasons":-2`, "seasons must be at least 1"},
	}
	qs := []backend.DataQuery{detectionDataQuery("A", anomalyJSON(""), from, to, 1000)}
	for ref, b := range bad {
		qs = append(qs, detectionDataQuery(ref, anomalyJSON(b.extra), from, to, 1000))
	}
	r := runQueries(t, ds, qs...)
	if a := r["A"]; a.Error != nil || len(a.Frames) != 2 {
		t.Errorf("A: %v, %d frames; want its two series", a.Error, len(a.Frames))
	}
	for ref, b := range bad {
		got := r[ref]
		if got.Error == nil || got.Status != backend.StatusBadRequest || got.ErrorSource != backend.ErrorSourceDownstream {
			t.Errorf("%s: status %d source %q err %v, want a 400 downstream error", ref, got.Status, got.ErrorSource, got.Error)
			continue
		}
		if !strings.Contains(got.Error.Error(), b.says) {
			t.Errorf("%s: %q does not say %q", ref, got.Error, b.says)
		}
	}
}
