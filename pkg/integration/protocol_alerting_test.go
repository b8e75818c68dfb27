package integration

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
	"go.yaml.in/yaml/v3"

	"github.com/claudeenhancer/monitoring/internal/demostack"
	"github.com/claudeenhancer/monitoring/internal/testenv"
	"github.com/claudeenhancer/monitoring/pkg/slo"
)

// ruleHeaders are the headers Grafana's rule evaluator puts on each
// datasource query of a rule (pkg/services/ngalert/eval/eval.go,
// buildDatasourceHeaders): FromAlert and X-Cache-Skip always, the rule's
// uid and org when the evaluation context carries the rule key, as it does
// for alert and recording rules.
func ruleHeaders(ruleUID string) map[string]string {
	return map[string]string{"FromAlert": "true", "X-Cache-Skip": "true", "X-Rule-Uid": ruleUID, "X-Grafana-Org-Id": "1"}
}

// fixtureSLO is an SLO over the default fixture's request counters.
const fixtureSLO = `{"id":"fixture-errors","sli":{"kind":"ratio","bad":"ce_requests_total{code=\"500\"}","total":"ce_requests_total"},"objective":0.9,"window":"1d"}`

// TestProtocolAlertRuleQueries sends rule queries to the built plugin binary
// with the headers Grafana's alerting sets, over gRPC as Grafana does.
func TestProtocolAlertRuleQueries(t *testing.T) {
	bin := pluginBinary(t)
	up := testenv.SharedPrometheus(t)
	fx := testenv.SharedFixture()
	c := launchPlugin(t, bin)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	// Our datasource as provisioned (its SLO catalog included), over the
	// fixture's Prometheus.
	prov := demostack.ProvisionedDatasources(t)["ce-anomaly"]
	jsonData, err := json.Marshal(prov.JSONData)
	if err != nil {
		t.Fatal(err)
	}
	settings := settingsFor(up.URL)
	settings.JSONData = jsonData
	pctx := backend.PluginContext{OrgID: 1, PluginID: "claudeenhancer-anomaly-datasource", DataSourceInstanceSettings: &settings}
	run := func(t *testing.T, headers map[string]string, qs ...backend.DataQuery) backend.Responses {
		t.Helper()
		req := &backend.QueryDataRequest{PluginContext: pctx, Headers: headers, Queries: qs}
		protoResp, err := c.data.QueryData(ctx, backend.ToProto().QueryDataRequest(req))
		if err != nil {
			t.Fatal(err)
		}
		resp, err := backend.FromProto().QueryDataResponse(protoResp)
		if err != nil {
			t.Fatal(err)
		}
		return resp.Responses
	}
	// A rule query: the last 10 minutes of the fixture, as the provisioned
	// rules ask (relativeTimeRange 600 s), with Grafana's alerting defaults.
	now := fx.End
	ruleQuery := func(refID, body string) backend.DataQuery {
		return backend.DataQuery{RefID: refID, JSON: []byte(body), Interval: time.Second, MaxDataPoints: 43200,
			TimeRange: backend.TimeRange{From: now.Add(-10 * time.Minute), To: now}}
	}

	t.Run("an alerting request for bands gets a 400 that names the score output", func(t *testing.T) {
		resp := run(t, ruleHeaders("by-hand"),
			ruleQuery("A", `{"queryType":"anomaly","expr":"ce_cpu_usage","output":"bands"}`),
			ruleQuery("B", `{"queryType":"anomaly","expr":"ce_cpu_usage"}`),
			ruleQuery("C", `{"queryType":"slo","slo":`+fixtureSLO+`}`),
			ruleQuery("ok", `{"queryType":"anomaly","expr":"ce_cpu_usage","output":"score"}`))
		for refID, want := range map[string]string{"A": "use output score for alert rules", "B": "use output score for alert rules",
			"C": "use output alert for alert rules"} {
			r := resp[refID]
			if r.Error == nil || r.Status != backend.StatusBadRequest || r.ErrorSource != backend.ErrorSourceDownstream ||
				!strings.Contains(r.Error.Error(), want) || len(r.Frames) != 0 {
				t.Errorf("%s: status %d source %q error %v, %d frames; want a 400 downstream error saying %q",
					refID, r.Status, r.ErrorSource, r.Error, len(r.Frames), want)
			}
		}
		if ok := resp["ok"]; ok.Error != nil || len(ok.Frames) != 2 {
			t.Errorf("the score sibling: %v, %d frames; want one per ce_cpu_usage series", ok.Error, len(ok.Frames))
		}
		// The same bands query from a panel is answered.
		if r := run(t, nil, ruleQuery("A", `{"queryType":"anomaly","expr":"ce_cpu_usage"}`))["A"]; r.Error != nil || len(r.Frames) != 2 {
			t.Errorf("without the alerting headers: %v, %d frames", r.Error, len(r.Frames))
		}
	})

	t.Run("score and alert outputs are dataplane numbers, one numeric field per series", func(t *testing.T) {
		pairs := slo.Pairs(24*time.Hour, 0.9, time.Minute)
		longs := map[time.Duration]bool{}
		for _, p := range pairs {
			longs[p.Long] = true
		}
		tests := []struct {
			body      string
			frameType data.FrameType
			series    int
		}{
			{`{"queryType":"anomaly","expr":"ce_cpu_usage","output":"score"}`, data.FrameTypeTimeSeriesMulti, 2},
			{`{"queryType":"trend","expr":"ce_cpu_usage","output":"score"}`, data.FrameTypeNumericMulti, 2},
			{`{"queryType":"forecast","expr":"ce_cpu_usage","output":"score","forecastThreshold":95}`, data.FrameTypeNumericMulti, 2},
			{`{"queryType":"slo","slo":` + fixtureSLO + `,"output":"alert","bucketStep":"1m"}`, data.FrameTypeNumericMulti, len(pairs)},
			{`{"queryType":"slo","slo":` + fixtureSLO + `,"output":"burnrate","bucketStep":"1m"}`, data.FrameTypeTimeSeriesMulti, len(longs)},
			{`{"queryType":"slo","slo":` + fixtureSLO + `,"output":"budget","bucketStep":"1m"}`, data.FrameTypeNumericMulti, 1},
		}
		var qs []backend.DataQuery
		for i, tt := range tests {
			qs = append(qs, ruleQuery(fmt.Sprint(i), tt.body))
		}
		resp := run(t, ruleHeaders("by-hand"), qs...)
		for i, tt := range tests {
			r := resp[fmt.Sprint(i)]
			if r.Error != nil {
				t.Errorf("%s: %v", tt.body, r.Error)
				continue
			}
			if err := numericPerSeries(r.Frames, tt.frameType, true); err != nil || len(r.Frames) != tt.series {
				t.Errorf("%s: %d frames (want %d): %v", tt.body, len(r.Frames), tt.series, err)
			}
		}
	})

	t.Run("the provisioned rules' queries pass unchanged", func(t *testing.T) {
		// The SLO fixture serves the seed SLOs' metrics under the names the
		// provisioned catalog queries; the anomaly rules' demo metrics are
		// absent, so those rules see dataplane "no data".
		sloFx := testenv.NewSLO(time.Now(), testenv.DefaultSeed)
		sloSettings := settings
		sloSettings.URL = testenv.StartPrometheus(t, &sloFx.Fixture).URL
		sloSettings.Updated = settings.Updated.Add(time.Second) // a new instance, as after an edit in Grafana
		pctx.DataSourceInstanceSettings = &sloSettings
		n := 0
		for _, rq := range provisionedRuleQueries(t, prov.UID) {
			at := sloFx.End
			q := backend.DataQuery{RefID: rq.RefID, QueryType: rq.QueryType, JSON: rq.JSON, Interval: rq.Interval,
				MaxDataPoints: rq.MaxDataPoints, TimeRange: backend.TimeRange{From: at.Add(-rq.From), To: at.Add(-rq.To)}}
			r := run(t, ruleHeaders(rq.RuleUID), q)[rq.RefID]
			if r.Error != nil {
				t.Errorf("rule %s query %s: %v", rq.RuleUID, rq.RefID, r.Error)
			} else if err := numericPerSeries(r.Frames, "", rq.QueryType == "slo"); err != nil {
				t.Errorf("rule %s query %s: %v", rq.RuleUID, rq.RefID, err)
			}
			n++
		}
		if n < 6 {
			t.Errorf("%d provisioned queries of our datasource, want the 3 SLO and 3 anomaly rules' at least", n)
		}
	})
}

// numericPerSeries checks frames as server-side expressions read them:
// dataplane timeseries-multi or numeric-multi 0.1 (of frameType, when set),
// each frame one numeric field with a label set of its own. A single frame
// without fields is dataplane "no data", accepted unless data is required.
func numericPerSeries(frames data.Frames, frameType data.FrameType, requireData bool) error {
	if len(frames) == 1 && len(frames[0].Fields) == 0 && !requireData {
		return nil
	}
	seen := map[string]bool{}
	for i, f := range frames {
		if f.Meta == nil || f.Meta.TypeVersion != (data.FrameTypeVersion{0, 1}) ||
			(f.Meta.Type != data.FrameTypeTimeSeriesMulti && f.Meta.Type != data.FrameTypeNumericMulti) ||
			(frameType != "" && f.Meta.Type != frameType) {
			return fmt.Errorf("frame %d: meta %+v, want %s 0.1", i, f.Meta, frameType)
		}
		var numeric []*data.Field
		for _, fld := range f.Fields {
			if fld.Type().Numeric() {
				numeric = append(numeric, fld)
			}
		}
		if len(numeric) != 1 || numeric[0].Len() == 0 {
			return fmt.Errorf("frame %d: %d numeric fields, want one with values", i, len(numeric))
		}
		key := numeric[0].Labels.String()
		if seen[key] {
			return fmt.Errorf("frame %d: labels %s repeat another frame's", i, key)
		}
		seen[key] = true
	}
	return nil
}

// provisionedQuery is one query of a provisioned rule on our datasource, as
// Grafana's evaluator sends it: the model as JSON, the relative time range
// as offsets before now, interval and max data points from the model.
type provisionedQuery struct {
	RuleUID, RefID, QueryType string
	JSON                      json.RawMessage
	From, To                  time.Duration
	Interval                  time.Duration
	MaxDataPoints             int64
}

// provisionedRuleQueries reads provisioning/alerting/rules.yaml and returns
// the queries of datasource uid.
func provisionedRuleQueries(t *testing.T, uid string) []provisionedQuery {
	t.Helper()
	var f struct {
		Groups []struct {
			Rules []struct {
				UID  string `yaml:"uid"`
				Data []struct {
					RefID             string                   `yaml:"refId"`
					QueryType         string                   `yaml:"queryType"`
					RelativeTimeRange struct{ From, To int64 } `yaml:"relativeTimeRange"`
					DatasourceUID     string                   `yaml:"datasourceUid"`
					Model             map[string]any           `yaml:"model"`
				} `yaml:"data"`
			} `yaml:"rules"`
		} `yaml:"groups"`
	}
	if err := yaml.Unmarshal(demostack.ReadRepoFile(t, "provisioning/alerting/rules.yaml"), &f); err != nil {
		t.Fatal(err)
	}
	var out []provisionedQuery
	for _, g := range f.Groups {
		for _, r := range g.Rules {
			for _, d := range r.Data {
				if d.DatasourceUID != uid {
					continue
				}
				raw, err := json.Marshal(d.Model)
				if err != nil {
					t.Fatal(err)
				}
				interval, _ := d.Model["intervalMs"].(int)
				maxDP, _ := d.Model["maxDataPoints"].(int)
				out = append(out, provisionedQuery{
					RuleUID: r.UID, RefID: d.RefID, QueryType: d.QueryType, JSON: raw,
					From: time.Duration(d.RelativeTimeRange.From) * time.Second, To: time.Duration(d.RelativeTimeRange.To) * time.Second,
					Interval: time.Duration(interval) * time.Millisecond, MaxDataPoints: int64(maxDP),
				})
			}
		}
	}
	return out
}
