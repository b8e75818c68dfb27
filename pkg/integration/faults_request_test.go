package integration

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/claudeenhancer/monitoring/pkg/internal/testenv"
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
		{"a duplicate refId is a user error and its sibling answers", func(t *testing.T, s *faultSuite) {
			a1 := seriesQuery{RefID: "A", Expr: "ce_cpu_usage", From: from, To: to}
			a2 := seriesQuery{RefID: "A", Expr: "sum(ce_cpu_usage)", From: from, To: to}
			resp := s.query(t, s.direct(t), a1.dataQuery(t), a2.dataQuery(t), sibling.dataQuery(t))
			userError("duplicate", `"A"`).check(t, "A", resp.Responses["A"])
			checkAnswers(t, "S", resp.Responses["S"], 2)
		}},
		{"a many-series answer beyond the decoded point limit is a user error", func(t *testing.T, s *faultSuite) {
			fs := newFaultServer(t, s.real, withHeader("Content-Type", "application/json"), withBodyFunc(manySeriesBody))
			s.closeAfter(fs.Close)
			f := seriesQuery{RefID: "F", Expr: `ce_cpu_usage{` + faultMarker + `=""}`, From: from, To: to}
			resp := s.query(t, s.instance(t, fs.URL, instanceOpts{}), f.dataQuery(t), sibling.dataQuery(t))
			userError("limit").check(t, "F", resp.Responses["F"])
			checkAnswers(t, "S", resp.Responses["S"], 2)
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
					userError("queries").check(t, "a query", dr)
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

// Sizes beyond the limits the plugin enforces. manySeriesBody holds
// manySeries × manyPoints samples, in about 60 MB of JSON (under the
// default 100 MB response size limit, so only a decoded-size limit stops
// it); manyQueries is beyond any per-request query limit a dashboard needs.
const (
	manySeries  = 50_000
	manyPoints  = 60
	manyQueries = 1_000
)

// manySeriesBody streams a valid matrix of manySeries series.
func manySeriesBody(w io.Writer) error {
	if _, err := io.WriteString(w, matrixPrefix); err != nil {
		return err
	}
	var b strings.Builder
	for i := range manySeries {
		b.Reset()
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"metric":{"__name__":"ce_cpu_usage","series":"%d"},"values":[`, i)
		for j := range manyPoints {
			if j > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `[%d,"%d.5"]`, 1_700_000_000+15*j, j)
		}
		b.WriteString("]}")
		if _, err := io.WriteString(w, b.String()); err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, "]}}")
	return err
}
