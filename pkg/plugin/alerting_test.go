package plugin

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/claudeenhancer/monitoring/internal/frametest"
	"github.com/claudeenhancer/monitoring/internal/promfake"
)

// ruleHeaders are the headers Grafana's rule evaluator puts on every
// datasource query (pkg/services/ngalert/eval/eval.go,
// buildDatasourceHeaders).
var ruleHeaders = map[string]string{
	"FromAlert": "true", "X-Cache-Skip": "true", "X-Rule-Uid": "ce-anomaly-db-connections", "X-Grafana-Org-Id": "1",
}

// ruleEnv answers detection and series queries from one spiky series and
// SLO queries (the catalog of slo_test.go) from a constant error ratio of
// 0.05 %.
type ruleEnv struct{ series, slos *Datasource }

func newRuleEnv(t *testing.T) ruleEnv {
	t.Helper()
	up := newUpstream(t, map[string]reply{"/api/v1/query_range": {answer: rangeAnswer(promfake.Level("a", 1, true))}})
	sli := promfake.NewSLI(t, 0.0005)
	return ruleEnv{series: newDS(t, up.URL, `{}`, nil), slos: newDS(t, sli.URL, `{"slos":`+promfake.SLOCatalogJSON+`}`, nil)}
}

// run sends body as query A with the headers, over the last 10 minutes
// (the provisioned rules' relativeTimeRange of 600 s).
func (e ruleEnv) run(t *testing.T, headers map[string]string, body string) backend.DataResponse {
	t.Helper()
	ds, q := e.series, detectionDataQuery("A", body, promfake.T0.Add(6*time.Hour-10*time.Minute), promfake.T0.Add(6*time.Hour), 43200)
	if strings.Contains(body, `"queryType":"slo"`) {
		ds, q = e.slos, sloDataQuery("A", body, promfake.SLONow)
	}
	resp, err := ds.QueryData(context.Background(), &backend.QueryDataRequest{Headers: headers, Queries: []backend.DataQuery{q}})
	if err != nil {
		t.Fatal(err)
	}
	return resp.Responses["A"]
}

func TestAlertingRequestsRefuseOutputsWithSeveralNumbersPerSeries(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"anomaly bands, the default output", `{"queryType":"anomaly","expr":"latency"}`, "use output score for alert rules"},
		{"anomaly bands, asked for", `{"queryType":"anomaly","expr":"latency","output":"bands"}`, "six numbers per series"},
		{"anomaly events", `{"queryType":"anomaly","expr":"latency","output":"events"}`, "table of events"},
		{"trend bands", `{"queryType":"trend","expr":"latency","output":"bands"}`, "Cohen's d"},
		{"forecast bands", `{"queryType":"forecast","expr":"latency","output":"bands"}`, "seconds until the forecast reaches"},
		{"slo summary, the default output", `{"queryType":"slo","sloId":"errors-30d"}`, "use output alert for alert rules"},
		{"slo burndown", `{"queryType":"slo","sloId":"errors-30d","output":"burndown"}`, "remaining budget and the ideal line"},
	}
	env := newRuleEnv(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := env.run(t, ruleHeaders, tt.body)
			if r.Error == nil || r.Status != backend.StatusBadRequest || r.ErrorSource != backend.ErrorSourceDownstream ||
				!strings.Contains(r.Error.Error(), tt.want) || !strings.Contains(r.Error.Error(), "not usable in alert and recording rules") {
				t.Fatalf("status %d source %q error %v, want a 400 downstream error mentioning %q", r.Status, r.ErrorSource, r.Error, tt.want)
			}
			// The same query from a panel runs.
			if r := env.run(t, nil, tt.body); r.Error != nil || len(r.Frames) == 0 {
				t.Errorf("without the alerting headers: %v, %d frames", r.Error, len(r.Frames))
			}
		})
	}
}

func TestAlertingRequestsGetOneNumericFieldPerSeries(t *testing.T) {
	tests := []struct {
		name, body string
		frameType  data.FrameType
		field      string
	}{
		{"series", `{"queryType":"series","expr":"latency"}`, data.FrameTypeTimeSeriesMulti, "Value"},
		{"anomaly score", `{"queryType":"anomaly","expr":"latency","output":"score"}`, data.FrameTypeTimeSeriesMulti, "anomaly_score"},
		{"trend score", `{"queryType":"trend","expr":"latency","output":"score"}`, data.FrameTypeNumericMulti, "effect_size"},
		{"forecast score", `{"queryType":"forecast","expr":"latency","output":"score","forecastThreshold":1000}`, data.FrameTypeNumericMulti, "time_to_threshold"},
		{"slo alert", `{"queryType":"slo","sloId":"errors-30d","output":"alert"}`, data.FrameTypeNumericMulti, "burn_alert"},
		{"slo burnrate", `{"queryType":"slo","sloId":"errors-30d","output":"burnrate"}`, data.FrameTypeTimeSeriesMulti, "burn_rate"},
		{"slo budget", `{"queryType":"slo","sloId":"errors-30d","output":"budget"}`, data.FrameTypeNumericMulti, "budget_remaining_ratio"},
	}
	env := newRuleEnv(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := okFrames(t, env.run(t, ruleHeaders, tt.body))
			for _, f := range fs {
				numeric := 0
				for _, fld := range f.Fields {
					if fld.Type().Numeric() {
						numeric++
						if fld.Name != tt.field {
							t.Errorf("numeric field %q, want %q", fld.Name, tt.field)
						}
					}
				}
				if f.Meta == nil || f.Meta.Type != tt.frameType || f.Meta.TypeVersion != (data.FrameTypeVersion{0, 1}) || numeric != 1 {
					t.Errorf("frame %+v with %d numeric fields, want %s 0.1 with one", f.Meta, numeric, tt.frameType)
				}
			}
		})
	}
}

// The budget output is the summary's budget_remaining_ratio on its own:
// 0.05 % errors against a 0.1 % budget leave half of it.
func TestSLOBudgetIsTheSummarysRemainingRatio(t *testing.T) {
	resp := runQueries(t, newRuleEnv(t).slos,
		sloDataQuery("budget", `{"queryType":"slo","sloId":"errors-30d","output":"budget"}`, promfake.SLONow),
		sloDataQuery("summary", `{"queryType":"slo","sloId":"errors-30d"}`, promfake.SLONow))
	budget := okFrames(t, resp["budget"])
	got, _ := budget[0].Fields[0].FloatAt(0)
	want := frametest.Column(t, okFrames(t, resp["summary"])[0], "budget_remaining_ratio")[0]
	if len(budget) != 1 || got != want || budget[0].Fields[0].Labels["slo"] != "errors-30d" || got < 0.5-1e-9 || got > 0.5+1e-9 {
		t.Errorf("budget %v (%d frames, labels %v), want the summary's %v = 0.5", got, len(budget), budget[0].Fields[0].Labels, want)
	}
}

func TestFromAlertingReadsGrafanasHeader(t *testing.T) {
	tests := []struct {
		name    string
		headers map[string]string
		want    bool
	}{
		{"the rule evaluator's headers", ruleHeaders, true},
		{"the key canonicalised by an HTTP hop", map[string]string{"Fromalert": "true"}, true},
		{"a panel's request", map[string]string{"http_X-Dashboard-Uid": "ce-sla"}, false},
		{"no headers", nil, false},
		{"an explicit false", map[string]string{"FromAlert": "false"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := fromAlerting(tt.headers); got != tt.want {
				t.Errorf("fromAlerting(%v) = %v, want %v", tt.headers, got, tt.want)
			}
		})
	}
}
