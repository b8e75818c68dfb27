package dashboards

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/claudeenhancer/monitoring/internal/demostack"
	"github.com/claudeenhancer/monitoring/pkg/models"
)

// The provisioned datasource carries the seed's three SLAs, written out in
// YAML for operators to read: they must load as settings and equal the
// seed catalog the config editor inserts (demostack.SeedCatalog), so the SLA dashboard, the
// docs and the tests speak of the same SLOs.
func TestProvisionedSLOCatalogIsTheSeedCatalog(t *testing.T) {
	prov := demostack.ProvisionedDatasources(t)["ce-anomaly"]
	jsonData, err := json.Marshal(prov.JSONData)
	if err != nil {
		t.Fatal(err)
	}
	s, err := models.LoadSettings(context.Background(), backend.DataSourceInstanceSettings{
		URL: "http://prometheus:9090", JSONData: jsonData, DecryptedSecureJSONData: map[string]string{},
	})
	if err != nil {
		t.Fatalf("provisioned settings do not load: %v", err)
	}
	seed := demostack.SeedCatalog(t)
	if len(s.SLOs) != len(seed) {
		t.Fatalf("%d provisioned SLOs, want the %d of SeedCatalog", len(s.SLOs), len(seed))
	}
	for i := range seed {
		got, want := s.SLOs[i], seed[i]
		got.Description, want.Description = "", "" // prose may be worded for YAML
		if !reflect.DeepEqual(got, want) {
			t.Errorf("slos[%d]:\n got %+v\nwant %+v", i, got, want)
		}
	}
}
