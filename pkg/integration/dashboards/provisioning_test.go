package dashboards

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/claudeenhancer/monitoring/internal/demostack"
)

// dashboardFile is one provisioned dashboard, decoded loosely: panels and
// targets keep every field so the tests can send targets as Grafana would.
type dashboardFile struct {
	Path string
	Raw  map[string]any
}

func (d dashboardFile) UID() string   { return str(d.Raw["uid"]) }
func (d dashboardFile) Title() string { return str(d.Raw["title"]) }

// Panels returns every panel, those nested in collapsed rows included.
func (d dashboardFile) Panels() []map[string]any {
	var out []map[string]any
	for _, p := range list(d.Raw["panels"]) {
		pm := obj(p)
		out = append(out, pm)
		for _, nested := range list(pm["panels"]) {
			out = append(out, obj(nested))
		}
	}
	return out
}

// Variables returns the dashboard's template variables.
func (d dashboardFile) Variables() []map[string]any {
	var out []map[string]any
	for _, v := range list(obj(d.Raw["templating"])["list"]) {
		out = append(out, obj(v))
	}
	return out
}

// variableQuery is a query variable's query: a string, or an object with one.
func variableQuery(v map[string]any) string {
	if q, ok := v["query"].(string); ok {
		return q
	}
	return str(obj(v["query"])["query"])
}

// Annotations returns the dashboard's annotation queries.
func (d dashboardFile) Annotations() []map[string]any {
	var out []map[string]any
	for _, a := range list(obj(d.Raw["annotations"])["list"]) {
		out = append(out, obj(a))
	}
	return out
}

// Tags returns the dashboard's tags.
func (d dashboardFile) Tags() []string {
	var out []string
	for _, t := range list(d.Raw["tags"]) {
		out = append(out, str(t))
	}
	return out
}

func loadDashboards(t testing.TB) []dashboardFile {
	t.Helper()
	dir := filepath.Join(demostack.RepoRoot(t), "provisioning", "dashboards")
	var out []dashboardFile
	err := filepath.WalkDir(dir, func(path string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(path, ".json") {
			return err
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		var m map[string]any
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Errorf("%s: %v", path, err)
			return nil
		}
		out = append(out, dashboardFile{Path: path, Raw: m})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatalf("no dashboards under %s", dir)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// Short names for reading the loosely decoded dashboards.
var (
	obj  = demostack.Object
	list = demostack.List
	str  = demostack.String
)

// panelDatasource is the datasource a target uses: its own, else its panel's.
func panelDatasource(panel, target map[string]any) map[string]any {
	if ds := obj(target["datasource"]); len(ds) > 0 {
		return ds
	}
	return obj(panel["datasource"])
}
