package plugin

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/claudeenhancer/monitoring/internal/promfake"
)

func sloDataQuery(refID, body string, now time.Time) backend.DataQuery {
	return backend.DataQuery{RefID: refID, QueryType: "slo", JSON: []byte(body), MaxDataPoints: 500,
		TimeRange: backend.TimeRange{From: now.Add(-time.Hour), To: now}}
}

func TestSLOQueryErrorsArePerQueryAndTheUsers(t *testing.T) {
	up := promfake.NewSLI(t, 0)
	ds := newDS(t, up.URL, `{"slos":`+promfake.SLOCatalogJSON+`}`, nil)
	tests := []struct {
		name, body, want string
		status           backend.Status
	}{
		{"an unknown id lists the catalog", `{"queryType":"slo","sloId":"nope"}`, "catalog: errors-30d, latency", backend.StatusBadRequest},
		{"no id and no definition", `{"queryType":"slo"}`, `set "sloId"`, backend.StatusBadRequest},
		{"no histogram bucket at the threshold lists the boundaries", `{"queryType":"slo","sloId":"latency"}`, "available le: 0.1, 0.25, +Inf", backend.StatusBadRequest},
	}
	req := &backend.QueryDataRequest{}
	for i, tt := range tests {
		req.Queries = append(req.Queries, sloDataQuery(strconv.Itoa(i), tt.body, promfake.SLONow))
	}
	req.Queries = append(req.Queries, sloDataQuery("ok", `{"queryType":"slo","sloId":"errors-30d"}`, promfake.SLONow))
	resp, err := ds.QueryData(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := resp.Responses[strconv.Itoa(i)]
			if r.Error == nil || r.Status != tt.status || r.ErrorSource != backend.ErrorSourceDownstream || !strings.Contains(r.Error.Error(), tt.want) {
				t.Errorf("status %d source %q error %v, want %d mentioning %q", r.Status, r.ErrorSource, r.Error, tt.status, tt.want)
			}
		})
	}
	if ok := resp.Responses["ok"]; ok.Error != nil || len(ok.Frames) != 2 || ok.Frames[0].Name != "slo_summary" {
		t.Errorf("the valid sibling: %v %v", ok.Error, ok.Frames)
	}
}

func TestSLOUpstreamFailureIsABadGateway(t *testing.T) {
	up := newUpstream(t, map[string]reply{"/api/v1/query_range": {status: 503, body: "overloaded"}})
	ds := newDS(t, up.URL, `{"slos":`+promfake.SLOCatalogJSON+`}`, nil)
	resp, _ := ds.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{
		sloDataQuery("A", `{"queryType":"slo","sloId":"errors-30d"}`, promfake.SLONow)}})
	if r := resp.Responses["A"]; r.Status != backend.StatusBadGateway || r.ErrorSource != backend.ErrorSourceDownstream {
		t.Errorf("status %d source %q err %v", r.Status, r.ErrorSource, r.Error)
	}
}

func TestSLOsResource(t *testing.T) {
	tests := []struct {
		name, jsonData string
		wantStatus     int
		wantIDs        []string
	}{
		{"the catalog as configured", `{"slos":` + promfake.SLOCatalogJSON + `}`, 200, []string{"errors-30d", "latency"}},
		{"no catalog is an empty list", `{}`, 200, []string{}},
		{"a broken catalog is the settings error", `{"slos":[{"id":"x","objective":99}]}`, 400, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := callResource(t, newDS(t, "http://prometheus:9090", tt.jsonData, nil), "slos")
			if status != tt.wantStatus {
				t.Fatalf("status %d body %s", status, body)
			}
			if tt.wantIDs == nil {
				if !strings.Contains(string(body), "SLO catalog") || !strings.Contains(string(body), `slos[0] \"x\"`) {
					t.Errorf("body %s does not name the catalog entry", body)
				}
				return
			}
			var got []map[string]any
			if err := json.Unmarshal(body, &got); err != nil || len(got) != len(tt.wantIDs) {
				t.Fatalf("body %s: %v", body, err)
			}
			for i, id := range tt.wantIDs {
				if got[i]["id"] != id || got[i]["sli"] == nil || got[i]["window"] == nil || got[i]["objective"] == nil {
					t.Errorf("entry %d: %v", i, got[i])
				}
			}
		})
	}
}
