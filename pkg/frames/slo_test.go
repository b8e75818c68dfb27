package frames

import (
	"os"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/grafana/grafana-plugin-sdk-go/experimental"

	"github.com/claudeenhancer/monitoring/pkg/slo"
)

// sloDay is a day of the seed's error-rate SLO at 1-minute buckets: 2,000
// requests a minute, clean, then 40 minutes at 0.2 % errors (the
// ExampleSummarize day of pkg/slo).
func sloDay(t *testing.T) (slo.SLO, *slo.Ledger, time.Time) {
	t.Helper()
	def, err := seedCatalog(t).Lookup("error-rate")
	if err != nil {
		t.Fatal(err)
	}
	start := time.UnixMilli(t0).UTC()
	n := 1440
	ev := slo.Events{Start: start, Step: time.Minute, Good: make([]float64, n), Total: make([]float64, n)}
	for i := range n {
		ev.Total[i], ev.Good[i] = 2000, 2000
		if i >= n-40 {
			ev.Good[i] = 2000 * (1 - 0.002)
		}
	}
	l, err := slo.NewLedger(ev)
	if err != nil {
		t.Fatal(err)
	}
	return def, l, start.Add(24 * time.Hour)
}

func TestSLOFramesGolden(t *testing.T) {
	def, l, now := sloDay(t)
	strict := def
	strict.ID, strict.Name, strict.Objective, strict.Window = "strict", "", 0.9, slo.RollingWindow(30*24*time.Hour)
	pairs := slo.Pairs(def.Window.Nominal(), def.Objective, time.Minute)

	sum, err := slo.Summarize(def, l, now, slo.Options{Pairs: pairs})
	if err != nil {
		t.Fatal(err)
	}
	points, err := slo.Burndown(def, l, now, 2*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	var windows []BurnRateWindow
	for _, w := range []time.Duration{pairs[0].Long, pairs[3].Long} {
		windows = append(windows, BurnRateWindow{Window: w, Series: slo.BurnRateSeries(l, def.Objective, w, now.Add(-2*time.Hour), now, 30*time.Minute, def.MinEvents)})
	}
	strictConds := slo.AlertConditions(l, slo.Pairs(strict.Window.Nominal(), strict.Objective, time.Minute), strict.Objective, now, 0)

	tests := []struct {
		name   string
		frames data.Frames
	}{
		{"slo-summary", SLOSummary(def, sum, "SLO error-rate")},
		{"slo-burndown", SLOBurndown(def, points, "SLO error-rate burndown")},
		{"slo-burnrate", SLOBurnRates(def, windows, "SLO error-rate burnrate")},
		{"slo-alert-with-an-infeasible-pair", SLOAlerts(strict, strictConds, "SLO strict alert")},
		{"slo-budget", SLOBudget(def, sum, "SLO error-rate budget")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dr := backend.DataResponse{Frames: tt.frames}
			experimental.CheckGoldenJSONResponse(t, "testdata", tt.name, &dr, *update)
		})
	}
}

// The SLA-budget panel reads these fields by name and position.
func TestSLOSummaryFieldsFollowTheContract(t *testing.T) {
	def, l, now := sloDay(t)
	sum, err := slo.Summarize(def, l, now, slo.Options{})
	if err != nil {
		t.Fatal(err)
	}
	fs := SLOSummary(def, sum, "")
	want := map[string][]string{
		FrameSLOSummary: {"id", "name", "state", "sli", "objective", "window", "budget_remaining_ratio", "budget_remaining",
			"budget_allowed", "budget_unit", "exhaustion_seconds", "partial_history", "coverage", "total_events", "sli_kind"},
		FrameSLOBurnRates: {"id", "severity", "long_window", "short_window", "threshold", "long_burn", "short_burn", "firing", "feasible"},
	}
	if len(fs) != 2 {
		t.Fatalf("%d frames", len(fs))
	}
	for _, f := range fs {
		if f.Meta.Type != data.FrameTypeTable {
			t.Errorf("%s: type %q, want table", f.Name, f.Meta.Type)
		}
		names := want[f.Name]
		if len(f.Fields) != len(names) {
			t.Fatalf("%s: %d fields, want %v", f.Name, len(f.Fields), names)
		}
		for i, fld := range f.Fields {
			if fld.Name != names[i] {
				t.Errorf("%s field %d is %q, want %q", f.Name, i, fld.Name, names[i])
			}
		}
	}
	units := map[string]string{"sli": "percentunit", "objective": "percentunit", "budget_remaining_ratio": "percentunit",
		"coverage": "percentunit", "exhaustion_seconds": "s", "budget_remaining": "short"}
	for _, fld := range fs[0].Fields {
		if u, ok := units[fld.Name]; ok && (fld.Config == nil || fld.Config.Unit != u) {
			t.Errorf("%s: unit %+v, want %s", fld.Name, fld.Config, u)
		}
	}
}

func TestWindowLabel(t *testing.T) {
	paris, _ := slo.LoadLocation("Europe/Paris")
	for _, c := range []struct {
		w    slo.Window
		want string
	}{
		{slo.RollingWindow(30 * 24 * time.Hour), "30d"},
		{slo.CalendarWindow(slo.Month, nil), "calendar month"},
		{slo.CalendarWindow(slo.Quarter, paris), "calendar quarter (Europe/Paris)"},
	} {
		if got := WindowLabel(c.w); got != c.want {
			t.Errorf("%v: %q, want %q", c.w, got, c.want)
		}
	}
}

// seedCatalog is the seed's SLAs, kept once as the JSON the config editor
// inserts.
func seedCatalog(t *testing.T) slo.Catalog {
	t.Helper()
	b, err := os.ReadFile("../../src/datasource/lib/testdata/seed-slos.json")
	if err != nil {
		t.Fatal(err)
	}
	c, err := slo.ParseCatalog(b)
	if err != nil {
		t.Fatal(err)
	}
	return c
}
