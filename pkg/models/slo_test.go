package models

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/claudeenhancer/monitoring/pkg/slo"
)

const catalogJSON = `[
  {"id": "availability", "sli": {"kind": "availability", "expr": "up{job=\"api\"}", "gaps": "down"}, "objective": 0.999, "window": "30d"},
  {"id": "latency", "sli": {"kind": "latency", "histogram": "http_duration_seconds", "threshold": 0.2}, "objective": 0.95, "window": {"kind": "rolling", "duration": "7d"}},
  {"id": "errors-month", "sli": {"kind": "ratio", "bad": "http_requests_total{code=~\"5..\"}", "total": "http_requests_total"},
   "objective": 0.999, "window": {"kind": "calendar", "unit": "month"}, "violationFor": "30m"}
]`

func TestLoadSettingsSLOCatalog(t *testing.T) {
	tests := []struct {
		name     string
		slos     string
		wantIDs  []string
		wantErrs []error  // every one must be in the chain
		wantText []string // and named in the message
	}{
		{name: "no slos key is an empty catalog", slos: ""},
		{name: "null is an empty catalog", slos: `null`},
		{name: "an empty list is an empty catalog", slos: `[]`},
		{name: "a valid catalog is parsed once, in order", slos: catalogJSON, wantIDs: []string{"availability", "latency", "errors-month"}},
		{name: "an objective in percent names the SLO and the field",
			slos:     `[{"id": "checkout", "sli": {"kind": "ratio", "bad": "a", "total": "b"}, "objective": 99.9, "window": "30d"}]`,
			wantErrs: []error{ErrInvalidSLOCatalog, slo.ErrObjective}, wantText: []string{`slos[0] "checkout"`, "objective 99.9"}},
		{name: "every broken entry is reported at once",
			slos: `[{"id": "a", "sli": {"kind": "availability", "expr": "up"}, "objective": 0.99, "window": "30d"},
			        {"id": "a", "sli": {"kind": "ratio", "total": "t"}, "objective": 0.99, "window": "fortnight"}]`,
			wantErrs: []error{ErrInvalidSLOCatalog, slo.ErrGapPolicy, slo.ErrDuration},
			wantText: []string{`slos[0] "a"`, "slos[1]", "gap policy"}},
		{name: "a catalog that is not a list is refused", slos: `{"id": "a"}`, wantErrs: []error{ErrInvalidSLOCatalog}, wantText: []string{"slos"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			js := `{}`
			if tt.slos != "" {
				js = `{"slos":` + tt.slos + `}`
			}
			s, err := LoadSettings(context.Background(), instance("http://prometheus:9090", js, nil))
			if len(tt.wantErrs) == 0 {
				if err != nil {
					t.Fatal(err)
				}
				if len(s.SLOs) != len(tt.wantIDs) {
					t.Fatalf("%d SLOs, want %v", len(s.SLOs), tt.wantIDs)
				}
				for i, id := range tt.wantIDs {
					if s.SLOs[i].ID != id {
						t.Errorf("SLO %d is %q, want %q", i, s.SLOs[i].ID, id)
					}
				}
				return
			}
			for _, want := range tt.wantErrs {
				if !errors.Is(err, want) {
					t.Errorf("error %v is not %v", err, want)
				}
			}
			for _, text := range tt.wantText {
				if err == nil || !strings.Contains(err.Error(), text) {
					t.Errorf("error %v does not name %q", err, text)
				}
			}
		})
	}
}

func TestParseSLOQuery(t *testing.T) {
	settings, err := LoadSettings(context.Background(), instance("http://prometheus:9090", `{"slos":`+catalogJSON+`}`, nil))
	if err != nil {
		t.Fatal(err)
	}
	inline := `{"id": "inline-errors", "sli": {"kind": "ratio", "bad": "e_total", "total": "r_total"}, "objective": 0.99, "window": "1d"}`
	tests := []struct {
		name       string
		json       string
		wantID     string
		wantOutput SLOOutput
		wantStep   time.Duration
		wantErr    error
		wantText   string
	}{
		{name: "an id from the catalog, summary by default, 5 m buckets above 7 days",
			json: `{"queryType":"slo","sloId":"availability"}`, wantID: "availability", wantOutput: SLOOutputSummary, wantStep: 5 * time.Minute},
		{name: "a 7-day window gets 1 m buckets",
			json: `{"queryType":"slo","sloId":"latency","output":"burnrate"}`, wantID: "latency", wantOutput: SLOOutputBurnRate, wantStep: time.Minute},
		{name: "a calendar month is a long window",
			json: `{"queryType":"slo","sloId":"errors-month","output":"alert"}`, wantID: "errors-month", wantOutput: SLOOutputAlert, wantStep: 5 * time.Minute},
		{name: "an inline definition wins over the id",
			json: `{"queryType":"slo","sloId":"availability","slo":` + inline + `,"output":"BURNDOWN"}`, wantID: "inline-errors", wantOutput: SLOOutputBurndown, wantStep: time.Minute},
		{name: "an inline definition without id is called inline",
			json: `{"queryType":"slo","slo":{"sli":{"kind":"ratio","bad":"e","total":"t"},"objective":0.9,"window":"1h"}}`, wantID: "inline", wantOutput: SLOOutputSummary, wantStep: time.Minute},
		{name: "the budget output is read", json: `{"queryType":"slo","sloId":"latency","output":"budget"}`, wantID: "latency", wantOutput: SLOOutputBudget, wantStep: time.Minute},
		{name: "a bucket step is read", json: `{"queryType":"slo","sloId":"availability","bucketStep":"1m"}`, wantID: "availability", wantOutput: SLOOutputSummary, wantStep: time.Minute},
		{name: "neither id nor definition says what to do and lists the catalog",
			json: `{"queryType":"slo"}`, wantErr: ErrSLOQuery, wantText: "known: availability, latency, errors-month"},
		{name: "an unknown id lists the known ones",
			json: `{"queryType":"slo","sloId":"nope"}`, wantErr: slo.ErrUnknownSLO, wantText: "catalog: availability, latency, errors-month"},
		{name: "an invalid inline definition names the field",
			json: `{"queryType":"slo","slo":{"id":"x","sli":{"kind":"ratio","bad":"e","total":"t"},"objective":99,"window":"1d"}}`, wantErr: slo.ErrObjective, wantText: `inline slo "x"`},
		{name: "an inline objective above five nines is refused by name",
			json: `{"queryType":"slo","slo":{"id":"x","sli":{"kind":"ratio","bad":"e","total":"t"},"objective":0.99999999999999,"window":"1d"}}`, wantErr: slo.ErrObjectiveTooHigh, wantText: `inline slo "x"`},
		{name: "an unknown output is refused", json: `{"queryType":"slo","sloId":"latency","output":"gauge"}`, wantErr: ErrInvalidSLOOutput},
		{name: "a bucket step must divide an hour", json: `{"queryType":"slo","sloId":"latency","bucketStep":"7m"}`, wantErr: ErrSLOQuery, wantText: "dividing 1h"},
		{name: "a bucket step needs two scrapes", json: `{"queryType":"slo","sloId":"latency","bucketStep":"15s"}`, wantErr: ErrSLOQuery, wantText: "two scrape intervals (30s)"},
		{name: "a bucket step is a duration", json: `{"queryType":"slo","sloId":"latency","bucketStep":"soon"}`, wantErr: ErrSLOQuery, wantText: `"soon"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := ParseQuery(dataQuery(tt.json, time.Hour, 15*time.Second, 500), settings)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) || !strings.Contains(err.Error(), tt.wantText) {
					t.Fatalf("error %v, want %v mentioning %q", err, tt.wantErr, tt.wantText)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if q.Type != QueryTypeSLO || q.SLO.SLO.ID != tt.wantID || q.SLO.Output != tt.wantOutput || q.SLO.BucketStep != tt.wantStep {
				t.Errorf("got %s %q %s %s", q.Type, q.SLO.SLO.ID, q.SLO.Output, q.SLO.BucketStep)
			}
			if !q.End.Equal(t0.Add(time.Hour)) || q.SLO.Inline != (tt.wantID != "availability" && tt.wantID != "latency" && tt.wantID != "errors-month") {
				t.Errorf("end %v inline %v: now is the time range end", q.End, q.SLO.Inline)
			}
		})
	}
}

func TestSLOBucketStepBoundsTheBuckets(t *testing.T) {
	fine := Settings{ScrapeInterval: time.Second}
	_, err := ParseQuery(dataQuery(`{"queryType":"slo","slo":{"id":"q","sli":{"kind":"ratio","bad":"e","total":"t"},"objective":0.99,"window":{"kind":"calendar","unit":"quarter"}},"bucketStep":"2s"}`,
		time.Hour, 0, 0), fine)
	if !errors.Is(err, ErrSLOQuery) || !strings.Contains(err.Error(), "more than 200000") {
		t.Errorf("a quarter at 2 s: %v", err)
	}
	// The longest rolling window a duration holds once overflowed the
	// count to a negative number and was accepted.
	_, err = ParseQuery(dataQuery(`{"queryType":"slo","slo":{"id":"q","sli":{"kind":"ratio","bad":"e","total":"t"},"objective":0.99,"window":"106751d"},"bucketStep":"30s"}`,
		time.Hour, 0, 0), defaults)
	if !errors.Is(err, ErrSLOQuery) || !errors.Is(err, ErrQueryLimit) || !strings.Contains(err.Error(), "more than 200000") {
		t.Errorf("a 292-year window at 30 s: %v", err)
	}
}
