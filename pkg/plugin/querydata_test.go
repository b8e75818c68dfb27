package plugin

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
)

func TestQueryDataReturnsDataplaneFrames(t *testing.T) {
	up := newUpstream(t, map[string]reply{"/api/v1/query_range": {status: 200, body: matrixBody}})
	ds := newDS(t, up.URL, `{}`, nil)

	resp, err := ds.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{seriesQuery("A", "up")}})
	if err != nil {
		t.Fatal(err)
	}
	r := resp.Responses["A"]
	if r.Error != nil {
		t.Fatal(r.Error)
	}
	if len(r.Frames) != 1 || r.Frames[0].Meta.Type != data.FrameTypeTimeSeriesMulti {
		t.Fatalf("frames = %v", r.Frames)
	}
	value := r.Frames[0].Fields[1]
	if value.Len() != 2 || value.At(1).(float64) != 0 || value.Config.DisplayNameFromDS != "auth" {
		t.Errorf("value field = %v len %d name %q", value.Labels, value.Len(), value.Config.DisplayNameFromDS)
	}
	req := up.last()
	if req.form.Get("query") != "up" || req.form.Get("step") != "15" || req.form.Get("start") != "1795737600" {
		t.Errorf("upstream got %v", req.form)
	}
}

func TestOneBadQueryNeverFailsItsSiblings(t *testing.T) {
	up := newUpstream(t, map[string]reply{"/api/v1/query_range": {status: 200, body: matrixBody}})
	ds := newDS(t, up.URL, `{}`, nil)
	bad := seriesQuery("B", "")
	resp, _ := ds.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{seriesQuery("A", "up"), bad}})

	if resp.Responses["A"].Error != nil || len(resp.Responses["A"].Frames) != 1 {
		t.Errorf("A = %+v", resp.Responses["A"])
	}
	b := resp.Responses["B"]
	if b.Error == nil || b.Status != backend.StatusBadRequest || b.ErrorSource != backend.ErrorSourceDownstream {
		t.Errorf("B = status %d source %q err %v", b.Status, b.ErrorSource, b.Error)
	}
}

func TestQueryDataUpstreamFailures(t *testing.T) {
	tests := []struct {
		name       string
		reply      reply
		closed     bool
		wantStatus backend.Status
		wantText   string
	}{
		{name: "a PromQL syntax error is the user's, with Prometheus' own message",
			reply:      reply{status: 400, body: `{"status":"error","errorType":"bad_data","error":"parse error: unexpected end of input"}`},
			wantStatus: backend.StatusBadRequest, wantText: "parse error: unexpected end of input"},
		{name: "a 503 HTML page is a bad gateway and shows the page start",
			reply:      reply{status: 503, body: `<html>upstream overloaded</html>`},
			wantStatus: backend.StatusBadGateway, wantText: "503"},
		{name: "malformed JSON is a bad gateway",
			reply:      reply{status: 200, body: `{"status":"success","data":{"resultType":"matrix","result":[{"metric":`},
			wantStatus: backend.StatusBadGateway, wantText: "malformed"},
		{name: "a closed port is a bad gateway that says unreachable",
			closed: true, wantStatus: backend.StatusBadGateway, wantText: "unreachable"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			up := newUpstream(t, map[string]reply{"/api/v1/query_range": tt.reply})
			if tt.closed {
				up.Close()
			}
			ds := newDS(t, up.URL, `{}`, nil)
			resp, err := ds.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{seriesQuery("A", "up")}})
			if err != nil {
				t.Fatal(err)
			}
			r := resp.Responses["A"]
			if r.Error == nil || r.Status != tt.wantStatus || r.ErrorSource != backend.ErrorSourceDownstream {
				t.Fatalf("status %d source %q err %v", r.Status, r.ErrorSource, r.Error)
			}
			if !strings.Contains(strings.ToLower(r.Error.Error()), strings.ToLower(tt.wantText)) {
				t.Errorf("error %q does not mention %q", r.Error, tt.wantText)
			}
		})
	}
}

func TestQueryTimeoutIsReportedPerQuery(t *testing.T) {
	up := newUpstream(t, map[string]reply{"/api/v1/query_range": {status: 200, body: matrixBody, delay: 3 * 1e9}})
	ds := newDS(t, up.URL, `{"timeout":1}`, nil)
	resp, _ := ds.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{seriesQuery("A", "up")}})
	if r := resp.Responses["A"]; r.Status != backend.StatusTimeout {
		t.Errorf("status %d err %v, want 504", r.Status, r.Error)
	}
}

func TestSecretsNeverReachErrorMessages(t *testing.T) {
	up := newUpstream(t, map[string]reply{
		"/api/v1/query_range": {status: 401, body: "denied for ", echo: "Authorization"},
		"/api/v1/query":       {status: 401, body: "denied for ", echo: "Authorization"},
	})
	ds := newDS(t, up.URL, `{"httpHeaderName1":"Authorization"}`, map[string]string{"httpHeaderValue1": "Bearer very-secret-token"})
	resp, _ := ds.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{seriesQuery("A", "up")}})
	health, _ := ds.CheckHealth(context.Background(), &backend.CheckHealthRequest{})

	if up.last().header.Get("Authorization") != "Bearer very-secret-token" {
		t.Fatal("the custom header was not sent upstream")
	}
	r := resp.Responses["A"]
	if r.Status != backend.StatusUnauthorized {
		t.Errorf("status %d", r.Status)
	}
	for _, text := range []string{r.Error.Error(), health.Message, string(health.JSONDetails)} {
		if strings.Contains(text, "very-secret-token") {
			t.Errorf("secret leaked: %s", text)
		}
	}
}

func TestInvalidSettingsAnswerEveryQueryWithTheReason(t *testing.T) {
	ds := newDS(t, "prometheus:9090", `{}`, nil)
	resp, _ := ds.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{seriesQuery("A", "up")}})
	r := resp.Responses["A"]
	if r.Error == nil || !strings.Contains(r.Error.Error(), "datasource settings") || r.Status != http.StatusBadRequest {
		t.Errorf("status %d err %v", r.Status, r.Error)
	}
}
