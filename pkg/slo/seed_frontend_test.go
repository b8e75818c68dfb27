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
