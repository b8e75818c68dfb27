package slo

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"
)

// The config editor's "Add the seed SLAs" button inserts a copy of the seed
// catalog kept as JSON beside the frontend (src/datasource/lib/seedSlos.ts
// tests against it). This keeps that copy byte-identical to SeedCatalog.
func TestFrontendSeedCopyMatchesSeedCatalog(t *testing.T) {
	const path = "../../src/datasource/lib/testdata/seed-slos.json"
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want, err := json.MarshalIndent(SeedCatalog(), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(bytes.TrimSpace(got), want) {
		t.Errorf("%s differs from SeedCatalog(); regenerate it with json.MarshalIndent(SeedCatalog(), \"\", \"  \")", path)
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
