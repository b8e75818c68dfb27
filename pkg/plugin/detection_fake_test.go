package plugin

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/claudeenhancer/monitoring/internal/promfake"
)

// rangeAnswer answers /api/v1/query_range like Prometheus from Go functions
// of time: one value per series at start, start+step, …, end, and a 400 with
// Prometheus' message above 11,000 intervals, so a handler that forgets to
// chunk fails.
func rangeAnswer(series ...promfake.Series) func(url.Values) (int, string) {
	return func(form url.Values) (int, string) {
		start, err1 := strconv.ParseFloat(form.Get("start"), 64)
		end, err2 := strconv.ParseFloat(form.Get("end"), 64)
		step, err3 := strconv.ParseFloat(form.Get("step"), 64)
		if err1 != nil || err2 != nil || err3 != nil || step <= 0 || end < start {
			return 400, `{"status":"error","errorType":"bad_data","error":"invalid parameter"}`
		}
		if (end-start)/step > 11000 {
			return 400, `{"status":"error","errorType":"bad_data","error":"exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)"}`
		}
		var b strings.Builder
		b.WriteString(`{"status":"success","data":{"resultType":"matrix","result":[`)
		for i, s := range series {
			if i > 0 {
				b.WriteByte(',')
			}
			labels, _ := json.Marshal(s.Labels)
			fmt.Fprintf(&b, `{"metric":%s,"values":[`, labels)
			first := true
			for ms := int64(math.Round(start * 1000)); float64(ms) <= end*1000; ms += int64(math.Round(step * 1000)) {
				v := s.At(time.UnixMilli(ms).UTC())
				if math.IsNaN(v) {
					continue
				}
				if !first {
					b.WriteByte(',')
				}
				first = false
				fmt.Fprintf(&b, `[%s,"%s"]`, strconv.FormatFloat(float64(ms)/1000, 'f', -1, 64), strconv.FormatFloat(v, 'g', -1, 64))
			}
			b.WriteString("]}")
		}
		b.WriteString("]}}")
		return 200, b.String()
	}
}

// detectionDataQuery is a query of the new types as the frontend sends it.
func detectionDataQuery(refID, body string, from, to time.Time, maxPoints int64) backend.DataQuery {
	return backend.DataQuery{
		RefID: refID, JSON: []byte(body), Interval: 15 * time.Second, MaxDataPoints: maxPoints,
		TimeRange: backend.TimeRange{From: from, To: to},
	}
}

// query runs the queries through QueryData and returns the responses.
func runQueries(t *testing.T, ds *Datasource, qs ...backend.DataQuery) backend.Responses {
	t.Helper()
	resp, err := ds.QueryData(context.Background(), &backend.QueryDataRequest{Queries: qs})
	if err != nil {
		t.Fatal(err)
	}
	return resp.Responses
}

// okFrames fails on the response's error and returns its frames.
func okFrames(t *testing.T, r backend.DataResponse) data.Frames {
	t.Helper()
	if r.Error != nil {
		t.Fatalf("status %d: %v", r.Status, r.Error)
	}
	return r.Frames
}

// rangeRequests returns the query_range requests the fake received, by start.
func (u *upstream) rangeRequests() []url.Values {
	u.mu.Lock()
	defer u.mu.Unlock()
	var out []url.Values
	for _, r := range u.requests {
		if r.path == "/api/v1/query_range" {
			out = append(out, r.form)
		}
	}
	sort.Slice(out, func(i, j int) bool { return formTime(out[i], "start") < formTime(out[j], "start") })
	return out
}

func formTime(form url.Values, key string) float64 {
	v, _ := strconv.ParseFloat(form.Get(key), 64)
	return v
}
