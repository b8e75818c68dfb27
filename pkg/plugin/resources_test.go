package plugin

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

type captured struct{ resp *backend.CallResourceResponse }

func (c *captured) Send(r *backend.CallResourceResponse) error { c.resp = r; return nil }

func callResource(t *testing.T, ds *Datasource, path string) (int, []byte) {
	t.Helper()
	var c captured
	// As Grafana sends it: Path without the query, URL with it.
	p, _, _ := strings.Cut(path, "?")
	err := ds.CallResource(context.Background(), &backend.CallResourceRequest{Method: http.MethodGet, Path: p, URL: path}, &c)
	if err != nil {
		t.Fatal(err)
	}
	return c.resp.Status, c.resp.Body
}

func TestResources(t *testing.T) {
	up := newUpstream(t, map[string]reply{
		"/api/v1/labels":                {status: 200, body: `{"status":"success","data":["__name__","job","service"]}`},
		"/api/v1/label/__name__/values": {status: 200, body: `{"status":"success","data":["up","auth_requests_total"]}`},
		"/api/v1/label/job/values":      {status: 200, body: `{"status":"success","data":["claude-enhancer-auth"]}`},
	})
	ds := newDS(t, up.URL, `{}`, nil)
	tests := []struct {
		name, path, want, wantPath string
		wantStatus                 int
	}{
		{"metric names come from __name__ values", "metrics?match=up", `["up","auth_requests_total"]`, "/api/v1/label/__name__/values", 200},
		{"label names", "labels?start=1795737600&end=1795741200", `["__name__","job","service"]`, "/api/v1/labels", 200},
		{"label values by selector", "label-values?label=job&match=%7Bservice%3D%22auth%22%7D", `["claude-enhancer-auth"]`, "/api/v1/label/job/values", 200},
		{"label values need a label", "label-values", "", "", 400},
		{"a bad start is refused", "labels?start=yesterday", "", "", 400},
		{"an unknown resource is not found", "nope", "", "", 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := callResource(t, ds, tt.path)
			if status != tt.wantStatus {
				t.Fatalf("status %d body %s", status, body)
			}
			if tt.want == "" {
				return
			}
			var got, want []string
			_ = json.Unmarshal(body, &got)
			_ = json.Unmarshal([]byte(tt.want), &want)
			if len(got) != len(want) || got[0] != want[0] {
				t.Errorf("body %s, want %s", body, tt.want)
			}
			if up.last().path != tt.wantPath {
				t.Errorf("upstream path %s, want %s", up.last().path, tt.wantPath)
			}
		})
	}
	if m := up.requests[2].form["match[]"]; len(m) != 1 || m[0] != `{service="auth"}` {
		t.Errorf("match[] forwarded as %v", m)
	}
}

func TestResourceUpstreamErrorIsJSON(t *testing.T) {
	up := newUpstream(t, nil)
	up.Close()
	status, body := callResource(t, newDS(t, up.URL, `{}`, nil), "labels")
	var msg map[string]string
	if status != http.StatusBadGateway || json.Unmarshal(body, &msg) != nil || msg["message"] == "" {
		t.Errorf("status %d body %s", status, body)
	}
}
