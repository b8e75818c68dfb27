package prom

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"slices"
	"testing"
	"time"
)

func TestQuery(t *testing.T) {
	at := time.UnixMilli(1764201600500)
	tests := []struct {
		name     string
		body     string
		want     []Sample
		warnings []string
		wantErr  error
	}{
		{
			name: "a vector gives one sample per series",
			body: `{"status":"success","data":{"resultType":"vector","result":[
				{"metric":{"job":"a"},"value":[1764201600.5,"1"]},{"metric":{"job":"b"},"value":[1764201600.5,"NaN"]}]},"warnings":["w"]}`,
			want:     []Sample{{Labels{"job": "a"}, 1764201600500, 1}, {Labels{"job": "b"}, 1764201600500, 0}},
			warnings: []string{"w"},
		},
		{
			name: "a scalar gives one sample with empty labels",
			body: `{"status":"success","data":{"resultType":"scalar","result":[1764201600.5,"42.5"]}}`,
			want: []Sample{{Labels{}, 1764201600500, 42.5}},
		},
		{
			name: "an empty vector gives no samples",
			body: `{"status":"success","data":{"resultType":"vector","result":[]}}`,
			want: []Sample{},
		},
		{
			name: "a vector sample holding a native histogram is skipped with a warning",
			body: `{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"histogram":[1,{"count":"1"}]}]}}`,
			want: []Sample{}, warnings: []string{"1 series carry native histogram samples, which this data source does not support; they were skipped"},
		},
		{
			name:    "a matrix answer is malformed for an instant query",
			body:    matrixBody,
			wantErr: ErrMalformedResponse,
		},
		{
			name:    "a string result is malformed",
			body:    `{"status":"success","data":{"resultType":"string","result":[1764201600.5,"hello"]}}`,
			wantErr: ErrMalformedResponse,
		},
		{
			name:    "a scalar that is not a float is malformed",
			body:    `{"status":"success","data":{"resultType":"scalar","result":[1,"x"]}}`,
			wantErr: ErrMalformedResponse,
		},
		{
			name:    "a vector element with a range of values is malformed",
			body:    `{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"values":[[1,"1"],[2,"2"]]}]}}`,
			wantErr: ErrMalformedResponse,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := startFake(t, withBody(tt.body))
			got, warnings, err := newTestClient(t, f.URL, Options{}).Query(context.Background(), "x", at)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Query: %v", err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d samples, want %d", len(got), len(tt.want))
			}
			for i := range got {
				g, w := got[i], tt.want[i]
				if !reflect.DeepEqual(g.Labels, w.Labels) || g.Time != w.Time || g.Value != w.Value && !(w.Labels["job"] == "b" && g.Value != g.Value) {
					t.Errorf("sample %d = %+v, want %+v", i, g, w)
				}
			}
			if !slices.Equal(warnings, tt.warnings) {
				t.Errorf("warnings = %q, want %q", warnings, tt.warnings)
			}
			if req := f.last(t); req.Path != "/api/v1/query" || req.Form.Get("time") != "1764201600.5" || req.Form.Get("query") != "x" {
				t.Errorf("request = %s %v", req.Path, req.Form)
			}
		})
	}
}

func TestQueryWithoutATimeLetsTheServerChoose(t *testing.T) {
	f := startFake(t, withBody(`{"status":"success","data":{"resultType":"vector","result":[]}}`))
	if _, _, err := newTestClient(t, f.URL, Options{}).Query(context.Background(), "up", time.Time{}); err != nil {
		t.Fatal(err)
	}
	if req := f.last(t); req.Form.Has("time") {
		t.Errorf("time = %q sent, want it left out", req.Form.Get("time"))
	}
}

func TestLabelNames(t *testing.T) {
	start, end := time.UnixMilli(1764201600000), time.UnixMilli(1764205200250)
	tests := []struct {
		name       string
		method     string
		matchers   []string
		start, end time.Time
		want       map[string][]string
	}{
		{
			name: "matchers go as repeated match[] with start and end, in a POST form", method: "POST",
			matchers: []string{`up{job="a"}`, `{__name__=~"http_.*"}`}, start: start, end: end,
			want: map[string][]string{"match[]": {`up{job="a"}`, `{__name__=~"http_.*"}`}, "start": {"1764201600"}, "end": {"1764205200.25"}},
		},
		{
			name: "zero start and end are left out, and GET uses the query string", method: "GET",
			matchers: []string{"up"},
			want:     map[string][]string{"match[]": {"up"}},
		},
		{
			name: "no matchers and no times send no parameters", method: "GET",
			want: map[string][]string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := startFake(t, withBody(`{"status":"success","data":["__name__","job","instance"]}`))
			got, err := newTestClient(t, f.URL, Options{Method: tt.method}).LabelNames(context.Background(), tt.matchers, tt.start, tt.end)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, []string{"__name__", "job", "instance"}) {
				t.Errorf("names = %q", got)
			}
			req := f.last(t)
			params := req.Form
			if tt.method == "GET" {
				params = req.Query
			}
			if req.Method != tt.method || req.Path != "/api/v1/labels" || !reflect.DeepEqual(map[string][]string(params), tt.want) {
				t.Errorf("request = %s %s %v, want %s /api/v1/labels %v", req.Method, req.Path, params, tt.method, tt.want)
			}
		})
	}
}

func TestLabelValues(t *testing.T) {
	tests := []struct {
		name     string
		label    string
		wantPath string
	}{
		{"a legacy name goes in the path as is", "job", "/api/v1/label/job/values"},
		{"__name__ goes as is", "__name__", "/api/v1/label/__name__/values"},
		{"a UTF-8 name goes in Prometheus' U__ value escaping", "http.status/code", "/api/v1/label/U__http_2e_status_2f_code/values"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := startFake(t, withBody(`{"status":"success","data":["a","b \"c\""]}`))
			got, err := newTestClient(t, f.URL, Options{}).LabelValues(context.Background(), tt.label, []string{"up"}, time.Unix(1, 0), time.Time{})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, []string{"a", `b "c"`}) {
				t.Errorf("values = %q", got)
			}
			req := f.last(t)
			if req.Method != http.MethodGet || req.Path != tt.wantPath || req.Query.Get("match[]") != "up" || req.Query.Get("start") != "1" || req.Query.Has("end") {
				t.Errorf("request = %s %s %v, want GET %s", req.Method, req.Path, req.Query, tt.wantPath)
			}
		})
	}
}

func TestLabelValuesOfAnEmptyOrNullListIsEmpty(t *testing.T) {
	for _, body := range []string{`{"status":"success","data":[]}`, `{"status":"success","data":null}`, `{"status":"success"}`} {
		f := startFake(t, withBody(body))
		got, err := newTestClient(t, f.URL, Options{}).LabelValues(context.Background(), "job", nil, time.Time{}, time.Time{})
		if err != nil || got == nil || len(got) != 0 {
			t.Errorf("%s: got %q, %v; want an empty list", body, got, err)
		}
	}
}

func TestLabelValuesRejectsAnInvalidNameWithoutARequest(t *testing.T) {
	f := startFake(t)
	for _, name := range []string{"", "bad\xffutf8"} {
		_, err := newTestClient(t, f.URL, Options{}).LabelValues(context.Background(), name, nil, time.Time{}, time.Time{})
		if !errors.Is(err, ErrInvalidLabelName) || IsUpstream(err) {
			t.Errorf("LabelValues(%q): err = %v, want ErrInvalidLabelName", name, err)
		}
	}
	if f.count() != 0 {
		t.Errorf("the upstream got %d requests, want 0", f.count())
	}
}

func TestBuildInfo(t *testing.T) {
	tests := []struct {
		name    string
		opts    []fakeOption
		want    string
		wantErr error
	}{
		{"Prometheus reports its version", []fakeOption{withBody(`{"status":"success","data":{"version":"2.42.0","revision":"abc","goVersion":"go1.20"}}`)}, "2.42.0", nil},
		{"VictoriaMetrics' empty data gives an empty version", []fakeOption{withBody(`{"status":"success","data":{}}`)}, "", nil},
		{"an engine without the endpoint (404) gives an empty version", []fakeOption{withStatus(404), withBody("404 page not found")}, "", nil},
		{"401 is ErrUnauthorized", []fakeOption{withStatus(401)}, "", ErrUnauthorized},
		{"an HTML page is ErrNotPrometheus", []fakeOption{withBody("<!doctype html><title>Grafana</title>")}, "", ErrNotPrometheus},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := startFake(t, tt.opts...)
			info, err := newTestClient(t, f.URL, Options{}).BuildInfo(context.Background())
			if !errors.Is(err, tt.wantErr) || err != nil && tt.wantErr == nil {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if info.Version != tt.want {
				t.Errorf("version = %q, want %q", info.Version, tt.want)
			}
			if req := f.last(t); req.Method != http.MethodGet || req.Path != "/api/v1/status/buildinfo" {
				t.Errorf("request = %s %s", req.Method, req.Path)
			}
		})
	}
}

func TestBuildInfoKeepsTheEngineAndRevision(t *testing.T) {
	f := startFake(t, withBody(`{"status":"success","data":{"application":"Grafana Mimir","version":"2.14.0","revision":"5bedc7a1","features":{"ruler_config_api":"true"}}}`))
	info, err := newTestClient(t, f.URL, Options{}).BuildInfo(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if want := (BuildInfo{Version: "2.14.0", Application: "Grafana Mimir", Revision: "5bedc7a1"}); info != want {
		t.Errorf("build info %+v, want %+v", info, want)
	}
}
