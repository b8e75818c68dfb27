package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/claudeenhancer/monitoring/pkg/internal/testenv"
	"github.com/claudeenhancer/monitoring/pkg/plugin"
)

func TestMain(m *testing.M) { testenv.Main(m) }

// serve starts the API over the shared Prometheus and its fixture.
func serve(t *testing.T) (*httptest.Server, *testenv.Upstream) {
	t.Helper()
	up := testenv.SharedPrometheus(t)
	settings := backend.DataSourceInstanceSettings{UID: "ce-anomaly", Type: pluginID, URL: up.URL, JSONData: []byte(`{}`)}
	inst, err := plugin.NewDatasource(context.Background(), settings)
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	newAPI(inst.(*plugin.Datasource), settings).register(mux)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv, up
}

func call(t *testing.T, method, url, body string) (int, []byte) {
	t.Helper()
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

// queryBody is what DataSourceWithBackend.query posts for one query.
func queryBody(uid, expr string, from, to time.Time) string {
	return fmt.Sprintf(`{"queries":[{"refId":"A","datasource":{"type":%q,"uid":%q},"queryType":"series",`+
		`"expr":%q,"legendFormat":"{{service}} {{code}}","intervalMs":60000,"maxDataPoints":100}],"from":"%d","to":"%d"}`,
		pluginID, uid, expr, from.UnixMilli(), to.UnixMilli())
}

type queryResponse struct {
	Results map[string]struct {
		Status int    `json:"status"`
		Error  string `json:"error"`
		Frames []struct {
			Schema struct {
				RefID  string `json:"refId"`
				Fields []struct {
					Config struct {
						DisplayNameFromDS string `json:"displayNameFromDS"`
					} `json:"config"`
				} `json:"fields"`
			} `json:"schema"`
		} `json:"frames"`
	} `json:"results"`
}

func TestQueryAnswersInGrafanasShape(t *testing.T) {
	srv, up := serve(t)
	end := up.Fixture.End
	status, body := call(t, "POST", srv.URL+"/api/ds/query", queryBody("ce-anomaly", "rate(ce_requests_total[5m])", end.Add(-time.Hour), end))
	if status != http.StatusOK {
		t.Fatalf("status %d: %s", status, body)
	}
	var got queryResponse
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatal(err)
	}
	a := got.Results["A"]
	if a.Status != http.StatusOK || len(a.Frames) != 2 {
		t.Fatalf("results.A: status %d with %d frames, want 200 with one per ce_requests_total series: %s", a.Status, len(a.Frames), body)
	}
	for i, want := range []string{"api 200", "api 500"} {
		f := a.Frames[i].Schema
		if f.RefID != "A" || len(f.Fields) != 2 || f.Fields[1].Config.DisplayNameFromDS != want {
			t.Errorf("frame %d: refId %q, fields %+v; want refId A and display name %q", i, f.RefID, f.Fields, want)
		}
	}
}

func TestQueryErrorsAnswerLikeGrafana(t *testing.T) {
	srv, up := serve(t)
	end := up.Fixture.End
	tests := []struct {
		name, body string
		status     int
		want       string // in the body
	}{
		{"a failed query makes the status 400 and carries its error", queryBody("ce-anomaly", " ", end.Add(-time.Hour), end), 400, `"error":"the PromQL expression is empty"`},
		{"a query for another datasource is refused", queryBody("other", "up", end.Add(-time.Hour), end), 400, `unknown datasource uid \"other\"`},
		{"a relative time range is refused", `{"queries":[],"from":"now-1h","to":"now"}`, 400, "epoch milliseconds"},
		{"a body that is not JSON is refused", `{`, 400, "bad request data"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := call(t, "POST", srv.URL+"/api/ds/query", tt.body)
			if status != tt.status || !strings.Contains(string(body), tt.want) {
				t.Errorf("got %d %s, want %d containing %s", status, body, tt.status, tt.want)
			}
		})
	}
}

func TestResourcesAndHealthReachTheBackend(t *testing.T) {
	srv, up := serve(t)
	base := srv.URL + "/api/datasources/uid/ce-anomaly"
	names, _ := json.Marshal(up.Fixture.MetricNames())
	tests := []struct {
		name, path string
		status     int
		want       string
	}{
		{"metric names come from Prometheus", "/resources/metrics", 200, string(names)},
		{"query parameters reach the resource", "/resources/label-values?label=code&match=ce_requests_total", 200, `["200","500"]`},
		{"the backend's own errors pass through", "/resources/label-values", 400, "the label parameter is required"},
		{"the health check answers with Grafana's payload", "/health", 200, `"status":"OK"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := call(t, "GET", base+tt.path, "")
			if status != tt.status || !strings.Contains(string(body), tt.want) {
				t.Errorf("GET %s: got %d %s, want %d containing %s", tt.path, status, body, tt.status, tt.want)
			}
		})
	}
	if status, _ := call(t, "GET", srv.URL+"/api/datasources/uid/other/health", ""); status != http.StatusNotFound {
		t.Errorf("another datasource's health: status %d, want 404", status)
	}
}

func TestRunNeedsOneUpstream(t *testing.T) {
	for _, args := range [][]string{{}, {"--prometheus", "http://x", "--fixture", "default"}} {
		if err := run(context.Background(), args, strings.NewReader(""), io.Discard); err == nil {
			t.Errorf("run(%q) = nil, want an error", args)
		}
	}
}
