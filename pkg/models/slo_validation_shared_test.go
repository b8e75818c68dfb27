package models

import (
	"encoding/json"
	"fmt"
	"os"
	"testing"
)

// The SLO editors validate entries in the browser before the backend sees
// them (src/datasource/lib/sloCatalog.ts). Both run the same table of
// cases, so the two sets of rules cannot drift: here every case goes through
// parseCatalog, which is what LoadSettings does with jsonData.slos; the
// frontend's sloCatalog.validation.test.ts runs validateSLO on them.
func TestSharedSLOValidationCases(t *testing.T) {
	raw, err := os.ReadFile("../../src/datasource/lib/testdata/slo-validation.json")
	if err != nil {
		t.Fatal(err)
	}
	var table struct {
		Cases []struct {
			Name  string          `json:"name"`
			Field *string         `json:"field"`
			SLO   json.RawMessage `json:"slo"`
		} `json:"cases"`
	}
	if err := json.Unmarshal(raw, &table); err != nil {
		t.Fatal(err)
	}
	if len(table.Cases) < 30 {
		t.Fatalf("the table has %d cases; it should cover every rule", len(table.Cases))
	}
	for _, c := range table.Cases {
		t.Run(c.Name, func(t *testing.T) {
			_, err := parseCatalog(json.RawMessage(fmt.Sprintf("[%s]", c.SLO)))
			switch {
			case c.Field == nil && err != nil:
				t.Errorf("the backend refuses an entry the table says is valid: %v", err)
			case c.Field != nil && err == nil:
				t.Errorf("the backend accepts an entry the table says is wrong in %s", *c.Field)
			}
		})
	}
}
