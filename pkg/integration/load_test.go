package integration

import (
	"context"
	"debug/buildinfo"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/claudeenhancer/monitoring/internal/demostack"
	"github.com/claudeenhancer/monitoring/internal/testenv"
)

// Load through gRPC: loadStreams goroutines each send QueryData requests
// one after the other for LOAD_SECONDS (default 5; 60 for the figures in
// the README), cycling through a dashboard's and an alert rule's queries
// (series, anomaly, slo) on the demo's history in a real Prometheus. It
// asserts no error at all, a resident set that does not grow while the
// load lasts and returns near its baseline afterwards, goroutines and
// descriptors back to baseline once the datasource instance is replaced,
// and no race report when the binary is built with -race
// (PLUGIN_BINARY=<binary built with go build -race>). It logs p50/p99
// latency and the RSS samples.
//
//	LOAD_SECONDS=60 go test -count=1 -run TestLoadConcurrent -v ./pkg/integration/

// The demo history the load runs on: a day ending on a fixed Monday, so
// every run sees the same samples; the longest window a query reads in
// full (the error-rate SLO's) is a day, and the longer SLO windows read
// what there is, as on a young Prometheus. A longer backfill only costs
// time: 10 s to over a minute per day on two shared cores.
var (
	loadEnd   = time.Date(2026, 11, 16, 0, 0, 0, 0, time.UTC)
	loadStart = loadEnd.Add(-24 * time.Hour)
)

func loadSeconds(t *testing.T) time.Duration {
	v := os.Getenv("LOAD_SECONDS")
	if v == "" {
		return 5 * time.Second
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		t.Fatalf("LOAD_SECONDS=%q: want a positive number of seconds", v)
	}
	return time.Duration(n) * time.Second
}

const loadStreams = 200

func TestLoadConcurrentQueryDataStreamsOnDemoHistory(t *testing.T) {
	bin := pluginBinary(t)
	duration := loadSeconds(t)
	build, err := testenv.DefaultBuild()
	if err != nil {
		t.Fatal(err)
	}
	hist, err := demostack.StartHistory(build, loadStart, loadEnd)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(hist.Stop)
	t.Logf("demo history %s – %s backfilled and served in %v", loadStart.Format(time.DateOnly), loadEnd.Format(time.DateOnly), hist.Took.Round(time.Second))
	p := startPluginProcess(t, bin)
	settings := provisionedSettings(t, hist.URL)
	pctx := pluginContext(settings)
	mix := loadMix(t)

	// Warm up: every query answers with data, so the load measures work.
	for _, q := range mix {
		began := time.Now()
		resp, err := p.queryData(callContext(t), pctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if r := resp.Responses[q.RefID]; r.Error != nil || len(r.Frames) == 0 {
			t.Fatalf("%s %s: error %v, %d frames; the load would measure nothing", q.RefID, q.JSON, r.Error, len(r.Frames))
		}
		t.Logf("  %-17s alone: %v", q.RefID, time.Since(began).Round(time.Millisecond))
	}
	base, err := p.usage()
	if err != nil {
		t.Fatal(err)
	}
	baseRSS := settledRSS(t, p, 0)

	rss := startRSSSampler(p, 250*time.Millisecond)
	lat, errs := runLoad(t, p, pctx, mix, duration)
	samples := rss.stop()
	peak, _ := p.memoryKiB("VmHWM")

	all := slices.Concat(slices.Collect(maps.Values(lat))...)
	slices.Sort(all)
	t.Logf("%d streams for %v: %d requests (%.0f/s), %d errors; latency p50 %v, p99 %v, max %v",
		loadStreams, duration, len(all), float64(len(all))/duration.Seconds(), errs.Load(),
		percentile(all, 0.50), percentile(all, 0.99), all[len(all)-1])
	for _, q := range mix {
		l := lat[q.RefID]
		slices.Sort(l)
		t.Logf("  %-17s %5d requests, p50 %v, p99 %v", q.RefID, len(l), percentile(l, 0.50), percentile(l, 0.99))
	}
	t.Logf("RSS: baseline %d MiB, peak (VmHWM) %d MiB, samples (MiB): %v", baseRSS>>10, peak>>10, mib(samples))
	if n := errs.Load(); n != 0 {
		t.Errorf("%d of %d requests failed (first errors above)", n, len(all))
	}
	if p.stderr.Seen("WARNING: DATA RACE") {
		t.Errorf("the race detector reported a race:\n%s", tailLines(p.stderr.String(), 80))
	}
	if raceBuilt(t, bin) {
		// ThreadSanitizer's shadow memory grows with every address the
		// program touches and is not returned to the OS, so the resident
		// set of a -race binary says nothing about the plugin's own.
		t.Logf("%s is built with -race: RSS is reported, not checked", bin)
	} else {
		checkRSSFlat(t, samples)
		after := settledRSS(t, p, baseRSS)
		t.Logf("RSS after the load: %d MiB (baseline %d MiB)", after>>10, baseRSS>>10)
	}

	// Grafana replaces an instance whose settings changed and disposes of
	// the old one 5 s later (instancemgmt's disposeTTL): its idle
	// connections close and the counts return to the baseline.
	settings.Updated = settings.Updated.Add(time.Second)
	if res, err := p.checkHealth(callContext(t), pluginContext(settings)); err != nil || res.Status != backend.HealthStatusOk {
		t.Errorf("health after the load: %v %+v", err, res)
	}
	p.settle(t, base)
}

// runLoad runs loadStreams streams for d and returns every request's
// latency by refId and the number of failed requests; the first few errors
// are logged.
func runLoad(t *testing.T, p *pluginProcess, pctx backend.PluginContext, mix []backend.DataQuery, d time.Duration) (map[string][]time.Duration, *atomic.Int64) {
	var (
		mu     sync.Mutex
		lat    = map[string][]time.Duration{}
		errs   atomic.Int64
		wg     sync.WaitGroup
		logged atomic.Int32
	)
	stop := time.Now().Add(d)
	for w := range loadStreams {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mine := map[string][]time.Duration{}
			for i := w; time.Now().Before(stop); i++ {
				q := mix[i%len(mix)]
				began := time.Now()
				err := loadRequest(p, pctx, q)
				mine[q.RefID] = append(mine[q.RefID], time.Since(began))
				if err != nil {
					errs.Add(1)
					if logged.Add(1) <= 5 {
						t.Logf("stream %d: %s: %v", w, q.RefID, err)
					}
				}
			}
			mu.Lock()
			for k, v := range mine {
				lat[k] = append(lat[k], v...)
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	return lat, &errs
}

func loadRequest(p *pluginProcess, pctx backend.PluginContext, q backend.DataQuery) error {
	ctx, cancel := context.WithTimeout(context.Background(), loadTimeout*time.Second+time.Minute)
	defer cancel()
	resp, err := p.queryData(ctx, pctx, q)
	if err != nil {
		return err
	}
	r := resp.Responses[q.RefID]
	if r.Error != nil {
		return fmt.Errorf("status %d: %w", r.Status, r.Error)
	}
	if len(r.Frames) == 0 {
		return fmt.Errorf("no frames")
	}
	return nil
}

// loadTimeout replaces the provisioned datasource timeout (30 s) under
// load: with 200 requests in flight, latency is the machine's throughput
// divided into 200 (Little's law), so on a slow or busy machine a 30 s
// deadline would turn slowness into errors. The test asserts that nothing
// fails; it reports latency.
const loadTimeout = 600

// provisionedSettings is the provisioned ce-anomaly datasource (its
// jsonData with the SLO catalog) pointed at url, with loadTimeout.
func provisionedSettings(t *testing.T, url string) backend.DataSourceInstanceSettings {
	t.Helper()
	prov, ok := demostack.ProvisionedDatasources(t)["ce-anomaly"]
	if !ok {
		t.Fatal("provisioning/datasources has no ce-anomaly datasource")
	}
	prov.JSONData["timeout"] = loadTimeout
	jd, err := json.Marshal(prov.JSONData)
	if err != nil {
		t.Fatal(err)
	}
	s := settingsFor(url)
	s.UID, s.Name, s.JSONData = prov.UID, prov.Name, jd
	return s
}

// loadMix is what a dashboard refresh and the alert rules ask for: series
// panels over 6 h, an anomaly panel (bands) and an anomaly rule (score over
// 10 min at Alerting's defaults), and the SLO panels (summary, burndown,
// burn rate) for the three provisioned SLOs.
func loadMix(t *testing.T) []backend.DataQuery {
	panel := func(refID, queryType string, model map[string]any) backend.DataQuery {
		model["refId"], model["queryType"] = refID, queryType
		body, err := json.Marshal(model)
		if err != nil {
			t.Fatal(err)
		}
		return backend.DataQuery{
			RefID: refID, QueryType: queryType, JSON: body, Interval: 30 * time.Second, MaxDataPoints: 1000,
			TimeRange: backend.TimeRange{From: loadEnd.Add(-6 * time.Hour), To: loadEnd},
		}
	}
	rule := panel("anomaly-rule", "anomaly", map[string]any{
		"expr": `database_connections{job=~"claude-enhancer.*"}`, "method": "robust", "window": "1h",
		"threshold": 5, "direction": "up", "detectorStep": "1m", "output": "score",
	})
	rule.Interval, rule.MaxDataPoints = time.Second, 43200
	rule.TimeRange.From = loadEnd.Add(-10 * time.Minute)
	return []backend.DataQuery{
		panel("cpu", "series", map[string]any{"expr": `claude_enhancer_cpu_usage{job=~"claude-enhancer.*"}`, "legendFormat": "{{instance}}", "minStep": "30s"}),
		panel("tasks", "series", map[string]any{"expr": `sum by (instance) (rate(completed_tasks_total{job=~"claude-enhancer.*"}[$__rate_interval]))`, "legendFormat": "{{instance}}", "minStep": "30s"}),
		panel("anomaly-bands", "anomaly", map[string]any{"expr": `database_connections{job=~"claude-enhancer.*"}`, "method": "robust", "window": "1h", "detectorStep": "1m"}),
		rule,
		panel("slo-availability", "slo", map[string]any{"sloId": "availability", "output": "summary"}),
		panel("slo-latency", "slo", map[string]any{"sloId": "latency-p95", "output": "burndown"}),
		panel("slo-errors", "slo", map[string]any{"sloId": "error-rate", "output": "burnrate"}),
	}
}

// checkRSSFlat fails t if the samples' second half peaks more than a
// quarter (plus 16 MiB) above the first: a leak grows with the requests
// served, while garbage collection only makes the samples a sawtooth.
func checkRSSFlat(t *testing.T, samples []int64) {
	t.Helper()
	if half := len(samples) / 2; half > 0 {
		first, second := slices.Max(samples[:half]), slices.Max(samples[half:])
		if second > first+first/4+16<<10 {
			t.Errorf("RSS grew during the load: first half peaked at %d MiB, second at %d MiB", first>>10, second>>10)
		}
	}
}

// raceBuilt reports whether the binary was built with -race.
func raceBuilt(t *testing.T, bin string) bool {
	info, err := buildinfo.ReadFile(bin)
	if err != nil {
		t.Fatalf("%s: %v", bin, err)
	}
	for _, s := range info.Settings {
		if s.Key == "-race" && s.Value == "true" {
			return true
		}
	}
	return false
}

func percentile(sorted []time.Duration, q float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	return sorted[min(len(sorted)-1, int(q*float64(len(sorted))))].Round(time.Millisecond)
}

func mib(kib []int64) []int64 {
	out := make([]int64, len(kib))
	for i, v := range kib {
		out[i] = v >> 10
	}
	return out
}
