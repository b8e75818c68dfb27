package demostack

import (
	"os"
	"path/filepath"
	"testing"

	"go.yaml.in/yaml/v3"
)

// Datasource is an entry of provisioning/datasources/*.yaml.
type Datasource struct {
	Name     string         `yaml:"name"`
	Type     string         `yaml:"type"`
	UID      string         `yaml:"uid"`
	URL      string         `yaml:"url"`
	JSONData map[string]any `yaml:"jsonData"`
}

// ProvisionedDatasources reads provisioning/datasources/*.yaml, by uid.
func ProvisionedDatasources(t testing.TB) map[string]Datasource {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(RepoRoot(t), "provisioning", "datasources", "*.y*ml"))
	if len(files) == 0 {
		t.Fatal("no provisioning/datasources/*.yaml")
	}
	out := map[string]Datasource{}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Datasources []Datasource `yaml:"datasources"`
		}
		if err := yaml.Unmarshal(raw, &doc); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, ds := range doc.Datasources {
			out[ds.UID] = ds
		}
	}
	return out
}

// Object, List and String read a value that JSON or YAML decoded into any;
// a missing value or one of another type reads as empty, so checks of
// provisioned files walk them without a type switch at every step.
func Object(v any) map[string]any {
	m, _ := v.(map[string]any)
	if m == nil {
		return map[string]any{}
	}
	return m
}

// List is v as a list, nil when it is not one.
func List(v any) []any {
	l, _ := v.([]any)
	return l
}

// String is v as a string, empty when it is not one.
func String(v any) string {
	s, _ := v.(string)
	return s
}
