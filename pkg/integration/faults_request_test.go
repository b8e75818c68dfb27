package integration

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/claudeenhancer/monitoring/internal/testenv"
)

// Requests that are faulty in themselves, or that ask for more than the
// plugin may hold, against the built binary over gRPC; the same after-case
// checks as the upstream faults (faultSuite.after).

type requestFault struct {
	name string
	run  func(t *testing.T, s *faultSuite)
}

func TestFaultInjectionRequestsThroughTheBuiltBinary(t *testing.T) {
	s := newFaultSuite(t)
	fx := testenv.SharedFixture()
	from, to := fx.Start.Add(6*time.Hour), fx.Start.Add(7*time.Hour)
	sibling := seriesQuery{RefID: "S", Expr: "ce_cpu_usage", From: from, To: to}

	cases := []requestFault{
		{"an absurd persistence option is a user error", func(t *testing.T, s *faultSuite) {
			q := anomalyQuery(t, "F", "ce_cpu_usage", from, to, map[string]any{"persistence": "2/9000000000000000000"})
			resp := s.query(t, s.direct(t), q, sibling.dataQuery(t))
			userError("persistence").check(t, "F", resp.Responses["F"])
			checkAnswers(t, "S", resp.Responses["S"], 2)
		}},
		{"a detector step under a millisecond is a user error", func(t *testing.T, s *faultSuite) {
			// Half a millisecond over ten seconds with a two-step window is
			// within the points a detection query may fetch.
			q := anomalyQuery(t, "F", "ce_cpu_usage", from, from.Add(10*time.Second), map[string]any{"detectorStep": "0.0005", "window": "0.001"})
			resp := s.query(t, s.direct(t), q, sibling.dataQuery(t))
			userError("detectorStep").check(t, "F", resp.Responses["F"])
			checkAnswers(t, "S", resp.Responses["S"], 2)
		}},
		{"a duplicate refId is a user error and its sibling answers", func(t *testing.T, s *faultSuite) {
			a1 := seriesQuery{RefID: "A", Expr: "ce_cpu_usage", From: from, To: to}
			a2 := seriesQuery{RefID: "A", Expr: "sum(ce_cpu_usage)", From: from, To: to}
			resp := s.query(t, s.direct(t), a1.dataQuery(t), a2.dataQuery(t), sibling.dataQuery(t))
			userError("refId A", "2 queries").check(t, "A", resp.Responses["A"])
			checkAnswers(t, "S", resp.Responses["S"], 2)
		}},
		{"an answer with more series than a query may hold is a user error", func(t *testing.T, s *faultSuite) {
			f := seriesQuery{RefID: "F", Expr: `ce_cpu_usage{` + faultMarker + `=""}`, From: from, To: to}
			resp := s.query(t, s.serving(t, matrixBody(tooManySeries, 10)), f.dataQuery(t), sibling.dataQuery(t))
			userError("more than 5,000 series").check(t, "F", resp.Responses["F"])
			checkAnswers(t, "S", resp.Responses["S"], 2)
		}},
		{"an answer with more points than a query may hold is a user error", func(t *testing.T, s *faultSuite) {
			f := seriesQuery{RefID: "F", Expr: `ce_cpu_usage{` + faultMarker + `=""}`, From: from, To: to}
			resp := s.query(t, s.serving(t, matrixBody(100, defaultPointsPerQuery/100+1)), f.dataQuery(t), sibling.dataQuery(t))
			userError("more than 1,000,000 points").check(t, "F", resp.Responses["F"])
			checkAnswers(t, "S", resp.Responses["S"], 2)
		}},
		{"queries that together hold more points than a request may are refused with a user error", func(t *testing.T, s *faultSuite) {
			// At the lowest maxPointsPerQuery (10,000) a request holds
			// 40,000 points: five answers of 9,000 cannot all be kept.
			fs := newFaultServer(t, s.real, withHeader("Content-Type", "application/json"), withBody(string(matrixBody(9, 1000))))
			s.closeAfter(fs.Close)
			pctx := s.instance(t, fs.URL, instanceOpts{jsonData: map[string]any{"maxPointsPerQuery": 10_000}})
			var qs []backend.DataQuery
			for i := range 5 {
				qs = append(qs, seriesQuery{RefID: fmt.Sprintf("F%d", i), Expr: `ce_cpu_usage{` + faultMarker + `=""}`, From: from, To: to}.dataQuery(t))
			}
			resp := s.query(t, pctx, qs...)
			refused := 0
			for _, q := range qs {
				dr := resp.Responses[q.RefID]
				if dr.Error == nil {
					checkAnswers(t, q.RefID, dr, 9)
					continue
				}
				refused++
				userError("the queries of this request together", "more than 40,000 points").check(t, q.RefID, dr)
			}
			if refused == 0 {
				t.Errorf("all five queries kept 45,000 points in one request")
			}
		}},
		{"a request with too many queries is refused with a user error", func(t *testing.T, s *faultSuite) {
			qs := make([]backend.DataQuery, manyQueries)
			for i := range qs {
				qs[i] = seriesQuery{RefID: fmt.Sprintf("Q%d", i), Expr: "ce_cpu_usage", From: from, To: to}.dataQuery(t)
			}
			resp := s.query(t, s.direct(t), qs...)
			if len(resp.Responses) != len(qs) {
				t.Fatalf("%d responses for %d queries", len(resp.Responses), len(qs))
			}
			refused := 0
			for _, dr := range resp.Responses {
				if dr.Error != nil {
					userError("too many queries").check(t, "a query", dr)
					refused++
				}
			}
			if refused == 0 {
				t.Errorf("all %d queries ran", len(qs))
			}
		}},
	}
	// Grafana Alerting sends interval 1 s and max data points 43,200
	// (pkg/expr/nodes.go); the range is the rule's. 5 d at 1 s is 432,000
	// steps: the step must grow until Prometheus' 11,000 are enough.
	for _, span := range []time.Duration{10 * time.Hour, 4 * 24 * time.Hour, 5 * 24 * time.Hour} {
		cases = append(cases, requestFault{
			fmt.Sprintf("an alert rule's series query over %s at Alerting's defaults answers", span),
			func(t *testing.T, s *faultSuite) {
				q := seriesQuery{RefID: "R", Expr: "ce_cpu_usage", From: fx.End.Add(-span), To: fx.End}.dataQuery(t)
				q.Interval, q.MaxDataPoints = time.Second, 43200
				q.JSON = []byte(`{"refId":"R","queryType":"series","expr":"ce_cpu_usage","intervalMs":1000,"maxDataPoints":43200}`)
				resp := s.query(t, s.direct(t), q)
				r := resp.Responses["R"]
				checkAnswers(t, "R", r, 2)
				for _, f := range r.Frames {
					if f.Rows() > prometheusMaxSteps+1 {
						t.Errorf("%d points in a series, more than Prometheus' %d steps allow", f.Rows(), prometheusMaxSteps)
					}
				}
			},
		})
	}
	for _, param := range []string{"start=NaN", "end=%2BInf", "start=-Inf", "end=1e300"} {
		cases = append(cases, requestFault{
			"a resource call with " + param + " is a user error",
			func(t *testing.T, s *faultSuite) {
				pctx, asked := s.recorded(t)
				status, body, err := s.proc.callResource(callContext(t), pctx, "labels?"+param)
				if err != nil {
					t.Fatal(err)
				}
				name, _, _ := strings.Cut(param, "=")
				var msg struct{ Message string }
				if status != http.StatusBadRequest || json.Unmarshal(body, &msg) != nil || !strings.Contains(msg.Message, name) {
					t.Errorf("%d %s, want 400 with a message naming %s", status, body, name)
				}
				// Prometheus rejects the garbage such a value becomes too,
				// naming the parameter: the plugin must answer first.
				if n := len(asked.all()); n != 0 {
					t.Errorf("the upstream was asked %d times, want the plugin to refuse the value itself", n)
				}
			},
		})
	}
	names := make([]string, len(cases))
	for i, tc := range cases {
		names[i] = tc.name
	}
	s.run(t, names, func(t *testing.T, i int) { cases[i].run(t, s) })
}

// query sends qs and fails t when QueryData fails as a whole.
func (s *faultSuite) query(t *testing.T, pctx backend.PluginContext, qs ...backend.DataQuery) *backend.QueryDataResponse {
	t.Helper()
	resp, err := s.proc.queryData(callContext(t), pctx, qs...)
	if err != nil {
		t.Fatalf("QueryData failed as a whole: %v", err)
	}
	return resp
}

func anomalyQuery(t *testing.T, refID, expr string, from, to time.Time, opts map[string]any) backend.DataQuery {
	t.Helper()
	model := map[string]any{"refId": refID, "queryType": "anomaly", "expr": expr}
	for k, v := range opts {
		model[k] = v
	}
	body, err := json.Marshal(model)
	if err != nil {
		t.Fatal(err)
	}
	return backend.DataQuery{
		RefID: refID, QueryType: "anomaly", JSON: body, Interval: time.Minute, MaxDataPoints: 1000,
		TimeRange: backend.TimeRange{From: from, To: to},
	}
}

// prometheusMaxSteps is the most steps Prometheus evaluates in a range
// query ("exceeded maximum resolution of 11,000 points per timeseries",
// web/api/v1/api.go).
const prometheusMaxSteps = 11_000

// The plugin's limits (pkg/limits/limits.go, pkg/models/settings.go):
// 5,000 series per answer, 1,000,000 points per query by default
// (jsonData.maxPointsPerQuery), 100 queries per request. The cases go
// beyond them.
const (
	tooManySeries         = 6_000
	defaultPointsPerQuery = 1_000_000
	manyQueries           = 1_000
)

// matrixBody is a valid matrix answer of series × points samples.
func matrixBody(series, points int) []byte {
	var b bytes.Buffer
	b.WriteString(matrixPrefix)
	for i := range series {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"metric":{"__name__":"ce_cpu_usage","series":"%d"},"values":[`, i)
		for j := range points {
			if j > 0 {
				b.WriteByte(',')
			}
			b.WriteString(`[`)
			b.WriteString(strconv.Itoa(1_700_000_000 + 15*j))
			b.WriteString(`,"1.5"]`)
		}
		b.WriteString("]}")
	}
	b.WriteString("]}}")
	return b.Bytes()
}

// serving is a new instance whose upstream answers the marked query with
// body and proxies the rest to the real Prometheus.
func (s *faultSuite) serving(t *testing.T, body []byte) backend.PluginContext {
	fs := newFaultServer(t, s.real, withHeader("Content-Type", "application/json"),
		withBodyFunc(func(w io.Writer) error { _, err := w.Write(body); return err }))
	s.closeAfter(fs.Close)
	return s.instance(t, fs.URL, instanceOpts{})
}
