package models

import (
	"strconv"
	"strings"
	"testing"

	"github.com/claudeenhancer/monitoring/pkg/slo"
)

// docs/concepts.md's table of burn-rate pairs is what slo.Pairs gives for
// each window at the bucket step an slo query uses by default.
func TestDocBurnRatePairsAreTheBackendsPairs(t *testing.T) {
	tab, ok := readDocTables(t, "concepts.md")["burn-rate pairs"]
	if !ok {
		t.Fatal("concepts.md has no table marked burn-rate pairs")
	}
	documented := map[string][]string{}
	var order []string
	for _, cells := range tab.cells {
		var values []string
		for _, c := range cells {
			values = append(values, strings.Join(spans(c), ""))
		}
		window := values[0]
		if _, seen := documented[window]; !seen {
			order = append(order, window)
		}
		documented[window] = append(documented[window], strings.Join(values[1:], " "))
	}
	if len(order) == 0 {
		t.Fatal("no rows")
	}
	for _, window := range order {
		d, err := slo.ParseDuration(window)
		if err != nil {
			t.Fatalf("window %q: %v", window, err)
		}
		w := slo.RollingWindow(d)
		var computed []string
		for _, p := range slo.Pairs(w.Nominal(), 0.999, DefaultBucketStep(w)) {
			computed = append(computed, strings.Join([]string{string(p.Severity), slo.FormatDuration(p.Long),
				slo.FormatDuration(p.Short), strconv.FormatFloat(p.Threshold, 'g', 4, 64)}, " "))
		}
		if strings.Join(documented[window], "; ") != strings.Join(computed, "; ") {
			t.Errorf("%s, %s window:\n documented %q\n computed   %q", tab.where, window, documented[window], computed)
		}
	}
}
