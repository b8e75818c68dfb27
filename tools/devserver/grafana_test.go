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

	"github.com/claudeenhancer/monitoring/internal/testenv"
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
	defer func() { _ = resp.Body.Close() }()
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

// TestSecondDatasourceAnswersItsOwnQueries serves the anomaly fixture as a
// second datasource, as `--fixture default,anomaly` does, and sends one
// request with a query for each: every query reaches its own Prometheus, and
// the anomaly query's events find the fixture's spike.
func TestSecondDatasourceAnswersItsOwnQueries(t *testing.T) {
	newDS := func(uid string, up *testenv.Upstream) (*plugin.Datasource, backend.DataSourceInstanceSettings) {
		settings := backend.DataSourceInstanceSettings{UID: uid, Type: pluginID, URL: up.URL, JSONData: []byte(`{}`)}
		inst, err := plugin.NewDatasource(context.Background(), settings)
		if err != nil {
			t.Fatal(err)
		}
		return inst.(*plugin.Datasource), settings
	}
	a := newAPI(newDS("ce-anomaly", testenv.SharedPrometheus(t)))
	a.add(newDS("ce-anomaly-anomaly", testenv.SharedAnomalyPrometheus(t)))
	fx := testenv.SharedAnomalyFixture()
	mux := http.NewServeMux()
	a.register(mux)
	both := httptest.NewServer(mux)
	t.Cleanup(both.Close)

	from, to := fx.SpikeAt.Add(-2*time.Hour), fx.SpikeAt.Add(time.Hour)
	body := fmt.Sprintf(`{"queries":[`+
		`{"refId":"A","datasource":{"uid":"ce-anomaly"},"queryType":"series","expr":"ce_requests_total","intervalMs":60000},`+
		`{"refId":"B","datasource":{"uid":"ce-anomaly-anomaly"},"queryType":"anomaly","expr":%q,`+
		`"method":"robust","window":"1h","threshold":3,"persistence":"1/1","detectorStep":"15s","output":"events"}],"from":"%d","to":"%d"}`,
		`ce_anomaly_case{case="spike"}`, from.UnixMilli(), to.UnixMilli())
	status, got := call(t, "POST", both.URL+"/api/ds/query", body)
	if status != http.StatusOK {
		t.Fatalf("status %d: %s", status, got)
	}
	var res struct {
		Results map[string]struct {
			Frames []struct {
				Data struct {
					Values [][]any `json:"values"`
				} `json:"data"`
			} `json:"frames"`
		} `json:"results"`
	}
	if err := json.Unmarshal(got, &res); err != nil {
		t.Fatal(err)
	}
	if n := len(res.Results["A"].Frames); n != 2 {
		t.Errorf("A (default fixture): %d frames, want one per ce_requests_total series", n)
	}
	b := res.Results["B"].Frames
	if len(b) != 1 || len(b[0].Data.Values) == 0 {
		t.Fatalf("B (anomaly fixture): want one events frame, got %s", got)
	}
	found := false
	for _, v := range b[0].Data.Values[0] {
		if ms, ok := v.(float64); ok && int64(ms) == fx.SpikeAt.UnixMilli() {
			found = true
		}
	}
	if !found {
		t.Errorf("B: no event starting at the spike, %s: %v", fx.SpikeAt.Format(time.RFC3339), b[0].Data.Values[0])
	}
}

func TestStartFixturesRefusesUnknownAndRepeatedNames(t *testing.T) {
	for _, names := range [][]string{{"nope"}, {"default", "default"}} {
		if _, cleanup, err := startFixtures(names, time.Now()); err == nil {
			cleanup()
			t.Errorf("startFixtures(%q) = nil error", names)
		}
	}
}
