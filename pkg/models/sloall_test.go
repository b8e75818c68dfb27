package models

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/claudeenhancer/monitoring/pkg/slo"
)

const labelledCatalogJSON = `[
  {"id": "availability", "sli": {"kind": "availability", "expr": "up{job=\"api\"}", "gaps": "down"}, "objective": 0.999, "window": "30d",
   "labels": {"service": "api-gateway", "tier": "gold"}},
  {"id": "latency", "sli": {"kind": "latency", "histogram": "http_duration_seconds", "threshold": 0.2}, "objective": 0.95, "window": "7d",
   "labels": {"service": "api-gateway", "tier": "silver"}},
  {"id": "errors", "sli": {"kind": "ratio", "bad": "e_total", "total": "r_total"}, "objective": 0.999, "window": "1d",
   "labels": {"service": "checkout"}}
]`

func TestParseAllSLOsQuery(t *testing.T) {
	settings, err := LoadSettings(context.Background(), instance("http://prometheus:9090", `{"slos":`+labelledCatalogJSON+`}`, nil))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		json      string
		wantIDs   []string
		wantSteps []time.Duration
		wantErr   error
		wantText  string
	}{
		{name: `"*" selects every catalog SLO in catalog order, each with its own default bucket step`,
			json: `{"queryType":"slo","sloId":"*"}`, wantIDs: []string{"availability", "latency", "errors"},
			wantSteps: []time.Duration{5 * time.Minute, time.Minute, time.Minute}},
		{name: "a filter narrows the selection by label",
			json:    `{"queryType":"slo","sloId":" * ","sloFilter":"service=\"api-gateway\", tier=~\"gold|bronze\"","output":"summary"}`,
			wantIDs: []string{"availability"}, wantSteps: []time.Duration{5 * time.Minute}},
		{name: "a filter matching nothing is an empty selection, not an error",
			json: `{"queryType":"slo","sloId":"*","sloFilter":"team=\"none\""}`, wantIDs: nil},
		{name: "the query's bucket step applies to every SLO",
			json: `{"queryType":"slo","sloId":"*","bucketStep":"2m"}`, wantIDs: []string{"availability", "latency", "errors"},
			wantSteps: []time.Duration{2 * time.Minute, 2 * time.Minute, 2 * time.Minute}},
		{name: "a bucket step one SLO refuses names that SLO",
			json: `{"queryType":"slo","sloId":"*","bucketStep":"15s"}`, wantErr: ErrSLOQuery, wantText: `SLO "availability"`},
		{name: "every other output is refused: they are per SLO",
			json: `{"queryType":"slo","sloId":"*","output":"burndown"}`, wantErr: ErrAllSLOsOutput,
			wantText: `invalid SLO query: sloId "*" (all SLOs) returns one summary row per SLO: set output to "summary", got "burndown"`},
		{name: "the alert output is refused too",
			json: `{"queryType":"slo","sloId":"*","output":"alert"}`, wantErr: ErrAllSLOsOutput},
		{name: "a filter that does not parse says where",
			json: `{"queryType":"slo","sloId":"*","sloFilter":"service=api"}`, wantErr: slo.ErrMatcher, wantText: "sloFilter: slo: invalid label filter"},
		{name: "a filter without \"*\" is refused",
			json: `{"queryType":"slo","sloId":"latency","sloFilter":"tier=\"gold\""}`, wantErr: ErrSLOFilterWithoutAll},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := ParseQuery(dataQuery(tt.json, time.Hour, 15*time.Second, 500), settings)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) || !errors.Is(err, ErrSLOQuery) || !strings.Contains(err.Error(), tt.wantText) {
					t.Fatalf("error %v, want %v mentioning %q", err, tt.wantErr, tt.wantText)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !q.SLO.All || q.SLO.Output != SLOOutputSummary || len(q.SLO.Members) != len(tt.wantIDs) {
				t.Fatalf("all %v output %s members %d, want %d", q.SLO.All, q.SLO.Output, len(q.SLO.Members), len(tt.wantIDs))
			}
			for i, m := range q.SLO.Members {
				if m.SLO.ID != tt.wantIDs[i] || m.BucketStep != tt.wantSteps[i] || m.Output != SLOOutputSummary {
					t.Errorf("member %d: %s at %s, want %s at %s", i, m.SLO.ID, m.BucketStep, tt.wantIDs[i], tt.wantSteps[i])
				}
			}
		})
	}
}

// The query editor shows the same sentence before the query runs
// (src/datasource/lib/sloFilter.ts, tested against the same file).
func TestAllSLOsOutputMessageIsTheFrontends(t *testing.T) {
	raw, err := os.ReadFile("../../src/datasource/lib/testdata/slo-filters.json")
	if err != nil {
		t.Fatal(err)
	}
	var shared struct {
		AllSLOsOutputError string `json:"allSLOsOutputError"`
	}
	if err := json.Unmarshal(raw, &shared); err != nil {
		t.Fatal(err)
	}
	if shared.AllSLOsOutputError != ErrAllSLOsOutput.Error() {
		t.Errorf("frontend %q, backend %q", shared.AllSLOsOutputError, ErrAllSLOsOutput.Error())
	}
}
