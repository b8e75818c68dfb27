package alerting

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/claudeenhancer/monitoring/internal/demostack"
	"github.com/claudeenhancer/monitoring/pkg/promdur"
)

// rulesPath is the file under test.
const rulesPath = "provisioning/alerting/rules.yaml"

// rulesFile is Grafana's alert rule provisioning format (apiVersion 1),
// decoded strictly so a misspelt key fails instead of being ignored.
type rulesFile struct {
	APIVersion int         `yaml:"apiVersion"`
	Groups     []ruleGroup `yaml:"groups"`
}

type ruleGroup struct {
	OrgID    int64  `yaml:"orgId"`
	Name     string `yaml:"name"`
	Folder   string `yaml:"folder"`
	Interval string `yaml:"interval"`
	Rules    []rule `yaml:"rules"`
}

type rule struct {
	UID                  string            `yaml:"uid"`
	Title                string            `yaml:"title"`
	Condition            string            `yaml:"condition"`
	Data                 []query           `yaml:"data"`
	DashboardUID         string            `yaml:"dashboardUid"`
	PanelID              int64             `yaml:"panelId"`
	NoDataState          string            `yaml:"noDataState"`
	ExecErrState         string            `yaml:"execErrState"`
	For                  string            `yaml:"for"`
	Labels               map[string]string `yaml:"labels"`
	Annotations          map[string]string `yaml:"annotations"`
	IsPaused             bool              `yaml:"isPaused"`
	NotificationSettings map[string]any    `yaml:"notification_settings"`

	group *ruleGroup
}

type query struct {
	RefID             string                   `yaml:"refId"`
	QueryType         string                   `yaml:"queryType"`
	RelativeTimeRange struct{ From, To int64 } `yaml:"relativeTimeRange"`
	DatasourceUID     string                   `yaml:"datasourceUid"`
	Model             map[string]any           `yaml:"model"`
}

// exprDatasource is the uid Grafana gives server-side expressions.
const exprDatasource = "__expr__"

func loadRules(t testing.TB) []*rule {
	t.Helper()
	raw := demostack.ReadRepoFile(t, rulesPath)
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	var f rulesFile
	if err := dec.Decode(&f); err != nil {
		t.Fatalf("%s: %v", rulesPath, err)
	}
	if f.APIVersion != 1 {
		t.Fatalf("%s: apiVersion %d, want 1", rulesPath, f.APIVersion)
	}
	var out []*rule
	for gi := range f.Groups {
		g := &f.Groups[gi]
		for ri := range g.Rules {
			r := &g.Rules[ri]
			r.group = g
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		t.Fatalf("%s: no rules", rulesPath)
	}
	return out
}

// ruleByTitle finds a rule by title (its alertname).
func ruleByTitle(t testing.TB, rules []*rule, title string) *rule {
	t.Helper()
	for _, r := range rules {
		if r.Title == title {
			return r
		}
	}
	t.Fatalf("%s: no rule titled %q", rulesPath, title)
	return nil
}

func (r *rule) query(refID string) *query {
	for i := range r.Data {
		if r.Data[i].RefID == refID {
			return &r.Data[i]
		}
	}
	return nil
}

// pending is the rule's pending period.
func (r *rule) pending() time.Duration {
	d, err := parseDuration(r.For)
	if err != nil {
		panic(fmt.Sprintf("%s: for %q: %v", r.Title, r.For, err))
	}
	return d
}

// interval is the rule group's evaluation interval.
func (r *rule) interval() time.Duration {
	d, err := parseDuration(r.group.Interval)
	if err != nil {
		panic(fmt.Sprintf("%s: interval %q: %v", r.group.Name, r.group.Interval, err))
	}
	return d
}

// shape is what an A → reduce → threshold rule computes: the query, the
// reducer's mode and the threshold's comparison.
type shape struct {
	Query  *query
	Mode   string  // reduce mode: "" (strict), dropNN, replaceNN
	Op     string  // gt or lt
	Param  float64 // the threshold
	Reduce string  // the reducer
}

// shape reads the rule as query → B reduce → C threshold, failing for any
// other arrangement (every provisioned rule has this one).
func (r *rule) shape(t testing.TB) shape {
	t.Helper()
	c := r.query(r.Condition)
	if c == nil || str(c.Model["type"]) != "threshold" {
		t.Fatalf("%s: condition %s is not a threshold expression", r.Title, r.Condition)
	}
	b := r.query(str(c.Model["expression"]))
	if b == nil || str(b.Model["type"]) != "reduce" {
		t.Fatalf("%s: the threshold's input is not a reduce expression", r.Title)
	}
	a := r.query(str(b.Model["expression"]))
	if a == nil || a.DatasourceUID == exprDatasource {
		t.Fatalf("%s: the reduce's input is not a datasource query", r.Title)
	}
	conds := list(c.Model["conditions"])
	if len(conds) != 1 {
		t.Fatalf("%s: threshold has %d conditions, want 1", r.Title, len(conds))
	}
	ev := obj(obj(conds[0])["evaluator"])
	params := list(ev["params"])
	if len(params) != 1 {
		t.Fatalf("%s: threshold %v: want one parameter", r.Title, ev)
	}
	p, ok := number(params[0])
	if !ok {
		t.Fatalf("%s: threshold parameter %v is not a number", r.Title, params[0])
	}
	return shape{Query: a, Mode: str(obj(b.Model["settings"])["mode"]), Op: str(ev["type"]), Param: p, Reduce: str(b.Model["reducer"])}
}

// holds is the threshold's verdict on a reduced value (NaN never holds, as
// in Grafana's threshold expression).
func (s shape) holds(v float64) bool {
	switch s.Op {
	case "gt":
		return v > s.Param
	case "lt":
		return v < s.Param
	}
	panic("unsupported threshold " + s.Op)
}

// parseDuration reads Grafana's durations, which Prometheus' strict syntax
// spells (1m, 1h30m, 0s); empty is zero, as Grafana reads a missing `for`.
func parseDuration(s string) (time.Duration, error) {
	if s == "" {
		return 0, nil
	}
	return promdur.Parse(s, promdur.Year)
}

// dashboardPanels maps each provisioned dashboard's uid to its panels by id
// (rows' nested panels included).
func dashboardPanels(t testing.TB) map[string]map[int64]map[string]any {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(demostack.RepoRoot(t), "provisioning", "dashboards", "*.json"))
	if len(files) == 0 {
		t.Fatal("no provisioning/dashboards/*.json")
	}
	out := map[string]map[int64]map[string]any{}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var d map[string]any
		if err := json.Unmarshal(raw, &d); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		panels := map[int64]map[string]any{}
		var add func([]any)
		add = func(ps []any) {
			for _, p := range ps {
				pm := obj(p)
				if id, ok := number(pm["id"]); ok {
					panels[int64(id)] = pm
				}
				add(list(pm["panels"]))
			}
		}
		add(list(d["panels"]))
		out[str(d["uid"])] = panels
	}
	return out
}

// seedRule is an entry of demo/timeline.json's alertReference: the seed rule
// the demo's incidents were sized against.
type seedRule struct {
	Expr     string `json:"expr"`
	For      string `json:"for"`
	Severity string `json:"severity"`
}

func loadAlertReference(t testing.TB) map[string]seedRule {
	t.Helper()
	raw := demostack.ReadRepoFile(t, "demo/timeline.json")
	var tl struct {
		AlertReference map[string]seedRule `json:"alertReference"`
	}
	if err := json.Unmarshal(raw, &tl); err != nil {
		t.Fatalf("demo/timeline.json: %v", err)
	}
	if len(tl.AlertReference) == 0 {
		t.Fatal("demo/timeline.json has no alertReference")
	}
	return tl.AlertReference
}

// seedComparison splits a seed expression into its query and final
// comparison: "queue_size > 1000" is ("queue_size", ">", 1000).
var seedComparison = regexp.MustCompile(`^(.*\S)\s*(==|>|<)\s*([0-9.eE+-]+)$`)

func splitSeedExpr(expr string) (q, op string, v float64, err error) {
	m := seedComparison.FindStringSubmatch(expr)
	if m == nil {
		return "", "", 0, fmt.Errorf("%q does not end in a comparison with a number", expr)
	}
	v, err = strconv.ParseFloat(m[3], 64)
	return m[1], m[2], v, err
}

// Short names for reading loosely decoded rules and dashboards.
var (
	obj  = demostack.Object
	list = demostack.List
	str  = demostack.String
)

// number reads a YAML or JSON number (int or float).
func number(v any) (float64, bool) {
	switch x := v.(type) {
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case float64:
		return x, true
	}
	return 0, false
}
