package alerting

import (
	"context"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/claudeenhancer/monitoring/internal/demostack"
	"github.com/claudeenhancer/monitoring/pkg/models"
)

// The file's shape, its references and its agreement with the seed, without
// binaries (these run under -short too).

var (
	severities = []string{"critical", "error", "warning", "info"}
	categories = []string{"availability", "performance", "resource", "security"}
	// uidPattern is what Grafana accepts as a rule uid.
	uidPattern = regexp.MustCompile(`^[a-zA-Z0-9_-]{1,40}$`)
)

func TestRuleGroupsAreProvisionable(t *testing.T) {
	rules := loadRules(t)
	groups := map[string]bool{}
	for _, r := range rules {
		g := r.group
		if groups[g.Name] {
			continue
		}
		groups[g.Name] = true
		t.Run(g.Name, func(t *testing.T) {
			if g.OrgID != 1 {
				t.Errorf("orgId %d, want 1", g.OrgID)
			}
			if g.Folder != "Claude Enhancer" {
				t.Errorf("folder %q, want %q", g.Folder, "Claude Enhancer")
			}
			iv, err := parseDuration(g.Interval)
			if err != nil || iv != time.Minute {
				t.Errorf("interval %q, want 1m (%v)", g.Interval, err)
			}
			if strings.Contains(g.Name+g.Folder, "$") {
				t.Errorf("%s: a $ in the name or folder would be read as an environment variable", g.Name)
			}
		})
	}
}

func TestRulesAreWellFormed(t *testing.T) {
	rules := loadRules(t)
	datasources := demostack.ProvisionedDatasources(t)
	panels := dashboardPanels(t)
	uids, titles := map[string]bool{}, map[string]bool{}
	for _, r := range rules {
		t.Run(r.Title, func(t *testing.T) {
			if !uidPattern.MatchString(r.UID) {
				t.Errorf("uid %q is not 1–40 letters, digits, - or _", r.UID)
			}
			if uids[r.UID] || titles[r.Title] {
				t.Errorf("uid %q or title %q used twice", r.UID, r.Title)
			}
			uids[r.UID], titles[r.Title] = true, true
			// Grafana expands $VAR in these fields when it reads the file.
			for field, v := range map[string]string{"uid": r.UID, "title": r.Title, "condition": r.Condition} {
				if strings.Contains(v, "$") {
					t.Errorf("%s %q contains $", field, v)
				}
			}
			checkData(t, r, datasources)
			if _, err := parseDuration(r.For); err != nil {
				t.Errorf("for %q: %v", r.For, err)
			}
			if !slices.Contains([]string{"NoData", "Alerting", "OK", "KeepLast"}, r.NoDataState) {
				t.Errorf("noDataState %q", r.NoDataState)
			}
			if !slices.Contains([]string{"Error", "Alerting", "OK", "KeepLast"}, r.ExecErrState) {
				t.Errorf("execErrState %q", r.ExecErrState)
			}
			if r.IsPaused {
				t.Error("paused")
			}
			if r.NotificationSettings != nil {
				t.Error("notification_settings bypasses the provisioned notification policies")
			}
			checkLabels(t, r)
			checkAnnotations(t, r, panels)
		})
	}
}

// checkData checks the queries: unique refIds, a provisioned datasource per
// query, a model that names the same datasource and refId, expressions whose
// inputs exist and come before them, a condition that exists, and queries of
// our datasource that its query parser accepts with the provisioned
// settings.
func checkData(t *testing.T, r *rule, datasources map[string]demostack.Datasource) {
	t.Helper()
	seen := map[string]bool{}
	for _, q := range r.Data {
		if q.RefID == "" || seen[q.RefID] {
			t.Errorf("refId %q empty or repeated", q.RefID)
		}
		if str(q.Model["refId"]) != q.RefID {
			t.Errorf("%s: model.refId %q", q.RefID, q.Model["refId"])
		}
		dsRef := obj(q.Model["datasource"])
		if q.DatasourceUID == exprDatasource {
			if dsRef["uid"] != exprDatasource {
				t.Errorf("%s: model.datasource %v, want the expression datasource", q.RefID, dsRef)
			}
			checkExpression(t, q, seen)
			seen[q.RefID] = true
			continue
		}
		seen[q.RefID] = true
		ds, ok := datasources[q.DatasourceUID]
		if !ok {
			t.Errorf("%s: datasource %q is not provisioned", q.RefID, q.DatasourceUID)
			continue
		}
		if dsRef["uid"] != ds.UID || dsRef["type"] != ds.Type {
			t.Errorf("%s: model.datasource %v, want {type: %s, uid: %s}", q.RefID, dsRef, ds.Type, ds.UID)
		}
		// Grafana refuses the whole file over a query without a range.
		if rr := q.RelativeTimeRange; rr.From <= rr.To || rr.To < 0 {
			t.Errorf("%s: relativeTimeRange %+v, want from > to ≥ 0", q.RefID, rr)
		}
		if q.QueryType != "" && q.QueryType != str(q.Model["queryType"]) {
			t.Errorf("%s: queryType %q, model.queryType %q", q.RefID, q.QueryType, q.Model["queryType"])
		}
		switch ds.Type {
		case "prometheus":
			if q.Model["instant"] != true || strings.TrimSpace(str(q.Model["expr"])) == "" {
				t.Errorf("%s: want an instant query with an expr, got %v", q.RefID, q.Model)
			}
		case "claudeenhancer-anomaly-datasource":
			settings, err := models.LoadSettings(context.Background(), instanceSettings(t, ds, "http://prometheus.invalid"))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := models.ParseQuery(alertQuery(t, &q, time.Now()), settings); err != nil {
				t.Errorf("%s: our datasource rejects the query: %v", q.RefID, err)
			}
		}
	}
	if !seen[r.Condition] {
		t.Errorf("condition %q is not a refId of the rule", r.Condition)
	}
	r.shape(t) // every rule is A → reduce → threshold
}

var (
	reducers = []string{"last", "mean", "min", "max", "sum", "count"}
	// mathRef matches a reference in a math expression: $A or ${A}.
	mathRef = regexp.MustCompile(`\$\{?([A-Za-z0-9_]+)\}?`)
)

// checkExpression checks one server-side expression; earlier holds the
// refIds defined before it (inputs must come first: no cycles).
func checkExpression(t *testing.T, q query, earlier map[string]bool) {
	t.Helper()
	m := q.Model
	var inputs []string
	switch typ := str(m["type"]); typ {
	case "reduce":
		inputs = []string{str(m["expression"])}
		if !slices.Contains(reducers, str(m["reducer"])) {
			t.Errorf("%s: reducer %q", q.RefID, m["reducer"])
		}
		if mode := str(obj(m["settings"])["mode"]); !slices.Contains([]string{"", "dropNN", "replaceNN"}, mode) {
			t.Errorf("%s: reduce mode %q", q.RefID, mode)
		}
	case "threshold":
		inputs = []string{str(m["expression"])}
		conds := list(m["conditions"])
		if len(conds) == 0 {
			t.Errorf("%s: threshold without conditions", q.RefID)
		}
		for _, c := range conds {
			ev := obj(obj(c)["evaluator"])
			want := map[string]int{"gt": 1, "lt": 1, "within_range": 2, "outside_range": 2}[str(ev["type"])]
			if want == 0 || len(list(ev["params"])) != want {
				t.Errorf("%s: evaluator %v", q.RefID, ev)
			}
		}
	case "math":
		for _, ref := range mathRef.FindAllStringSubmatch(str(m["expression"]), -1) {
			inputs = append(inputs, ref[1])
		}
	default:
		t.Errorf("%s: expression type %q", q.RefID, typ)
	}
	for _, in := range inputs {
		if !earlier[in] {
			t.Errorf("%s: input %q is not a query defined before it", q.RefID, in)
		}
	}
}

// checkLabels: a known severity and category, and no $ where Grafana would
// expand an environment variable (label values are expanded like the rest
// of the file), so templates read .Labels.
func checkLabels(t *testing.T, r *rule) {
	t.Helper()
	for k, v := range r.Labels {
		if strings.Contains(k+v, "$") {
			t.Errorf("label %s=%q contains $, which Grafana's provisioning expands from the environment", k, v)
		}
	}
	if !slices.Contains(categories, r.Labels["category"]) {
		t.Errorf("category %q, want one of %v", r.Labels["category"], categories)
	}
	// Expand severity for each severity a series may carry (the SLO alert
	// output labels its pairs page or ticket).
	for _, result := range []map[string]string{{}, {"severity": "page"}, {"severity": "ticket"}} {
		labels, err := instanceLabels(r, result, map[string]float64{"B": 1})
		if err != nil {
			t.Error(err)
			continue
		}
		if !slices.Contains(severities, labels["severity"]) {
			t.Errorf("severity %q for a series labelled %v, want one of %v", labels["severity"], result, severities)
		}
	}
}

// checkAnnotations: a summary and a description that render for a typical
// alert instance, no ${...} (newer Grafana expands braced variables in
// annotations), and a dashboard link that names a provisioned panel in both
// the rule's fields and its annotations.
func checkAnnotations(t *testing.T, r *rule, panels map[string]map[int64]map[string]any) {
	t.Helper()
	for _, k := range []string{"summary", "description"} {
		if strings.TrimSpace(r.Annotations[k]) == "" {
			t.Errorf("no %s annotation", k)
		}
	}
	result := map[string]string{
		"job": "claude-enhancer-auth", "instance": "auth-1", "service": "auth", "environment": "production",
		"slo": "availability", "long": "1h", "short": "5m", "severity": "page",
	}
	data := newTmplData(result, map[string]float64{"B": 1.5, "C": 1})
	for k, text := range r.Annotations {
		if strings.Contains(text, "${") {
			t.Errorf("annotation %s contains ${, which Grafana may expand from the environment", k)
		}
		got, err := expandTemplate(text, data)
		if err != nil {
			t.Errorf("annotation %s: %v", k, err)
		} else if strings.Contains(got, "[no value]") {
			t.Errorf("annotation %s renders a missing value: %s", k, got)
		}
	}
	if r.DashboardUID == "" {
		t.Error("no dashboardUid")
		return
	}
	if r.Annotations["__dashboardUid__"] != r.DashboardUID || r.Annotations["__panelId__"] != strconv.FormatInt(r.PanelID, 10) {
		t.Errorf("annotations link %s/%s, fields %s/%d", r.Annotations["__dashboardUid__"], r.Annotations["__panelId__"], r.DashboardUID, r.PanelID)
	}
	p, ok := panels[r.DashboardUID][r.PanelID]
	if !ok {
		t.Errorf("dashboard %s has no panel %d", r.DashboardUID, r.PanelID)
		return
	}
	if str(p["type"]) == "row" {
		t.Errorf("dashboard %s panel %d is a row", r.DashboardUID, r.PanelID)
	}
}

// TestServiceDownSpeaksWhenThereIsNoData renders ServiceDown for the alert
// Grafana raises when up disappears or Prometheus does not answer: no
// labels, no values.
func TestServiceDownSpeaksWhenThereIsNoData(t *testing.T) {
	r := ruleByTitle(t, loadRules(t), "ServiceDown")
	if r.NoDataState != "Alerting" || r.ExecErrState != "Alerting" {
		t.Errorf("ServiceDown: noDataState %s, execErrState %s; it must alert when up disappears or cannot be read", r.NoDataState, r.ExecErrState)
	}
	for k, text := range r.Annotations {
		got, err := expandTemplate(text, newTmplData(map[string]string{}, map[string]float64{}))
		if err != nil || strings.Contains(got, "[no value]") {
			t.Errorf("%s without data: %q, %v", k, got, err)
		}
	}
}

// TestSeedRulesAreTheTimelinesAlertReference checks the seed's rules (its
// 11 alert rules and the error-rate SLA's 30-minute trigger) against
// demo/timeline.json's alertReference, which the demo's incidents were
// sized against: the title is the seed's name, query A plus the threshold
// is the seed's expression evaluated per environment, and `for` and
// severity are the seed's. "up … == 0" is written as threshold "< 1" (up is
// 0 or 1).
func TestSeedRulesAreTheTimelinesAlertReference(t *testing.T) {
	rules := loadRules(t)
	ref := loadAlertReference(t)
	if len(ref) != 12 {
		t.Errorf("alertReference has %d rules, the seed 11 and its SLA trigger", len(ref))
	}
	for _, name := range slices.Sorted(maps.Keys(ref)) {
		seed := ref[name]
		t.Run(name, func(t *testing.T) {
			r := ruleByTitle(t, rules, name)
			q, op, v, err := splitSeedExpr(seed.Expr)
			if err != nil {
				t.Fatal(err)
			}
			s := r.shape(t)
			if got := str(s.Query.Model["expr"]); got != q {
				t.Errorf("query A\n  %s\nwant the seed's\n  %s", got, q)
			}
			if s.Query.DatasourceUID != "ce-prometheus" {
				t.Errorf("query A on %s, want Prometheus (ce-prometheus)", s.Query.DatasourceUID)
			}
			want := map[string]string{">": "gt", "<": "lt"}[op]
			wantParam := v
			if op == "==" && v == 0 && strings.HasPrefix(q, "up{") {
				want, wantParam = "lt", 1
			}
			if s.Op != want || s.Param != wantParam || s.Reduce != "last" {
				t.Errorf("B, C: %s %s %v, want last %s %v (seed: %s %v)", s.Reduce, s.Op, s.Param, want, wantParam, op, v)
			}
			if got := fmt.Sprint(mustDuration(t, r.For)); got != fmt.Sprint(mustDuration(t, seed.For)) {
				t.Errorf("for %s, seed %s", r.For, seed.For)
			}
			if r.Labels["severity"] != seed.Severity {
				t.Errorf("severity %s, seed %s", r.Labels["severity"], seed.Severity)
			}
		})
	}
}

// TestEverySLOHasABurnRateRuleTheSLADashboardFinds checks that each SLO of
// the provisioned catalog has one burn-rate rule, on our datasource's alert
// output, labelled with the label the SLA dashboard's drill-down filters on.
// Other rules about an SLO (its budget, its SLA trigger) carry the label
// too, so the drill-down lists them with it; every rule so labelled names a
// catalog SLO.
func TestEverySLOHasABurnRateRuleTheSLADashboardFinds(t *testing.T) {
	rules := loadRules(t)
	prov := demostack.ProvisionedDatasources(t)[ourDatasourceUID]
	settings, err := models.LoadSettings(context.Background(), instanceSettings(t, prov, "http://prometheus.invalid"))
	if err != nil {
		t.Fatal(err)
	}
	if len(settings.SLOs) == 0 {
		t.Fatal("the provisioned datasource has no SLO catalog")
	}
	label := drilldownLabel(t)
	for _, r := range rules {
		if id, ok := r.Labels[label]; ok {
			if _, err := settings.SLOs.Lookup(id); err != nil {
				t.Errorf("%s: labelled %s=%s, which the catalog does not define", r.Title, label, id)
			}
		}
	}
	for _, def := range settings.SLOs {
		var found []*rule
		for _, r := range rules {
			if r.Labels[label] == def.ID && r.shape(t).Query.Model["output"] == "alert" {
				found = append(found, r)
			}
		}
		if len(found) != 1 {
			t.Errorf("SLO %s: %d burn-rate rules (output alert) labelled %s=%s, want 1", def.ID, len(found), label, def.ID)
			continue
		}
		m := found[0].shape(t).Query.Model
		if m["queryType"] != "slo" || m["sloId"] != def.ID || m["output"] != "alert" || m["bucketStep"] != "1m" {
			t.Errorf("%s: query %v, want the alert output of sloId %s at a 1m bucket step", found[0].Title, m, def.ID)
		}
		if s := found[0].shape(t); s.Op != "gt" || s.Param != 1 {
			t.Errorf("%s: threshold %s %v, want gt 1 (burn_alert > 1 ⇔ the pair fires)", found[0].Title, s.Op, s.Param)
		}
	}
}

// TestEverySLOHasABudgetExhaustedRule checks that each SLO of the
// provisioned catalog has one rule on our datasource's budget output that
// fires when no budget is left, labelled for the SLA dashboard's
// drill-down.
func TestEverySLOHasABudgetExhaustedRule(t *testing.T) {
	rules := loadRules(t)
	prov := demostack.ProvisionedDatasources(t)[ourDatasourceUID]
	settings, err := models.LoadSettings(context.Background(), instanceSettings(t, prov, "http://prometheus.invalid"))
	if err != nil {
		t.Fatal(err)
	}
	label := drilldownLabel(t)
	for _, def := range settings.SLOs {
		var found []*rule
		for _, r := range rules {
			if r.shape(t).Query.Model["output"] == "budget" && r.shape(t).Query.Model["sloId"] == def.ID {
				found = append(found, r)
			}
		}
		if len(found) != 1 {
			t.Errorf("SLO %s: %d rules on its budget output, want 1", def.ID, len(found))
			continue
		}
		r := found[0]
		if s := r.shape(t); s.Op != "lt" || s.Param != 0 || r.Labels[label] != def.ID {
			t.Errorf("%s: threshold %s %v, label %s=%q; want lt 0 (no budget left) and %s=%s", r.Title, s.Op, s.Param, label, r.Labels[label], label, def.ID)
		}
	}
}

// drilldownLabel is the label the SLA dashboard's budget panels filter the
// alert list on: /alerting/list?search=label:<name>=${slo}.
func drilldownLabel(t *testing.T) string {
	t.Helper()
	re := regexp.MustCompile(`label:([a-zA-Z_][a-zA-Z0-9_]*)=\$\{slo\}`)
	for _, p := range dashboardPanels(t)["ce-sla"] {
		if m := re.FindStringSubmatch(str(obj(p["options"])["drilldownUrl"])); m != nil {
			return m[1]
		}
	}
	t.Fatal("the SLA dashboard (ce-sla) has no drill-down to the alert list by label")
	return ""
}

func mustDuration(t *testing.T, s string) time.Duration {
	t.Helper()
	d, err := parseDuration(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
