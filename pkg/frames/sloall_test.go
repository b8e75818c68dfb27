package frames

import (
	"slices"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/experimental"

	"github.com/claudeenhancer/monitoring/pkg/slo"
)

// Three SLOs over the same day: the seed's error-rate SLO without its
// sustained-violation condition (OK, labelled),
// a strict copy at 90 % over 30 days (partial history), and a copy at
// 99.99 %, for which 0.2 % errors is a 20× burn (warning, the 1h/5m page
// firing). Sorted by urgency, the warning comes first.
func TestSLOSummariesGolden(t *testing.T) {
	def, l, now := sloDay(t)
	def.Labels = map[string]string{"tier": "gold", "service": "api-gateway"}
	def.ViolationFor = 0
	strict := def
	strict.ID, strict.Name, strict.Objective, strict.Window, strict.Labels = "strict", "", 0.9, slo.RollingWindow(30*24*time.Hour), nil
	tight := def
	tight.ID, tight.Name, tight.Objective = "tight", "Tight errors", 0.9999
	var rows []SLORow
	for _, d := range []slo.SLO{def, strict, tight} {
		sum, err := slo.Summarize(d, l, now, slo.Options{Pairs: slo.Pairs(d.Window.Nominal(), d.Objective, time.Minute)})
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, SLORow{d, sum})
	}
	slices.SortStableFunc(rows, func(a, b SLORow) int { return slo.CompareUrgency(a.Sum, b.Sum) })
	var order []string
	for _, r := range rows {
		order = append(order, r.Def.ID+" "+string(r.Sum.State))
	}
	if want := []string{"tight warning", "strict partial_history", "error-rate ok"}; !slices.Equal(order, want) {
		t.Fatalf("rows %v, want %v", order, want)
	}
	dr := backend.DataResponse{Frames: SLOSummaries(rows, "SLO * summary")}
	experimental.CheckGoldenJSONResponse(t, "testdata", "slo-summaries", &dr, *update)
}

func TestSLOSummariesOfNoSLOIsAnEmptyTable(t *testing.T) {
	fs := SLOSummaries(nil, "")
	if len(fs) != 1 || fs[0].Name != FrameSLOSummary || fs[0].Rows() != 0 || len(fs[0].Fields) != 20 {
		t.Fatalf("want one empty slo_summary table of 20 columns, got %v", fs)
	}
}
