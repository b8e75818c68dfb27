package plugin

import (
	"context"
	"strings"
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

func TestCheckHealth(t *testing.T) {
	tests := []struct {
		name    string
		routes  map[string]reply
		closed  bool
		url     string
		wantOK  bool
		wantMsg string
	}{
		{name: "Prometheus with build info reports its version",
			routes: map[string]reply{
				"/api/v1/query":            {status: 200, body: vectorTwo},
				"/api/v1/status/buildinfo": {status: 200, body: `{"status":"success","data":{"version":"2.42.0"}}`},
			},
			wantOK: true, wantMsg: "Connected to Prometheus 2.42.0"},
		{name: "an engine without build info is still healthy, and says the version is not reported",
			routes: map[string]reply{
				"/api/v1/query":            {status: 200, body: vectorTwo},
				"/api/v1/status/buildinfo": {status: 200, body: `{"status":"success","data":{}}`},
			},
			wantOK: true, wantMsg: "Connected to a Prometheus-compatible API at http://127.0.0.1:"},
		{name: "a Prometheus built from source (go install) reports an empty version and an unknown revision",
			routes: map[string]reply{
				"/api/v1/query": {status: 200, body: vectorTwo},
				"/api/v1/status/buildinfo": {status: 200, body: `{"status":"success","data":{"version":"","revision":"unknown",` +
					`"branch":"","buildUser":"","buildDate":"","goVersion":"go1.26.8"}}`},
			},
			wantOK: true, wantMsg: " (version not reported)"},
		{name: "a source build with a revision names it",
			routes: map[string]reply{
				"/api/v1/query":            {status: 200, body: vectorTwo},
				"/api/v1/status/buildinfo": {status: 200, body: `{"status":"success","data":{"version":"","revision":"0123456789abcdef0123"}}`},
			},
			wantOK: true, wantMsg: " (version not reported, revision 0123456789ab)"},
		{name: "Mimir names itself in application",
			routes: map[string]reply{
				"/api/v1/query":            {status: 200, body: vectorTwo},
				"/api/v1/status/buildinfo": {status: 200, body: `{"status":"success","data":{"application":"Grafana Mimir","version":"2.14.0","features":{"ruler_config_api":"true"}}}`},
			},
			wantOK: true, wantMsg: "Connected to Grafana Mimir 2.14.0 at http://"},
		{name: "an engine whose build info fails is still healthy",
			routes: map[string]reply{
				"/api/v1/query":            {status: 200, body: vectorTwo},
				"/api/v1/status/buildinfo": {status: 500, body: `oops`},
			},
			wantOK: true, wantMsg: "(version not reported)"},
		{name: "a refused login says so",
			routes:  map[string]reply{"/api/v1/query": {status: 401, body: "Unauthorized"}},
			wantMsg: "refused the credentials"},
		{name: "an HTML page is not a Prometheus API",
			routes:  map[string]reply{"/api/v1/query": {status: 200, body: "<!doctype html><title>Grafana</title>"}},
			wantMsg: "not as a Prometheus API"},
		{name: "a closed port is unreachable", closed: true, wantMsg: "Cannot reach"},
		{name: "a bad URL is a settings problem", url: "localhost:9090", wantMsg: "Settings:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			up := newUpstream(t, tt.routes)
			if tt.closed {
				up.Close()
			}
			u := up.URL
			if tt.url != "" {
				u = tt.url
			}
			res, err := newDS(t, u, `{}`, nil).CheckHealth(context.Background(), &backend.CheckHealthRequest{})
			if err != nil {
				t.Fatal(err)
			}
			if (res.Status == backend.HealthStatusOk) != tt.wantOK || !strings.Contains(res.Message, tt.wantMsg) {
				t.Errorf("status %v message %q, want ok=%v and %q", res.Status, res.Message, tt.wantOK, tt.wantMsg)
			}
			if strings.Contains(res.Message, "\n") {
				t.Errorf("message is not one line: %q", res.Message)
			}
		})
	}
}
