package plugin

import (
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/claudeenhancer/monitoring/internal/promfake"
)

// allocated is the heap bytes f allocates, the fake upstream's included
// (MemStats.TotalAlloc counts every allocation, freed or not; the tests of
// this package do not run in parallel).
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// queryAllocLimit is what one of these queries may allocate: a few
// thousand points of two series, their frames and the fake's JSON.
const queryAllocLimit = 64 << 20

// Every option here once crashed the plugin process or made it allocate
// or compute without bound (what the old code did is in each comment).
// Each must now answer, alone, within a small allocation.
func TestAbsurdOptionsAnswerWithoutCrashingOrAllocatingForTheirSize(t *testing.T) {
	const ratioSLO = `"sli":{"kind":"ratio","good":"g","total":"t"},"objective":0.99`
	const availabilitySLO = `"sli":{"kind":"availability","expr":"up","gaps":"down"},"objective":0.99`
	tests := []struct {
		name     string
		settings string // jsonData; "" is {}
		body     string
		span     time.Duration
		status   backend.Status // 0: answers with data
		says     string
	}{
		{name: "persistence n of 9e18 (a makeslice panic in a query goroutine: the process died)",
			body: `"queryType":"anomaly","persistence":"2/9000000000000000000"`, span: time.Hour,
			status: backend.StatusBadRequest, says: "more points than a query fetches"},
		{name: "persistence n of 1e8 (100 MB per series, 191 MB for two)",
			body: `"queryType":"anomaly","persistence":"2/100000000"`, span: time.Hour,
			status: backend.StatusBadRequest, says: "more points than a query fetches"},
		{name: "a Holt-Winters forecast season of 100000d (2.3 GB per buffer: fatal out of memory)",
			body: `"queryType":"forecast","forecastMethod":"holtwinters","season":"100000d","window":"2m"`, span: time.Hour,
			status: backend.StatusBadRequest, says: "two seasons of"},
		{name: "a 35-day horizon at 1 s (218 MB per series, still computing after 90 s)",
			body: `"queryType":"forecast","horizon":"35d","detectorStep":"1s","window":"2s"`, span: time.Hour,
			status: backend.StatusBadRequest, says: "more than 100800"},
		{name: "a detector step under a millisecond (integer division by zero: the process died)",
			body: `"queryType":"anomaly","detectorStep":"0.0005","window":"0.001"`, span: time.Second,
			status: backend.StatusBadRequest, says: "between 1ms and 5w"},
		{name: "a 10-day detector step (11,000 steps overflowed: an endless chunk loop, fatal out of memory)",
			body: `"queryType":"anomaly","detectorStep":"10d","window":"20d"`, span: time.Hour,
			status: 0},
		{name: "a 10-day forecast step (the same endless chunk loop)",
			body: `"queryType":"forecast","detectorStep":"10d"`, span: time.Hour,
			status: 0},
		{name: "a 200-year trend window (twice it overflowed and was accepted)",
			body: `"queryType":"trend","trendWindow":"200y"`, span: time.Hour,
			status: backend.StatusBadRequest, says: "trendWindow 200y"},
		{name: "a 292-year rolling SLO window (its bucket count overflowed: 2.4 GB per counter, fatal out of memory)",
			body: `"queryType":"slo","bucketStep":"30s","slo":{"id":"x",` + ratioSLO + `,"window":"106751d"}`, span: time.Hour,
			status: backend.StatusBadRequest, says: "more than 200000"},
		{name: "a scrape interval under a millisecond (division by zero in the availability fetch: the process died)",
			settings: `{"timeInterval":"0.0005"}`,
			body:     `"queryType":"slo","bucketStep":"60s","slo":{"id":"x",` + availabilitySLO + `,"window":"30d"}`, span: time.Hour,
			status: backend.StatusBadRequest, says: "scrape interval"},
		{name: "a 1 ms scrape interval under an availability SLO (264,000 upstream requests, then 23 GB per series)",
			settings: `{"timeInterval":"0.001"}`,
			body:     `"queryType":"slo","bucketStep":"60s","slo":{"id":"x",` + availabilitySLO + `,"window":"30d"}`, span: time.Hour,
			status: backend.StatusBadRequest, says: "samples, more than 1000000"},
		{name: "a 35-day burn-rate series at 2 s buckets (1.5 million buckets, 2 GB allocated, beyond the 200,000 the bucket step promised)",
			settings: `{"timeInterval":"1s"}`,
			body:     `"queryType":"slo","output":"burnrate","bucketStep":"2s","slo":{"id":"x",` + ratioSLO + `,"window":"1h"}`, span: 35 * 24 * time.Hour,
			status: backend.StatusBadRequest, says: "buckets of 2s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			up, _ := spikeUpstream(t)
			settings := tt.settings
			if settings == "" {
				settings = "{}"
			}
			ds := newDS(t, up.URL, settings, nil)
			from := promfake.T0.Add(-tt.span)
			var got backend.DataResponse
			if n := allocated(func() {
				got = runQueries(t, ds, detectionDataQuery("A", `{"refId":"A","expr":"latency",`+tt.body+`}`, from, promfake.T0, 1000))["A"]
			}); n > queryAllocLimit {
				t.Errorf("allocated %d MB", n>>20)
			}
			if got.Status != tt.status || (tt.status == 0) != (got.Error == nil) {
				t.Fatalf("status %d, err %v; want %d", got.Status, got.Error, tt.status)
			}
			if got.Error != nil && (got.ErrorSource != backend.ErrorSourceDownstream || !strings.Contains(got.Error.Error(), tt.says)) {
				t.Errorf("%s error %q, want a downstream error saying %q", got.ErrorSource, got.Error, tt.says)
			}
			if n := len(up.rangeRequests()); n > 1 {
				t.Errorf("%d range requests for a few points", n)
			}
		})
	}
}
