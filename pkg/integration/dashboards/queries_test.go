package dashboards

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/claudeenhancer/monitoring/internal/demostack"
	"github.com/claudeenhancer/monitoring/pkg/plugin"
)

// TestEveryQueryReturnsData runs every query of every provisioned dashboard
// over its default time range, as Grafana would with every variable at All:
// Prometheus panels through Prometheus' HTTP API, panels of our datasource
// through its QueryData handler. Each must return at least one number.
func TestEveryQueryReturnsData(t *testing.T) { shared.Each(t, testEveryQueryReturnsData) }

func testEveryQueryReturnsData(t *testing.T, s *stack) {
	t.Logf("stack ready in %v: history %s .. %s", s.Took.Round(time.Second),
		time.Unix(s.HistoryStart, 0).UTC().Format(time.RFC3339), time.Unix(s.HistoryEnd, 0).UTC().Format(time.RFC3339))
	datasources := demostack.ProvisionedDatasources(t)
	anomaly := newAnomalyDatasource(t, datasources["ce-anomaly"], s.Prometheus.URL)
	now := time.Now()
	ran := map[string]int{}
	for _, d := range loadDashboards(t) {
		tr := obj(d.Raw["time"])
		from, err := relativeTime(str(tr["from"]), now)
		if err != nil {
			t.Fatalf("%s: %v", d.Path, err)
		}
		to, err := relativeTime(str(tr["to"]), now)
		if err != nil {
			t.Fatalf("%s: %v", d.Path, err)
		}
		span := to.Sub(from)
		interval := grafanaInterval(span)
		vars := d.Variables()
		for _, v := range vars {
			q := variableQuery(v)
			t.Run(fmt.Sprintf("%s/variable %s", d.UID(), str(v["name"])), func(t *testing.T) {
				m := regexp.MustCompile(`^label_values\((.*),\s*([a-zA-Z_][a-zA-Z0-9_]*)\)$`).FindStringSubmatch(q)
				if m == nil {
					t.Skipf("not a label_values query: %s", q)
				}
				values, err := s.LabelValues(m[2], substituteVariables(m[1], vars), from, to)
				if err != nil {
					t.Fatal(err)
				}
				if len(values) == 0 {
					t.Errorf("%s: no values", q)
				}
			})
		}
		// Annotation queries of our datasource (anomaly events) run as Grafana
		// runs them; a range may hold no event, so only an error fails.
		for _, a := range d.Annotations() {
			target := obj(a["target"])
			if str(obj(a["datasource"])["type"]) != "claudeenhancer-anomaly-datasource" || len(target) == 0 {
				continue
			}
			t.Run(fmt.Sprintf("%s/annotation %s", d.UID(), str(a["name"])), func(t *testing.T) {
				ran["annotation"]++
				q := map[string]any{}
				for k, v := range target {
					q[k] = v
				}
				q["expr"] = substituteVariables(str(target["expr"]), vars)
				n, err := anomaly.query(t, q, from, to, interval)
				if err != nil {
					t.Fatal(err)
				}
				t.Logf("%d numbers in the events over %s .. %s", n, from.Format(time.RFC3339), to.Format(time.RFC3339))
			})
		}
		for _, p := range d.Panels() {
			for _, tg := range list(p["targets"]) {
				target := obj(tg)
				if target["hide"] == true {
					continue
				}
				ds := panelDatasource(p, target)
				name := fmt.Sprintf("%s/%s/%s", d.UID(), str(p["title"]), str(target["refId"]))
				t.Run(name, func(t *testing.T) {
					expr := substituteVariables(str(target["expr"]), vars)
					switch str(ds["type"]) {
					case "prometheus":
						ran["prometheus"]++
						expr = expandMacros(expr, interval, span)
						var r *demostack.Result
						var err error
						if target["instant"] == true {
							r, err = s.Query(expr, to)
						} else {
							r, err = s.QueryRange(expr, from, to, interval)
						}
						if err != nil {
							t.Fatal(err)
						}
						if r.Finite() == 0 {
							t.Errorf("no data over %s .. %s for\n%s", from.Format(time.RFC3339), to.Format(time.RFC3339), expr)
						}
					case "claudeenhancer-anomaly-datasource":
						ran["anomaly"]++
						q := map[string]any{}
						for k, v := range target {
							q[k] = v
						}
						q["expr"] = expr // the frontend substitutes variables; the backend expands the macros
						n, err := anomaly.query(t, q, from, to, interval)
						if err != nil {
							t.Fatal(err)
						}
						if n == 0 {
							t.Errorf("no data over %s .. %s for\n%s", from.Format(time.RFC3339), to.Format(time.RFC3339), expr)
						}
					default:
						t.Fatalf("no way to run a query of datasource type %q", ds["type"])
					}
				})
			}
		}
	}
	if ran["prometheus"] == 0 || ran["anomaly"] == 0 || ran["annotation"] == 0 {
		t.Errorf("want queries through both datasources, ran %v", ran)
	}
	t.Logf("ran %v queries in %v", ran, time.Since(now).Round(time.Millisecond))
}

// anomalyDatasource is our backend datasource, configured as provisioned but
// pointing at the test's Prometheus.
type anomalyDatasource struct {
	ds  *plugin.Datasource
	ctx backend.PluginContext
}

func newAnomalyDatasource(t *testing.T, prov demostack.Datasource, url string) *anomalyDatasource {
	t.Helper()
	if prov.UID == "" {
		t.Fatal("provisioning/datasources has no ce-anomaly datasource")
	}
	jsonData, err := json.Marshal(prov.JSONData)
	if err != nil {
		t.Fatal(err)
	}
	settings := backend.DataSourceInstanceSettings{
		UID: prov.UID, Name: prov.Name, Type: prov.Type, URL: url, JSONData: jsonData,
		DecryptedSecureJSONData: map[string]string{}, Updated: time.Unix(0, 0),
	}
	inst, err := plugin.NewDatasource(context.Background(), settings)
	if err != nil {
		t.Fatal(err)
	}
	ds, ok := inst.(*plugin.Datasource)
	if !ok {
		t.Fatalf("NewDatasource returned %T", inst)
	}
	t.Cleanup(ds.Dispose)
	return &anomalyDatasource{ds: ds, ctx: backend.PluginContext{OrgID: 1, PluginID: prov.Type, DataSourceInstanceSettings: &settings}}
}

// query runs one target as Grafana sends it and counts the non-null numbers
// of the frames it returns.
func (a *anomalyDatasource) query(t *testing.T, target map[string]any, from, to time.Time, interval time.Duration) (int, error) {
	body, err := json.Marshal(target)
	if err != nil {
		return 0, err
	}
	refID := str(target["refId"])
	resp, err := a.ds.QueryData(context.Background(), &backend.QueryDataRequest{
		PluginContext: a.ctx,
		Queries: []backend.DataQuery{{
			RefID: refID, QueryType: str(target["queryType"]), JSON: body,
			TimeRange: backend.TimeRange{From: from, To: to}, Interval: interval, MaxDataPoints: maxDataPoints,
		}},
	})
	if err != nil {
		return 0, err
	}
	r := resp.Responses[refID]
	if r.Error != nil {
		return 0, r.Error
	}
	return countNumbers(r.Frames), nil
}

func countNumbers(frames data.Frames) int {
	n := 0
	for _, f := range frames {
		for _, field := range f.Fields {
			if !field.Type().Numeric() {
				continue
			}
			for i := 0; i < field.Len(); i++ {
				if v, ok := field.ConcreteAt(i); ok {
					if x, err := toFloat(v); err == nil && !math.IsNaN(x) {
						n++
					}
				}
			}
		}
	}
	return n
}

func toFloat(v any) (float64, error) {
	switch x := v.(type) {
	case float64:
		return x, nil
	case float32:
		return float64(x), nil
	case int64:
		return float64(x), nil
	case int32:
		return float64(x), nil
	case uint64:
		return float64(x), nil
	}
	return 0, fmt.Errorf("%T is not a number", v)
}

// dashboardByUID finds a provisioned dashboard.
func dashboardByUID(t *testing.T, uid string) dashboardFile {
	t.Helper()
	for _, d := range loadDashboards(t) {
		if d.UID() == uid {
			return d
		}
	}
	t.Fatalf("no dashboard %s", uid)
	return dashboardFile{}
}

// panelExpr returns the first query of the panel whose title starts with prefix.
func panelExpr(t *testing.T, d dashboardFile, typ, prefix string) string {
	t.Helper()
	for _, p := range d.Panels() {
		if str(p["type"]) == typ && strings.HasPrefix(str(p["title"]), prefix) {
			return substituteVariables(str(obj(list(p["targets"])[0])["expr"]), d.Variables())
		}
	}
	t.Fatalf("%s: no %s panel titled %q…", filepath.Base(d.Path), typ, prefix)
	return ""
}
