package slo

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"
)

// The seed catalog is kept once, as the JSON the config editor's "Add the
// seed SLAs" button inserts. Go reads it back unchanged: every field the
// frontend writes is one the backend's SLO type holds, in canonical form.
func TestSeedCatalogJSONRoundTrips(t *testing.T) {
	got, err := os.ReadFile(seedJSON)
	if err != nil {
		t.Fatal(err)
	}
	want, err := json.MarshalIndent(seedCatalog(t), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(bytes.TrimSpace(got), want) {
		t.Errorf("%s changes when parsed and written back:\n%s", seedJSON, want)
	}
}

// The frontend refuses objectives above its MAX_OBJECTIVE
// (src/datasource/lib/sloCatalog.ts, tested against the same file), so the
// editors and the backend agree on the bound.
func TestFrontendObjectiveBoundMatchesMaxObjective(t *testing.T) {
	got, err := os.ReadFile("../../src/datasource/lib/testdata/slo-limits.json")
	if err != nil {
		t.Fatal(err)
	}
	var limits struct {
		MaxObjective float64 `json:"maxObjective"`
	}
	if err := json.Unmarshal(got, &limits); err != nil {
		t.Fatal(err)
	}
	if limits.MaxObjective != MaxObjective {
		t.Errorf("slo-limits.json maxObjective = %v, MaxObjective = %v", limits.MaxObjective, MaxObjective)
	}
}
