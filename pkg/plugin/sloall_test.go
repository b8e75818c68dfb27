package plugin

import (
	"context"
	"encoding/json"
	"math"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/claudeenhancer/monitoring/internal/promfake"
	"github.com/claudeenhancer/monitoring/pkg/slo"
)

// labelledCatalog lists an SLO that holds (latency: every request under
// the 0.25 s bucket) before one that burns (errors at 2 %, 20× a 99.9 %
// budget), so urgency reverses the catalog order.
func labelledCatalog(t *testing.T) string {
	c := slo.Catalog{
		{ID: "latency", Objective: 0.95, Window: slo.RollingWindow(7 * 24 * time.Hour),
			SLI:    slo.SLI{Kind: slo.KindLatency, Histogram: "http_duration_seconds", Threshold: 0.25},
			Labels: map[string]string{"service": "api-gateway", "tier": "silver"}},
		{ID: "errors-30d", Objective: 0.999, Window: slo.RollingWindow(30 * 24 * time.Hour),
			SLI:    slo.SLI{Kind: slo.KindRatio, Bad: `http_requests_total{code=~"5.."}`, Total: `http_requests_total`},
			Labels: map[string]string{"service": "api-gateway", "tier": "gold"}},
		{ID: "checkout", Objective: 0.99, Window: slo.RollingWindow(24 * time.Hour),
			SLI:    slo.SLI{Kind: slo.KindRatio, Bad: `checkout_total{code=~"5.."}`, Total: `checkout_total`},
			Labels: map[string]string{"service": "checkout"}},
	}
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	return `{"slos":` + string(b) + `}`
}

func runSLOQueries(t *testing.T, ds *Datasource, bodies ...string) []backend.DataResponse {
	t.Helper()
	req := &backend.QueryDataRequest{}
	for i, b := range bodies {
		req.Queries = append(req.Queries, sloDataQuery(string(rune('A'+i)), b, promfake.SLONow))
	}
	resp, err := ds.QueryData(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]backend.DataResponse, len(bodies))
	for i := range bodies {
		out[i] = resp.Responses[string(rune('A'+i))]
	}
	return out
}

func tableField(t *testing.T, f *data.Frame, name string) *data.Field {
	t.Helper()
	fld, i := f.FieldByName(name)
	if i < 0 {
		t.Fatalf("%s has no field %q", f.Name, name)
	}
	return fld
}

// Each row of the all-SLOs table is the SLO's own summary row, column for
// column, and the rows are most urgent first.
func TestAllSLOsRowsAreEachSLOsSummaryMostUrgentFirst(t *testing.T) {
	up := promfake.NewSLI(t, 0.02)
	ds := newDS(t, up.URL, labelledCatalog(t), nil)
	resp := runSLOQueries(t, ds,
		`{"queryType":"slo","sloId":"*"}`,
		`{"queryType":"slo","sloId":"errors-30d"}`,
		`{"queryType":"slo","sloId":"checkout"}`,
		`{"queryType":"slo","sloId":"latency"}`)
	for _, r := range resp {
		if r.Error != nil {
			t.Fatal(r.Error)
		}
	}
	all := resp[0].Frames
	if len(all) != 1 || all[0].Name != "slo_summary" || all[0].Rows() != 3 {
		t.Fatalf("want one slo_summary table of 3 rows, got %v", all)
	}
	table := all[0]
	var ids []string
	for i := range 3 {
		ids = append(ids, tableField(t, table, "id").At(i).(string))
	}
	// errors-30d (30 d, 99.9 %) and checkout (1 d, 99 %) burn at 20× and 2×:
	// both warn or breach; latency holds.
	if !slices.Equal(ids, []string{"errors-30d", "checkout", "latency"}) {
		t.Fatalf("rows %v, want the burning SLOs first", ids)
	}
	for row, single := range resp[1:] {
		one := single.Frames[0]
		for _, f := range one.Fields {
			got, want := tableField(t, table, f.Name).At(row), f.At(0)
			if g, ok := got.(float64); ok && math.IsNaN(g) && math.IsNaN(want.(float64)) {
				continue
			}
			if got != want {
				t.Errorf("%s %s: all-SLOs %v, own summary %v", ids[row], f.Name, got, want)
			}
		}
	}
	if got := tableField(t, table, "labels").At(0); got != `service="api-gateway", tier="gold"` {
		t.Errorf("labels %q", got)
	}
	if got := tableField(t, table, "firing").At(0).(string); !strings.Contains(got, "page 1h/5m") {
		t.Errorf("firing %q, want the 1h/5m page among the firing pairs at 20×", got)
	}
	reasons := table.Meta.Custom.(map[string]any)["reasons"].(map[string][]string)
	if len(reasons["errors-30d"]) == 0 || reasons["latency"] == nil {
		t.Errorf("reasons by id: %v", reasons)
	}
}

func TestAllSLOsFilterSelectsByLabel(t *testing.T) {
	up := promfake.NewSLI(t, 0)
	ds := newDS(t, up.URL, labelledCatalog(t), nil)
	resp := runSLOQueries(t, ds,
		`{"queryType":"slo","sloId":"*","sloFilter":"service=\"api-gateway\", tier=~\"gold|bronze\""}`,
		`{"queryType":"slo","sloId":"*","sloFilter":"team=\"nobody\""}`)
	if r := resp[0]; r.Error != nil || r.Frames[0].Rows() != 1 || tableField(t, r.Frames[0], "id").At(0) != "errors-30d" {
		t.Errorf("filtered: %v %v", r.Error, r.Frames)
	}
	if r := resp[1]; r.Error != nil || len(r.Frames) != 1 || r.Frames[0].Rows() != 0 {
		t.Errorf("a filter selecting nothing should be an empty table: %v %v", r.Error, r.Frames)
	}
}

func TestAllSLOsErrorsAreTheUsers(t *testing.T) {
	up := promfake.NewSLI(t, 0)
	up.LEs = []string{"0.1", "+Inf"} // no bucket at latency's 0.25 s
	ds := newDS(t, up.URL, labelledCatalog(t), nil)
	resp := runSLOQueries(t, ds,
		`{"queryType":"slo","sloId":"*","output":"burndown"}`,
		`{"queryType":"slo","sloId":"*","sloFilter":"tier=gold"}`,
		`{"queryType":"slo","sloId":"*"}`,
		`{"queryType":"slo","sloId":"*","sloFilter":"service=\"checkout\""}`)
	wants := []string{
		`sloId "*" (all SLOs) returns one summary row per SLO: set output to "summary", got "burndown"`,
		"expected a quoted value at character 6",
		`SLO "latency": `,
	}
	for i, want := range wants {
		r := resp[i]
		if r.Error == nil || r.Status != backend.StatusBadRequest || r.ErrorSource != backend.ErrorSourceDownstream || !strings.Contains(r.Error.Error(), want) {
			t.Errorf("query %d: status %d source %q error %v, want 400 mentioning %q", i, r.Status, r.ErrorSource, r.Error, want)
		}
	}
	if r := resp[3]; r.Error != nil || r.Frames[0].Rows() != 1 {
		t.Errorf("a filter leaving out the broken SLO runs: %v", r.Error)
	}
}

// The slos resource filters as the all-SLOs query does: the slos(<filter>)
// template variable reads it.
func TestSLOsResourceFilter(t *testing.T) {
	ds := newDS(t, "http://prometheus:9090", labelledCatalog(t), nil)
	tests := []struct {
		name, query string
		wantStatus  int
		wantIDs     []string
	}{
		{"no filter is the whole catalog", "slos", 200, []string{"latency", "errors-30d", "checkout"}},
		{"a filter keeps the matching SLOs in catalog order", "slos?filter=" + url.QueryEscape(`service="api-gateway"`), 200, []string{"latency", "errors-30d"}},
		{"a filter matching nothing is an empty list", "slos?filter=" + url.QueryEscape(`tier="bronze"`), 200, []string{}},
		{"a filter that does not parse is a 400", "slos?filter=" + url.QueryEscape(`tier=gold`), 400, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := callResource(t, ds, tt.query)
			if status != tt.wantStatus {
				t.Fatalf("status %d body %s", status, body)
			}
			if tt.wantIDs == nil {
				if !strings.Contains(string(body), "expected a quoted value") {
					t.Errorf("body %s does not say what is wrong", body)
				}
				return
			}
			var got []slo.SLO
			if err := json.Unmarshal(body, &got); err != nil {
				t.Fatal(err)
			}
			ids := []string{}
			for _, s := range got {
				ids = append(ids, s.ID)
			}
			if !slices.Equal(ids, tt.wantIDs) {
				t.Errorf("ids %v, want %v", ids, tt.wantIDs)
			}
		})
	}
}
