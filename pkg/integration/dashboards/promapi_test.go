package dashboards

import (
	"fmt"
	"math"
	"net/url"
	"strconv"
	"time"
)

// promResult is a Prometheus API vector or matrix result.
type promResult struct {
	Status string `json:"status"`
	Error  string `json:"error"`
	Data   struct {
		ResultType string `json:"resultType"`
		Result     []struct {
			Metric map[string]string `json:"metric"`
			Value  [2]any            `json:"value"`
			Values [][2]any          `json:"values"`
		} `json:"result"`
	} `json:"data"`
}

// points returns every sample value of the result, NaN included.
func (r *promResult) points() []float64 {
	var out []float64
	for _, s := range r.Data.Result {
		if s.Value[1] != nil {
			out = append(out, parseValue(s.Value[1]))
		}
		for _, v := range s.Values {
			out = append(out, parseValue(v[1]))
		}
	}
	return out
}

// finite counts the samples that are numbers (not NaN or ±Inf).
func (r *promResult) finite() int {
	n := 0
	for _, v := range r.points() {
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			n++
		}
	}
	return n
}

// series returns, per series, its samples by unix time.
func (r *promResult) byTime() []map[float64]float64 {
	var out []map[float64]float64
	for _, s := range r.Data.Result {
		m := map[float64]float64{}
		if s.Value[1] != nil {
			m[s.Value[0].(float64)] = parseValue(s.Value[1])
		}
		for _, v := range s.Values {
			m[v[0].(float64)] = parseValue(v[1])
		}
		out = append(out, m)
	}
	return out
}

func parseValue(v any) float64 {
	s, _ := v.(string)
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return math.NaN()
	}
	return f
}

func unix(t time.Time) string { return strconv.FormatFloat(float64(t.UnixMilli())/1000, 'f', 3, 64) }

func (s *stack) query(expr string, at time.Time) (*promResult, error) {
	return s.api("/api/v1/query", url.Values{"query": {expr}, "time": {unix(at)}})
}

func (s *stack) queryRange(expr string, start, end time.Time, step time.Duration) (*promResult, error) {
	return s.api("/api/v1/query_range", url.Values{
		"query": {expr}, "start": {unix(start)}, "end": {unix(end)}, "step": {strconv.FormatFloat(step.Seconds(), 'f', -1, 64)},
	})
}

func (s *stack) labelValues(label, match string, start, end time.Time) ([]string, error) {
	var out struct {
		Status string   `json:"status"`
		Data   []string `json:"data"`
	}
	u := fmt.Sprintf("%s/api/v1/label/%s/values?%s", s.PromURL, url.PathEscape(label),
		url.Values{"match[]": {match}, "start": {unix(start)}, "end": {unix(end)}}.Encode())
	if err := getJSON(u, &out); err != nil {
		return nil, err
	}
	return out.Data, nil
}

func (s *stack) api(path string, params url.Values) (*promResult, error) {
	var r promResult
	if err := getJSON(s.PromURL+path+"?"+params.Encode(), &r); err != nil {
		return nil, err
	}
	if r.Status != "success" {
		return nil, fmt.Errorf("%s %v: %s", path, params, r.Error)
	}
	return &r, nil
}
