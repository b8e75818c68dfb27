package dashboards

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// TestFieldConfigsHaveGrafanasTypes decodes every panel's field
// config defaults, and every override's thresholds, into the plugin SDK's
// types, which mirror the field config of Grafana's frontend
// (packages/grafana-data/src/types/fieldOverrides.ts): thresholds must be an
// object {mode, steps}. A bare array of steps is what Grafana's parser
// refuses, and the panel then draws every value in the base colour.
func TestFieldConfigsHaveGrafanasTypes(t *testing.T) {
	for _, d := range loadDashboards(t) {
		for _, p := range d.Panels() {
			fc := obj(p["fieldConfig"])
			if len(fc) == 0 {
				continue
			}
			where := fmt.Sprintf("%s: panel %q", filepath.Base(d.Path), str(p["title"]))
			if err := redecode(fc["defaults"], &data.FieldConfig{}); err != nil {
				t.Errorf("%s: fieldConfig.defaults: %v", where, err)
			}
			for _, o := range list(fc["overrides"]) {
				for _, prop := range list(obj(o)["properties"]) {
					if str(obj(prop)["id"]) != "thresholds" {
						continue
					}
					var th data.ThresholdsConfig
					if err := redecode(obj(prop)["value"], &th); err != nil || len(th.Steps) == 0 {
						t.Errorf("%s: override thresholds %v: want {mode, steps}: %v", where, obj(prop)["value"], err)
					}
				}
			}
		}
	}
}

// redecode marshals a loosely decoded value and decodes it into a typed one.
func redecode(v any, into any) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return json.Unmarshal(raw, into)
}
