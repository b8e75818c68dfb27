package alerting

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

var httpClient = &http.Client{Timeout: 2 * time.Minute}

// queryRange runs a PromQL range query on the history's Prometheus and lays
// each series on times (which must be the query's steps): NaN where a
// series has no value. A range query's value at each step is the instant
// query's at that time, which is what a Grafana rule with an instant
// Prometheus query sees when it evaluates then.
func (h *history) queryRange(expr string, times []time.Time) ([]instanceSeries, error) {
	step := times[1].Sub(times[0])
	form := url.Values{
		"query": {expr},
		"start": {strconv.FormatInt(times[0].Unix(), 10)},
		"end":   {strconv.FormatInt(times[len(times)-1].Unix(), 10)},
		"step":  {strconv.FormatFloat(step.Seconds(), 'f', -1, 64)},
	}
	resp, err := httpClient.PostForm(h.PromURL+"/api/v1/query_range", form)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	var r struct {
		Status string `json:"status"`
		Error  string `json:"error"`
		Data   struct {
			Result []struct {
				Metric map[string]string `json:"metric"`
				Values [][2]any          `json:"values"`
			} `json:"result"`
		} `json:"data"`
	}
	if err := json.Unmarshal(body, &r); err != nil {
		return nil, fmt.Errorf("query_range %s: %s: %w", expr, resp.Status, err)
	}
	if r.Status != "success" {
		return nil, fmt.Errorf("query_range %s: %s", expr, r.Error)
	}
	index := map[int64]int{}
	for i, at := range times {
		index[at.Unix()] = i
	}
	out := make([]instanceSeries, 0, len(r.Data.Result))
	for _, s := range r.Data.Result {
		vals := make([]float64, len(times))
		for i := range vals {
			vals[i] = math.NaN()
		}
		for _, p := range s.Values {
			ts, _ := p[0].(float64)
			i, ok := index[int64(ts)]
			if !ok {
				return nil, fmt.Errorf("query_range %s: sample at %v is not a step", expr, ts)
			}
			v, err := strconv.ParseFloat(strings.TrimSpace(fmt.Sprint(p[1])), 64)
			if err != nil {
				v = math.NaN()
			}
			vals[i] = v
		}
		out = append(out, instanceSeries{Labels: s.Metric, Values: vals})
	}
	return out, nil
}
