package dashboards

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/claudeenhancer/monitoring/internal/demostack"
)

// stableUIDs are the dashboards other things link to (README, app pages,
// alert rules): renaming one breaks those links, so it must be deliberate.
var stableUIDs = []string{"ce-overview", "ce-auth", "ce-system", "ce-performance"}

var (
	uidPattern = regexp.MustCompile(`^[a-zA-Z0-9_-]{1,40}$`)
	// /d/<uid> in a link's URL.
	linkUID = regexp.MustCompile(`^/d/([a-zA-Z0-9_-]+)(?:[/?]|$)`)
	// $name, ${name} and ${name:format} references in a query.
	varRef = regexp.MustCompile(`\$\{?([A-Za-z_][A-Za-z0-9_]*)(?::[a-z]+)?\}?`)
	// The range of a rate-like function: rate(x[5m]).
	rangeRef = regexp.MustCompile(`\b(?:rate|irate|increase|resets|changes|sum_over_time|count_over_time|avg_over_time|max_over_time|min_over_time|last_over_time)\((?:[^()\[]|\([^()]*\))*\[([^\]]+)\]`)
)

// Grafana's built-in variables a query may use.
var builtins = map[string]bool{
	"__interval": true, "__interval_ms": true, "__rate_interval": true,
	"__range": true, "__range_s": true, "__range_ms": true,
}

// Panel types that show no data and so need neither a datasource nor a unit.
var layoutPanels = map[string]bool{"row": true, "text": true, "news": true, "dashlist": true}

func TestProviderFile(t *testing.T) {
	raw := demostack.ReadRepoFile(t, "provisioning/dashboards/dashboards.yaml")
	var doc struct {
		APIVersion int `yaml:"apiVersion"`
		Providers  []struct {
			Name    string `yaml:"name"`
			Type    string `yaml:"type"`
			Folder  string `yaml:"folder"`
			Options struct {
				Path                      string `yaml:"path"`
				FoldersFromFilesStructure bool   `yaml:"foldersFromFilesStructure"`
			} `yaml:"options"`
		} `yaml:"providers"`
	}
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.APIVersion != 1 || len(doc.Providers) == 0 {
		t.Fatalf("want apiVersion 1 and a provider, got %+v", doc)
	}
	for _, p := range doc.Providers {
		if p.Type != "file" || p.Options.Path != "/etc/grafana/provisioning/dashboards" {
			t.Errorf("provider %q: want type file reading /etc/grafana/provisioning/dashboards (where docker-compose mounts provisioning/), got %q %q", p.Name, p.Type, p.Options.Path)
		}
		if p.Folder == "" && !p.Options.FoldersFromFilesStructure {
			t.Errorf("provider %q: set a folder or foldersFromFilesStructure", p.Name)
		}
	}
}

func TestDashboardsHaveUniqueStableUIDs(t *testing.T) {
	seen := map[string]string{}
	titles := map[string]string{}
	for _, d := range loadDashboards(t) {
		uid := d.UID()
		if !uidPattern.MatchString(uid) {
			t.Errorf("%s: uid %q must be 1–40 letters, digits, - or _", d.Path, uid)
		}
		if prev, ok := seen[uid]; ok {
			t.Errorf("%s: uid %q already used by %s", d.Path, uid, prev)
		}
		seen[uid] = d.Path
		if prev, ok := titles[d.Title()]; ok || d.Title() == "" {
			t.Errorf("%s: title %q empty or already used by %s", d.Path, d.Title(), prev)
		}
		titles[d.Title()] = d.Path
		if d.Raw["id"] != nil {
			t.Errorf("%s: id must be null in a provisioned dashboard", d.Path)
		}
		if v, _ := d.Raw["schemaVersion"].(float64); v < 39 {
			t.Errorf("%s: schemaVersion %v, want ≥ 39 (Grafana 11+)", d.Path, d.Raw["schemaVersion"])
		}
	}
	for _, uid := range stableUIDs {
		if _, ok := seen[uid]; !ok {
			t.Errorf("dashboard uid %q is gone: it is linked to from elsewhere", uid)
		}
	}
}

func TestPanelsResolveTitleDatasourceAndUnit(t *testing.T) {
	datasources := demostack.ProvisionedDatasources(t)
	for _, d := range loadDashboards(t) {
		for _, p := range d.Panels() {
			title, typ := str(p["title"]), str(p["type"])
			where := fmt.Sprintf("%s: panel %q (%s)", filepath.Base(d.Path), title, typ)
			if strings.TrimSpace(title) == "" {
				t.Errorf("%s: no title", where)
			}
			if layoutPanels[typ] {
				continue
			}
			if unit := str(obj(obj(p["fieldConfig"])["defaults"])["unit"]); unit == "" {
				t.Errorf("%s: no unit (fieldConfig.defaults.unit)", where)
			}
			if p["timeFrom"] != nil || p["timeShift"] != nil {
				t.Errorf("%s: overrides the dashboard time range; panels must share it", where)
			}
			targets := list(p["targets"])
			if len(targets) == 0 {
				t.Errorf("%s: no queries", where)
			}
			for _, tg := range targets {
				target := obj(tg)
				ds := panelDatasource(p, target)
				uid, dsType := str(ds["uid"]), str(ds["type"])
				prov, ok := datasources[uid]
				switch {
				case !ok:
					t.Errorf("%s: target %s uses datasource uid %q, not provisioned", where, str(target["refId"]), uid)
				case prov.Type != dsType:
					t.Errorf("%s: target %s names datasource %q with type %q, provisioned as %q", where, str(target["refId"]), uid, dsType, prov.Type)
				}
				if str(target["queryType"]) == "slo" {
					checkSLOTarget(t, where, target, prov)
				} else if strings.TrimSpace(str(target["expr"])) == "" {
					t.Errorf("%s: target %s has no expr", where, str(target["refId"]))
				}
			}
		}
	}
}

func TestPanelsTileTheGrid(t *testing.T) {
	for _, d := range loadDashboards(t) {
		taken := map[[2]int]string{}
		for _, p := range d.Panels() {
			g := obj(p["gridPos"])
			x, y, w, h := int(num(g["x"])), int(num(g["y"])), int(num(g["w"])), int(num(g["h"]))
			title := str(p["title"])
			if w <= 0 || h <= 0 || x < 0 || x+w > 24 {
				t.Errorf("%s: panel %q has gridPos %v outside the 24-column grid", filepath.Base(d.Path), title, g)
				continue
			}
			for i := x; i < x+w; i++ {
				for j := y; j < y+h; j++ {
					if other, ok := taken[[2]int{i, j}]; ok {
						t.Errorf("%s: panels %q and %q overlap at (%d,%d)", filepath.Base(d.Path), other, title, i, j)
						goto next
					}
					taken[[2]int{i, j}] = title
				}
			}
		next:
		}
	}
}

func TestVariablesAndQueries(t *testing.T) {
	datasources := demostack.ProvisionedDatasources(t)
	for _, d := range loadDashboards(t) {
		name := filepath.Base(d.Path)
		if v, _ := d.Raw["graphTooltip"].(float64); v == 0 {
			t.Errorf("%s: graphTooltip 0; share the crosshair (1) so panels read the same instant", name)
		}
		vars := map[string]bool{}
		for _, v := range d.Variables() {
			vname := str(v["name"])
			vars[vname] = true
			if vname != "service" && vname != "environment" && vname != "instance" {
				continue
			}
			ds := datasources[str(obj(v["datasource"])["uid"])]
			if ds.Type != "prometheus" {
				t.Errorf("%s: variable %s must query the provisioned Prometheus, got %v", name, vname, v["datasource"])
			}
			if q := variableQuery(v); !strings.HasPrefix(q, "label_values(") {
				t.Errorf("%s: variable %s query %q, want label_values(...)", name, vname, q)
			}
			if v["includeAll"] != true || str(v["allValue"]) != ".*" {
				t.Errorf("%s: variable %s must offer All as .*", name, vname)
			}
		}
		// SLO dashboards name SLOs, not label filters; every PromQL dashboard filters.
		for _, want := range []string{"service", "environment"} {
			if !vars[want] && hasPromQLTargets(d) {
				t.Errorf("%s: no %q variable", name, want)
			}
		}
		for _, p := range d.Panels() {
			for _, tg := range list(p["targets"]) {
				expr := str(obj(tg)["expr"])
				where := fmt.Sprintf("%s: panel %q", name, str(p["title"]))
				for _, m := range varRef.FindAllStringSubmatch(expr, -1) {
					if !vars[m[1]] && !builtins[m[1]] {
						t.Errorf("%s: unknown variable $%s in %s", where, m[1], expr)
					}
				}
				for _, v := range []string{"service", "environment", "instance"} {
					if strings.Contains(expr, v+`="$`+v) {
						t.Errorf("%s: %s=\"$%s\" breaks on All and multi-value; use =~", where, v, v)
					}
				}
				for _, m := range rangeRef.FindAllStringSubmatch(expr, -1) {
					// $__rate_interval adapts to the step; the seed's SLIs are defined over 5m;
					// [$__range:15s] sums per-scrape increases over the range (dashboards/src/promql.ts).
					if m[1] != "$__rate_interval" && m[1] != "$__range" && m[1] != "5m" && m[1] != "$__range:15s" {
						t.Errorf("%s: range [%s] in %s; use $__rate_interval (or $__range)", where, m[1], expr)
					}
				}
			}
		}
	}
}

// Annotation queries other than Grafana's built-in one use a provisioned
// datasource, and those of ours ask for anomaly events with known variables.
func TestAnnotationsResolve(t *testing.T) {
	datasources := demostack.ProvisionedDatasources(t)
	for _, d := range loadDashboards(t) {
		vars := map[string]bool{}
		for _, v := range d.Variables() {
			vars[str(v["name"])] = true
		}
		for _, a := range d.Annotations() {
			if num(a["builtIn"]) == 1 {
				continue
			}
			where := fmt.Sprintf("%s: annotation %q", filepath.Base(d.Path), str(a["name"]))
			ds := obj(a["datasource"])
			prov, ok := datasources[str(ds["uid"])]
			if !ok || prov.Type != str(ds["type"]) {
				t.Errorf("%s: datasource %v is not provisioned", where, ds)
				continue
			}
			if prov.Type != "claudeenhancer-anomaly-datasource" {
				continue
			}
			target := obj(a["target"])
			if str(target["output"]) != "events" {
				t.Errorf("%s: output %q; annotations read the events output", where, str(target["output"]))
			}
			for _, m := range varRef.FindAllStringSubmatch(str(target["expr"]), -1) {
				if !vars[m[1]] && !builtins[m[1]] {
					t.Errorf("%s: unknown variable $%s", where, m[1])
				}
			}
		}
	}
}

func TestLinksResolve(t *testing.T) {
	dashboards := loadDashboards(t)
	uids := map[string]bool{}
	tags := map[string]int{}
	for _, d := range dashboards {
		uids[d.UID()] = true
		for _, tag := range d.Tags() {
			tags[tag]++
		}
	}
	checkURL := func(where, url string) {
		if m := linkUID.FindStringSubmatch(url); m != nil {
			if !uids[m[1]] {
				t.Errorf("%s: link %s points at dashboard uid %q, which is not provisioned", where, url, m[1])
			}
			return
		}
		if !strings.HasPrefix(url, "http://") && !strings.HasPrefix(url, "https://") && !strings.HasPrefix(url, "/") {
			t.Errorf("%s: link %q is neither a dashboard (/d/<uid>) nor an absolute URL", where, url)
		}
	}
	for _, d := range dashboards {
		name := filepath.Base(d.Path)
		links := 0
		for _, l := range list(d.Raw["links"]) {
			link := obj(l)
			links++
			switch str(link["type"]) {
			case "dashboards":
				for _, tag := range list(link["tags"]) {
					if tags[str(tag)] < 2 {
						t.Errorf("%s: dashboard link by tag %q finds no other dashboard", name, str(tag))
					}
				}
			case "link":
				checkURL(name+": dashboard link", str(link["url"]))
			}
		}
		if links == 0 {
			t.Errorf("%s: no links to the other dashboards", name)
		}
		for _, p := range d.Panels() {
			where := fmt.Sprintf("%s: panel %q", name, str(p["title"]))
			for _, l := range list(p["links"]) {
				checkURL(where, str(obj(l)["url"]))
			}
			fc := obj(p["fieldConfig"])
			for _, l := range list(obj(fc["defaults"])["links"]) {
				checkURL(where, str(obj(l)["url"]))
			}
			for _, o := range list(fc["overrides"]) {
				for _, prop := range list(obj(o)["properties"]) {
					if str(obj(prop)["id"]) == "links" {
						for _, l := range list(obj(prop)["value"]) {
							checkURL(where, str(obj(l)["url"]))
						}
					}
				}
			}
		}
	}
	// The overview is the entry point: it must drill down to every other stable dashboard.
	var overview dashboardFile
	for _, d := range dashboards {
		if d.UID() == "ce-overview" {
			overview = d
		}
	}
	linked := map[string]bool{}
	for _, p := range overview.Panels() {
		for _, l := range list(obj(obj(p["fieldConfig"])["defaults"])["links"]) {
			if m := linkUID.FindStringSubmatch(str(obj(l)["url"])); m != nil {
				linked[m[1]] = true
			}
		}
	}
	for _, uid := range stableUIDs[1:] {
		if !linked[uid] {
			t.Errorf("overview: no panel drills down to %s", uid)
		}
	}
}

func num(v any) float64 {
	f, _ := v.(float64)
	return f
}

// checkSLOTarget: an slo query names an SLO of the provisioned catalog (or
// carries one inline), which is what the datasource resolves at query time.
func checkSLOTarget(t *testing.T, where string, target map[string]any, prov demostack.Datasource) {
	t.Helper()
	if target["slo"] != nil {
		return
	}
	id := str(target["sloId"])
	if id == "*" { // every SLO of the catalog
		return
	}
	for _, s := range list(prov.JSONData["slos"]) {
		if str(obj(s)["id"]) == id {
			return
		}
	}
	t.Errorf("%s: target %s names SLO %q, which the provisioned datasource %q does not define", where, str(target["refId"]), id, prov.UID)
}

func hasPromQLTargets(d dashboardFile) bool {
	for _, p := range d.Panels() {
		for _, tg := range list(p["targets"]) {
			if strings.TrimSpace(str(obj(tg)["expr"])) != "" {
				return true
			}
		}
	}
	return false
}
