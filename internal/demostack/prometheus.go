package demostack

import (
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"strconv"
	"time"
)

// Prometheus is a client of the Prometheus HTTP API endpoints the tests use.
type Prometheus struct {
	URL string // http://127.0.0.1:<port>
}

// Result is the data of a query's answer: per series, one sample (Value) for
// an instant query, several (Values) for a range query.
type Result struct {
	Type   string   `json:"resultType"`
	Series []Series `json:"result"`
}

// Series is one series of a Result; a sample is [unix s, "value"].
type Series struct {
	Metric map[string]string `json:"metric"`
	Value  [2]any            `json:"value"`
	Values [][2]any          `json:"values"`
}

// Query evaluates expr at one instant.
func (p Prometheus) Query(expr string, at time.Time) (*Result, error) {
	return p.result("/api/v1/query", url.Values{"query": {expr}, "time": {unix(at)}})
}

// QueryRange evaluates expr at every step from start to end.
func (p Prometheus) QueryRange(expr string, start, end time.Time, step time.Duration) (*Result, error) {
	return p.result("/api/v1/query_range", url.Values{
		"query": {expr}, "start": {unix(start)}, "end": {unix(end)},
		"step": {strconv.FormatFloat(step.Seconds(), 'f', -1, 64)},
	})
}

func (p Prometheus) result(path string, params url.Values) (*Result, error) {
	var r Result
	if err := p.api(path, params, &r); err != nil {
		return nil, err
	}
	return &r, nil
}

// LabelValues lists the values of label on the series match selects.
func (p Prometheus) LabelValues(label, match string, start, end time.Time) ([]string, error) {
	var values []string
	err := p.api("/api/v1/label/"+url.PathEscape(label)+"/values",
		url.Values{"match[]": {match}, "start": {unix(start)}, "end": {unix(end)}}, &values)
	return values, err
}

// api GETs an endpoint and decodes the data of a successful answer into v.
func (p Prometheus) api(path string, params url.Values, v any) error {
	var answer struct {
		Status string          `json:"status"`
		Error  string          `json:"error"`
		Data   json.RawMessage `json:"data"`
	}
	if err := getJSON(p.URL+path+"?"+params.Encode(), &answer); err != nil {
		return err
	}
	if answer.Status != "success" {
		return fmt.Errorf("%s %v: %s", path, params, answer.Error)
	}
	return json.Unmarshal(answer.Data, v)
}

func unix(t time.Time) string {
	return strconv.FormatFloat(float64(t.UnixMilli())/1000, 'f', 3, 64)
}

// ParseValue reads a sample's value; NaN when it is not a number.
func ParseValue(v any) float64 {
	s, _ := v.(string)
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return math.NaN()
	}
	return f
}

// Points returns every sample value of the result, NaN included.
func (r *Result) Points() []float64 {
	var out []float64
	for _, s := range r.Series {
		if s.Value[1] != nil {
			out = append(out, ParseValue(s.Value[1]))
		}
		for _, v := range s.Values {
			out = append(out, ParseValue(v[1]))
		}
	}
	return out
}

// Finite counts the samples that are numbers (not NaN or ±Inf).
func (r *Result) Finite() int {
	n := 0
	for _, v := range r.Points() {
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			n++
		}
	}
	return n
}

// ByTime returns, per series, its samples by unix time.
func (r *Result) ByTime() []map[float64]float64 {
	var out []map[float64]float64
	for _, s := range r.Series {
		m := map[float64]float64{}
		if s.Value[1] != nil {
			m[s.Value[0].(float64)] = ParseValue(s.Value[1])
		}
		for _, v := range s.Values {
			m[v[0].(float64)] = ParseValue(v[1])
		}
		out = append(out, m)
	}
	return out
}
