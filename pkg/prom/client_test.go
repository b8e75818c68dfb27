package prom

import (
	"context"
	"errors"
	"math"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestQueryRangeDecodesTheMatrix(t *testing.T) {
	body := `{"status":"success","data":{"resultType":"matrix","result":[
		{"metric":{"__name__":"http_requests_total","path":"/a\"b\\c","city":"Z\u00fcrich \ud83d\ude00"},
		 "values":[[1764201600,"NaN"],[1764201615.1,"+Inf"],[1764201630.12,"-Inf"],[1764201645.123,"0.25"]]},
		{"metric":{},"values":[[1764201600,"1e3"]]}
	]},"warnings":["partial response"],"infos":["metric might not be a counter"]}`
	f := startFake(t, withBody(body))
	m, err := newTestClient(t, f.URL, Options{}).QueryRange(context.Background(), "rate(x[5m])", testRange)
	if err != nil {
		t.Fatalf("QueryRange: %v", err)
	}
	if len(m.Series) != 2 {
		t.Fatalf("got %d series, want 2", len(m.Series))
	}
	wantLabels := Labels{"__name__": "http_requests_total", "path": `/a"b\c`, "city": "Zürich 😀"}
	if !reflect.DeepEqual(m.Series[0].Labels, wantLabels) {
		t.Errorf("labels = %q, want %q", m.Series[0].Labels, wantLabels)
	}
	if want := []int64{1764201600000, 1764201615100, 1764201630120, 1764201645123}; !slices.Equal(m.Series[0].Times, want) {
		t.Errorf("times = %v, want %v", m.Series[0].Times, want)
	}
	v := m.Series[0].Values
	if !math.IsNaN(v[0]) || !math.IsInf(v[1], 1) || !math.IsInf(v[2], -1) || v[3] != 0.25 {
		t.Errorf("values = %v, want [NaN +Inf -Inf 0.25]", v)
	}
	if len(m.Series[1].Labels) != 0 || m.Series[1].Values[0] != 1000 {
		t.Errorf("second series = %+v, want no labels and value 1000", m.Series[1])
	}
	if !slices.Equal(m.Warnings, []string{"partial response"}) || !slices.Equal(m.Infos, []string{"metric might not be a counter"}) {
		t.Errorf("warnings %q, infos %q", m.Warnings, m.Infos)
	}
}

func TestQueryRangeWithAnEmptyResultGivesNoSeries(t *testing.T) {
	f := startFake(t, withBody(`{"status":"success","data":{"resultType":"matrix","result":[]}}`))
	m, err := newTestClient(t, f.URL, Options{}).QueryRange(context.Background(), "absent_metric", testRange)
	if err != nil || len(m.Series) != 0 {
		t.Fatalf("QueryRange = %d series, %v; want 0 series, no error", len(m.Series), err)
	}
}

func TestQueryRangeRequestEncoding(t *testing.T) {
	tests := []struct {
		name   string
		method string
	}{
		{"the default method sends a url-encoded POST form", ""},
		{"POST sends a url-encoded form and no query string", "post"},
		{"GET sends the parameters in the query string", "GET"},
	}
	want := map[string]string{"query": `sum by (job) (rate(x{a="b"}[5m]))`, "start": "1764201600.123", "end": "1764201900.123", "step": "15"}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := startFake(t)
			c := newTestClient(t, f.URL+"/prefix/", Options{Method: tt.method})
			if _, err := c.QueryRange(context.Background(), want["query"], testRange); err != nil {
				t.Fatalf("QueryRange: %v", err)
			}
			req := f.last(t)
			params, empty := req.Form, req.Query
			wantMethod := http.MethodPost
			if tt.method == "GET" {
				params, empty, wantMethod = req.Query, req.Form, http.MethodGet
			}
			if req.Method != wantMethod || req.Path != "/prefix/api/v1/query_range" {
				t.Errorf("got %s %s, want %s /prefix/api/v1/query_range", req.Method, req.Path, wantMethod)
			}
			for k, v := range want {
				if got := params.Get(k); got != v {
					t.Errorf("%s = %q, want %q", k, got, v)
				}
			}
			if len(empty) != 0 {
				t.Errorf("parameters also sent the other way: %v", empty)
			}
			if wantMethod == http.MethodPost && req.Header.Get("Content-Type") != "application/x-www-form-urlencoded" {
				t.Errorf("Content-Type = %q", req.Header.Get("Content-Type"))
			}
		})
	}
}

func TestQueryRangeRejectsAnInvalidRangeWithoutARequest(t *testing.T) {
	f := startFake(t)
	r := Range{Start: testRange.Start, End: testRange.Start.Add(24 * time.Hour), Step: time.Second}
	_, err := newTestClient(t, f.URL, Options{}).QueryRange(context.Background(), "up", r)
	if !errors.Is(err, ErrInvalidRange) || IsUpstream(err) {
		t.Errorf("err = %v, want ErrInvalidRange, not upstream", err)
	}
	if f.count() != 0 {
		t.Errorf("the upstream got %d requests, want 0", f.count())
	}
}

func TestQueryRangeUpstreamAnswers(t *testing.T) {
	html := "<!DOCTYPE html>\n<html>\n  <head><title>502 Bad Gateway</title></head>\n<body>nginx</body></html>"
	tests := []struct {
		name      string
		opts      []fakeOption
		options   Options
		wantIs    []error
		wantAPI   *APIError // compared field by field when set
		wantError string    // exact Error() when set
	}{
		{
			name:      "HTTP 400 with a Prometheus error body is an APIError of type bad_data",
			opts:      []fakeOption{withStatus(400), withBody(`{"status":"error","errorType":"bad_data","error":"invalid parameter \"query\": 1:5: parse error: unexpected end of input"}`)},
			wantAPI:   &APIError{StatusCode: 400, Type: "bad_data", Message: `invalid parameter "query": 1:5: parse error: unexpected end of input`},
			wantError: `prometheus: bad_data: invalid parameter "query": 1:5: parse error: unexpected end of input`,
		},
		{
			name:    "HTTP 422 is an execution error",
			opts:    []fakeOption{withStatus(422), withBody(`{"status":"error","errorType":"execution","error":"many-to-many matching not allowed"}`)},
			wantAPI: &APIError{StatusCode: 422, Type: "execution", Message: "many-to-many matching not allowed"},
		},
		{
			name:      "HTTP 503 with an HTML page is an APIError holding the start of the page on one line",
			opts:      []fakeOption{withStatus(503), withHeader("Content-Type", "text/html"), withBody("<html>\n<body>Service   Unavailable</body>\n</html>\n")},
			wantAPI:   &APIError{StatusCode: 503, Message: "<html> <body>Service Unavailable</body> </html>"},
			wantError: "upstream returned 503 Service Unavailable: <html> <body>Service Unavailable</body> </html>",
		},
		{
			name:      "a proxy's 502 page shows as upstream returned 502 Bad Gateway",
			opts:      []fakeOption{withStatus(502), withBody(html)},
			wantError: "upstream returned 502 Bad Gateway: " + strings.Join(strings.Fields(html), " "),
		},
		{
			name:    "Prometheus' own query timeout is an APIError that is also ErrTimeout",
			opts:    []fakeOption{withStatus(503), withBody(`{"status":"error","errorType":"timeout","error":"query timed out in expression evaluation"}`)},
			wantIs:  []error{ErrTimeout},
			wantAPI: &APIError{StatusCode: 503, Type: "timeout", Message: "query timed out in expression evaluation"},
		},
		{
			name:    "HTTP 401 is ErrUnauthorized and an APIError",
			opts:    []fakeOption{withStatus(401), withBody("Unauthorized\n")},
			wantIs:  []error{ErrUnauthorized},
			wantAPI: &APIError{StatusCode: 401, Message: "Unauthorized"},
		},
		{
			name:   "HTTP 403 is ErrUnauthorized",
			opts:   []fakeOption{withStatus(403), withBody(`{"status":"error","errorType":"forbidden","error":"tenant not allowed"}`)},
			wantIs: []error{ErrUnauthorized},
		},
		{
			name:    "an error envelope with HTTP 200 is an APIError with status 200",
			opts:    []fakeOption{withBody(`{"status":"error","errorType":"internal","error":"boom"}`)},
			wantAPI: &APIError{StatusCode: 200, Type: "internal", Message: "boom"},
		},
		{
			name:   "invalid JSON is ErrMalformedResponse",
			opts:   []fakeOption{withBody(`{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1,"1"],]}]}}`)},
			wantIs: []error{ErrMalformedResponse},
		},
		{
			name:   "a body the connection cuts short is ErrMalformedResponse",
			opts:   []fakeOption{withTruncatedBody()},
			wantIs: []error{ErrMalformedResponse},
		},
		{
			name:   "a vector where a matrix is due is ErrMalformedResponse",
			opts:   []fakeOption{withBody(`{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"1"]}]}}`)},
			wantIs: []error{ErrMalformedResponse},
		},
		{
			name:   "a sample value that is not a float is ErrMalformedResponse",
			opts:   []fakeOption{withBody(`{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1,"one"]]}]}}`)},
			wantIs: []error{ErrMalformedResponse},
		},
		{
			name:   "an HTML page with HTTP 200 is ErrNotPrometheus",
			opts:   []fakeOption{withHeader("Content-Type", "text/html"), withBody(html)},
			wantIs: []error{ErrNotPrometheus},
		},
		{
			name:   "another service's JSON with HTTP 200 is ErrNotPrometheus",
			opts:   []fakeOption{withBody(`{"message":"welcome to the API gateway"}`)},
			wantIs: []error{ErrNotPrometheus},
		},
		{
			name:    "a body over MaxResponseBytes is ErrResponseTooLarge",
			opts:    []fakeOption{withBody(matrixBody)},
			options: Options{MaxResponseBytes: int64(len(matrixBody)) - 1},
			wantIs:  []error{ErrResponseTooLarge},
		},
		{
			name:    "a body of exactly MaxResponseBytes is fine",
			opts:    []fakeOption{withBody(matrixBody)},
			options: Options{MaxResponseBytes: int64(len(matrixBody))},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := startFake(t, tt.opts...)
			_, err := newTestClient(t, f.URL, tt.options).QueryRange(context.Background(), "up", testRange)
			if len(tt.wantIs) == 0 && tt.wantAPI == nil && tt.wantError == "" {
				if err != nil {
					t.Fatalf("err = %v, want none", err)
				}
				return
			}
			if err == nil {
				t.Fatal("err = nil, want an error")
			}
			if !IsUpstream(err) {
				t.Errorf("IsUpstream(%v) = false, want true", err)
			}
			for _, target := range tt.wantIs {
				if !errors.Is(err, target) {
					t.Errorf("errors.Is(%v, %v) = false", err, target)
				}
			}
			var apiErr *APIError
			if tt.wantAPI != nil && (!errors.As(err, &apiErr) || *apiErr != *tt.wantAPI) {
				t.Errorf("err = %#v, want APIError %#v", err, tt.wantAPI)
			}
			if tt.wantError != "" && err.Error() != tt.wantError {
				t.Errorf("err.Error() =\n%q, want\n%q", err.Error(), tt.wantError)
			}
		})
	}
}
