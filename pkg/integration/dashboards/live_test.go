package dashboards

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/claudeenhancer/monitoring/internal/demostack"
)

// catalogue is `node demo/dist/cli.js catalogue --json`.
type catalogue struct {
	Families []struct {
		Name     string   `json:"name"`
		Type     string   `json:"type"`
		Services []string `json:"services"`
		Series   int      `json:"series"`
	} `json:"families"`
	Targets []struct {
		Instance string `json:"instance"`
		Service  string `json:"service"`
	} `json:"targets"`
}

func node(t *testing.T, args ...string) []byte {
	t.Helper()
	cmd := exec.Command("node", append([]string{filepath.Join(demostack.RepoRoot(t), "demo", "dist", "cli.js")}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node cli.js %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return out
}

// TestLiveScrapeYieldsTheCatalogue lets Prometheus scrape the live generator
// for up to a minute and checks that every metric of the catalogue arrives
// from every process that exports it, with exactly the model's values.
func TestLiveScrapeYieldsTheCatalogue(t *testing.T) { shared.Each(t, testLiveScrapeYieldsTheCatalogue) }

func testLiveScrapeYieldsTheCatalogue(t *testing.T, s *stack) {
	var cat catalogue
	if err := json.Unmarshal(node(t, "catalogue", "--json"), &cat); err != nil {
		t.Fatal(err)
	}
	// Processes in a simulated outage right now answer 503 and export nothing.
	down := map[string]bool{}
	var upNow []string
	r, err := s.Query(`up{job=~"claude-enhancer.*"}`, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	for _, series := range r.Series {
		if demostack.ParseValue(series.Value[1]) == 1 {
			upNow = append(upNow, series.Metric["instance"])
		} else {
			down[series.Metric["instance"]] = true
			t.Logf("%s is down now (a simulated outage): its series are not expected", series.Metric["instance"])
		}
	}
	sort.Strings(upNow)
	// Series per sample name, as scraped from the processes that are up:
	// histograms as _bucket, _sum and _count.
	want := map[string]int{"up": len(cat.Targets)}
	for _, f := range cat.Families {
		exporting, upExporting := 0, 0
		for _, tg := range cat.Targets {
			for _, svc := range f.Services {
				if tg.Service == svc {
					exporting++
					if !down[tg.Instance] {
						upExporting++
					}
				}
			}
		}
		perTarget := f.Series / exporting
		if f.Type == "histogram" {
			want[f.Name+"_bucket"] = (perTarget - 2) * upExporting
			want[f.Name+"_sum"], want[f.Name+"_count"] = upExporting, upExporting
		} else {
			want[f.Name] = perTarget * upExporting
		}
	}

	// Only samples scraped after the history ends count as live.
	var got map[string]int
	deadline := time.Now().Add(time.Minute)
	for {
		window := time.Since(time.Unix(s.HistoryEnd, 0)) - time.Second
		// A range selector keeps the metric names (functions over it would drop them).
		r, err := s.Query(fmt.Sprintf(`{job=~"claude-enhancer.*"}[%dms]`, window.Milliseconds()), time.Now())
		if err != nil {
			t.Fatal(err)
		}
		got = map[string]int{}
		for _, series := range r.Series {
			got[series.Metric["__name__"]]++
		}
		if complete(got, want) || time.Now().After(deadline) {
			break
		}
		time.Sleep(2 * time.Second)
	}
	for name, n := range want {
		if got[name] != n {
			t.Errorf("%s: %d live series, want %d", name, got[name], n)
		}
	}
	for _, name := range []string{"scrape_duration_seconds", "scrape_samples_scraped"} {
		if got[name] == 0 {
			t.Errorf("no %s: Prometheus did not scrape the generator", name)
		}
	}
	t.Run("values are the model's", func(t *testing.T) {
		if len(upNow) == 0 {
			t.Fatal("no process is up")
		}
		instance := upNow[0]
		r, err := s.Query(fmt.Sprintf(`timestamp(up{instance=%q})`, instance), time.Now())
		if err != nil || len(r.Series) != 1 {
			t.Fatalf("last scrape of %s: %v %v", instance, r, err)
		}
		scrape := demostack.ParseValue(r.Series[0].Value[1])
		if scrape <= float64(s.HistoryEnd) {
			t.Fatalf("no live scrape of %s yet", instance)
		}
		// The sample the scrape wrote, for every series of the process.
		at := time.UnixMilli(int64(math.Round(scrape * 1000)))
		r, err = s.Query(fmt.Sprintf(`{instance=%q, job=~"claude-enhancer.*", __name__!~"up|scrape_.*"}`, instance), at)
		if err != nil {
			t.Fatal(err)
		}
		scraped := map[string]float64{}
		for _, series := range r.Series {
			scraped[seriesKey(series.Metric)] = demostack.ParseValue(series.Value[1])
		}
		// The generator answers with the tick its clock was in; a scrape right
		// on a tick boundary may have seen the previous one.
		tick := int64(scrape) / 15 * 15
		var diffs []string
		for _, candidate := range []int64{tick, tick - 15} {
			model := snapshot(t, instance, candidate)
			diffs = compareValues(model, scraped)
			if len(diffs) == 0 {
				t.Logf("%d series of %s scraped at %.3f equal the model at tick %d", len(model), instance, scrape, candidate)
				return
			}
		}
		t.Errorf("scraped values differ from the model's at tick %d:\n%s", tick, strings.Join(diffs, "\n"))
	})
}

func complete(got, want map[string]int) bool {
	for name, n := range want {
		if got[name] != n {
			return false
		}
	}
	return true
}

// seriesKey is name{labels} with the target labels Prometheus adds left out.
func seriesKey(m map[string]string) string {
	var labels []string
	for k, v := range m {
		switch k {
		case "__name__", "job", "instance", "service", "environment":
			continue
		}
		labels = append(labels, k+"="+strconv.Quote(v))
	}
	sort.Strings(labels)
	return m["__name__"] + "{" + strings.Join(labels, ",") + "}"
}

// snapshot is what the generator serves for instance during tick t.
func snapshot(t *testing.T, instance string, tick int64) map[string]float64 {
	t.Helper()
	out := map[string]float64{}
	sc := bufio.NewScanner(bytes.NewReader(node(t, "snapshot", "--at", strconv.FormatInt(tick, 10), "--instance", instance)))
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		sp := strings.LastIndexByte(line, ' ')
		name, labels := line[:sp], ""
		if i := strings.IndexByte(name, '{'); i >= 0 {
			name, labels = line[:i], line[i+1:strings.LastIndexByte(line[:sp], '}')]
		}
		var parts []string
		if labels != "" {
			parts = strings.Split(labels, ",")
		}
		sort.Strings(parts)
		v, err := strconv.ParseFloat(line[sp+1:], 64)
		if err != nil {
			t.Fatalf("snapshot line %q: %v", line, err)
		}
		out[name+"{"+strings.Join(parts, ",")+"}"] = v
	}
	return out
}

func compareValues(model, scraped map[string]float64) []string {
	var diffs []string
	for k, v := range model {
		if got, ok := scraped[k]; !ok || got != v {
			diffs = append(diffs, fmt.Sprintf("  %s: scraped %v (present %v), model %v", k, got, ok, v))
		}
	}
	if len(scraped) != len(model) {
		diffs = append(diffs, fmt.Sprintf("  %d series scraped, %d in the model", len(scraped), len(model)))
	}
	sort.Strings(diffs)
	return diffs
}

// TestGeneratorAnswersWebhooksAsSlackAndPagerDutyDo: the dev stack points
// Grafana's Slack and PagerDuty contact points at the generator, which must
// answer as the real services do (Grafana retries and reports a failed
// delivery otherwise) and keep what it received for /webhooks.
func TestGeneratorAnswersWebhooksAsSlackAndPagerDutyDo(t *testing.T) {
	s := requireStack(t)
	for _, c := range []struct {
		receiver string
		status   int
		body     string
	}{
		{"slack", http.StatusOK, "ok"},
		{"pagerduty", http.StatusAccepted, `{"status":"success","message":"Event processed"}`},
	} {
		resp, err := http.Post(s.GeneratorURL+"/webhook/"+c.receiver, "application/json", strings.NewReader(`{"text":"test `+c.receiver+`"}`))
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		if resp.StatusCode != c.status || string(body) != c.body {
			t.Errorf("%s: %d %q, want %d %q", c.receiver, resp.StatusCode, body, c.status, c.body)
		}
	}
	resp, err := http.Get(s.GeneratorURL + "/webhooks")
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	var got []struct {
		Receiver string         `json:"receiver"`
		Body     map[string]any `json:"body"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&got); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, w := range got {
		seen[w.Receiver+":"+fmt.Sprint(w.Body["text"])] = true
	}
	if !seen["slack:test slack"] || !seen["pagerduty:test pagerduty"] {
		t.Errorf("/webhooks does not list both notifications: %+v", got)
	}
}
