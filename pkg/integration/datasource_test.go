package integration

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/claudeenhancer/monitoring/internal/testenv"
)

// The datasource through its SDK handlers, as Grafana's plugin host calls
// them after decoding gRPC: settings → instance → QueryData / CheckHealth /
// CallResource against the real engines.

func queryData(t *testing.T, url string, qs ...seriesQuery) *backend.QueryDataResponse {
	t.Helper()
	ds, pctx := newDatasource(t, url)
	req := &backend.QueryDataRequest{PluginContext: pctx}
	for _, q := range qs {
		req.Queries = append(req.Queries, q.dataQuery(t))
	}
	resp, err := ds.QueryData(context.Background(), req)
	if err != nil {
		t.Fatalf("QueryData returned a Go error (that fails every query of the request): %v", err)
	}
	if len(resp.Responses) != len(qs) {
		t.Fatalf("%d responses for %d queries", len(resp.Responses), len(qs))
	}
	return resp
}

// checkSeriesFrame asserts the dataplane shape Alerting and panels rely on
// and returns the frame's points.
func checkSeriesFrame(t *testing.T, f *data.Frame) (times []time.Time, values []float64, labels data.Labels) {
	t.Helper()
	if f.Meta == nil || f.Meta.Type != data.FrameTypeTimeSeriesMulti || f.Meta.TypeVersion != (data.FrameTypeVersion{0, 1}) {
		t.Fatalf("frame meta %+v, want type %s version 0.1", f.Meta, data.FrameTypeTimeSeriesMulti)
	}
	if len(f.Fields) != 2 {
		t.Fatalf("%d fields, want [time, value]", len(f.Fields))
	}
	tf, vf := f.Fields[0], f.Fields[1]
	if tf.Type() != data.FieldTypeTime {
		t.Fatalf("first field is %s, want time", tf.Type())
	}
	if vt := vf.Type(); vt != data.FieldTypeFloat64 && vt != data.FieldTypeNullableFloat64 {
		t.Fatalf("value field is %s, want float64 or *float64", vt)
	}
	if tf.Len() != vf.Len() {
		t.Fatalf("time has %d rows, value %d", tf.Len(), vf.Len())
	}
	for i := range tf.Len() {
		times = append(times, tf.At(i).(time.Time))
		v, err := vf.FloatAt(i) // a nil *float64 reads as NaN
		if err != nil {
			t.Fatal(err)
		}
		values = append(values, v)
	}
	return times, values, vf.Labels
}

func TestDatasourceSeriesQueryReturnsOneFramePerSeriesWithTheFixtureValues(t *testing.T) {
	fx := testenv.SharedFixture()
	from, to := fx.Start.Add(time.Hour), fx.Start.Add(2*time.Hour)
	for _, up := range upstreams(t) {
		t.Run(up.Name, func(t *testing.T) {
			resp := queryData(t, up.URL, seriesQuery{RefID: "A", Expr: "ce_cpu_usage", Legend: "{{service}}", From: from, To: to})
			dr := resp.Responses["A"]
			if dr.Error != nil {
				t.Fatalf("A: %v", dr.Error)
			}
			if len(dr.Frames) != 2 {
				t.Fatalf("%d frames, want one per series (api, worker)", len(dr.Frames))
			}
			for i, svc := range []string{"api", "worker"} { // frames are sorted by labels
				f := dr.Frames[i]
				times, values, labels := checkSeriesFrame(t, f)
				want := data.Labels{"__name__": "ce_cpu_usage", "job": "claude-enhancer-api", "service": svc}
				if labels.String() != want.String() {
					t.Errorf("frame %d labels %v, want %v", i, labels, want)
				}
				if got := f.Fields[1].Config; got == nil || got.DisplayNameFromDS != svc {
					t.Errorf("frame %d display name %+v, want %q from the legend {{service}}", i, got, svc)
				}
				if len(times) != 241 {
					t.Fatalf("frame %d: %d points, want 241 (1 h at 15 s)", i, len(times))
				}
				id := fmt.Sprintf(`ce_cpu_usage{job="claude-enhancer-api",service=%q}`, svc)
				for j, at := range times {
					wantAt := from.Add(time.Duration(j) * fx.Step)
					wantV, _ := fx.ValueAt(id, wantAt)
					if !at.Equal(wantAt) || values[j] != wantV {
						t.Fatalf("frame %d point %d: (%v, %v), want (%v, %v)", i, j, at, values[j], wantAt, wantV)
					}
				}
			}
			if got := dr.Frames[0].Meta.ExecutedQueryString; !strings.Contains(got, "ce_cpu_usage") {
				t.Errorf("executed query string %q lacks the expression", got)
			}
		})
	}
}

func TestDatasourceRatesGapsAndNaNThroughFrames(t *testing.T) {
	fx := testenv.SharedFixture()
	nanAt := fx.Start.Add(5 * time.Hour).Truncate(time.Hour).Add(30 * time.Minute)
	for _, up := range upstreams(t) {
		t.Run(up.Name, func(t *testing.T) {
			resp := queryData(t, up.URL,
				seriesQuery{RefID: "rate", Expr: "rate(ce_requests_total[5m])", Legend: "{{code}}", From: fx.Reset.Add(-10 * time.Minute), To: fx.Reset.Add(10 * time.Minute)},
				seriesQuery{RefID: "gap", Expr: "ce_cache_hit_ratio", From: fx.GapStart, To: fx.GapEnd.Add(-fx.Step)},
				seriesQuery{RefID: "nan", Expr: "ce_db_pool_utilization", From: nanAt, To: nanAt},
			)
			for refID, dr := range resp.Responses {
				if dr.Error != nil {
					t.Fatalf("%s: %v", refID, dr.Error)
				}
			}

			t.Run("rates within 1e-12 of the fixture's, legend from {{code}}", func(t *testing.T) {
				frames := resp.Responses["rate"].Frames
				if len(frames) != 2 {
					t.Fatalf("%d frames, want 2", len(frames))
				}
				for i, code := range []string{"200", "500"} {
					times, values, _ := checkSeriesFrame(t, frames[i])
					if name := frames[i].Fields[1].Config.DisplayNameFromDS; name != code {
						t.Errorf("display name %q, want %q", name, code)
					}
					id := fmt.Sprintf(`ce_requests_total{code=%q,job="claude-enhancer-api",service="api"}`, code)
					for j, at := range times {
						// Same tolerance and reasoning as the client's rate test.
						if want, _ := fx.PrometheusRate(id, at, 5*time.Minute, up.LeftOpen()); !relClose(values[j], want, 1e-12) {
							t.Fatalf("%s at %v: %v, want %v", id, at, values[j], want)
						}
					}
				}
			})

			t.Run("no points deep inside the gap", func(t *testing.T) {
				frames := resp.Responses["gap"].Frames
				if len(frames) != 1 {
					t.Fatalf("%d frames, want 1", len(frames))
				}
				times, _, _ := checkSeriesFrame(t, frames[0])
				if len(times) == 0 || !times[0].Equal(fx.GapStart) {
					t.Fatalf("times %v, want the last sample repeated at the gap's start", times)
				}
				for _, at := range times {
					if at.After(fx.GapStart.Add(5 * time.Minute)) {
						t.Errorf("a point at %v, %v after the gap began", at, at.Sub(fx.GapStart))
					}
				}
			})

			t.Run("a NaN sample reads as NaN (Prometheus) or the previous sample (VictoriaMetrics)", func(t *testing.T) {
				want := math.NaN()
				if up.Name == testenv.EngineVictoriaMetrics { // drops NaN on ingestion, see TestClientNaNSamples
					want, _ = fx.ValueAt(testenv.DBPool, nanAt.Add(-fx.Step))
				}
				frames := resp.Responses["nan"].Frames
				if len(frames) != 1 {
					t.Fatalf("%d frames, want 1", len(frames))
				}
				_, values, _ := checkSeriesFrame(t, frames[0])
				if len(values) != 1 || !sameFloat(values[0], want) {
					t.Errorf("values %v, want [%v]", values, want)
				}
			})
		})
	}
}

func TestDatasourceCheckHealth(t *testing.T) {
	for _, up := range upstreams(t) {
		t.Run(up.Name, func(t *testing.T) {
			ds, pctx := newDatasource(t, up.URL)
			res, err := ds.CheckHealth(context.Background(), &backend.CheckHealthRequest{PluginContext: pctx})
			if err != nil {
				t.Fatal(err)
			}
			// Debian's Prometheus reports its version; VictoriaMetrics' build
			// info has none, nor has a Prometheus 3 built with go install:
			// the message names the API and says so.
			want := "Connected to a Prometheus-compatible API at " + up.URL + " (version not reported)"
			if up.Build != nil && up.Build.Major() == 2 {
				want = "Connected to Prometheus 2.42.0+ds at " + up.URL
			}
			if res.Status != backend.HealthStatusOk || res.Message != want {
				t.Errorf("health %v %q, want OK with %q", res.Status, res.Message, want)
			}
		})
	}
}

// callResource calls a resource path and returns the status and body.
func callResource(t *testing.T, h backend.CallResourceHandler, pctx backend.PluginContext, url string) (int, []byte) {
	t.Helper()
	path, _, _ := strings.Cut(url, "?")
	var got *backend.CallResourceResponse
	err := h.CallResource(context.Background(), &backend.CallResourceRequest{
		PluginContext: pctx, Path: path, URL: url, Method: http.MethodGet,
	}, backend.CallResourceResponseSenderFunc(func(r *backend.CallResourceResponse) error {
		got = r
		return nil
	}))
	if err != nil {
		t.Fatalf("CallResource(%s): %v", url, err)
	}
	if got == nil {
		t.Fatalf("CallResource(%s) sent nothing", url)
	}
	return got.Status, got.Body
}

func TestDatasourceResourcesListTheFixtureMetadata(t *testing.T) {
	fx := testenv.SharedFixture()
	window := fmt.Sprintf("&start=%d&end=%d", fx.Start.Unix(), fx.End.Unix())
	cases := []struct {
		name, url string
		want      []string
	}{
		{"metrics lists every metric name", "metrics", fx.MetricNames()},
		{"metrics with a matcher lists the matching ones", `metrics?match={service="api"}` + window, []string{"ce_cpu_usage", "ce_requests_total"}},
		{"labels lists every label name", "labels", fx.LabelNames()},
		{"labels with a matcher and a range", "labels?match=ce_cpu_usage" + window, []string{"__name__", "job", "service"}},
		{"label-values lists a label's values", "label-values?label=service", fx.LabelValues("service")},
		{"label-values with a matcher", "label-values?label=code&match=ce_requests_total", []string{"200", "500"}},
		{"match[] is accepted too", "label-values?label=service&match[]=ce_cpu_usage", []string{"api", "worker"}},
	}
	for _, up := range upstreams(t) {
		t.Run(up.Name, func(t *testing.T) {
			ds, pctx := newDatasource(t, up.URL)
			for _, tc := range cases {
				status, body := callResource(t, ds, pctx, tc.url)
				var got []string
				if status != http.StatusOK || json.Unmarshal(body, &got) != nil {
					t.Errorf("%s: %d %s", tc.name, status, body)
					continue
				}
				if !slices.Equal(got, tc.want) {
					t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
				}
			}
			status, body := callResource(t, ds, pctx, "label-values")
			if status != http.StatusBadRequest || !strings.Contains(string(body), "label") {
				t.Errorf("label-values without a label: %d %s, want 400 naming the parameter", status, body)
			}
		})
	}
}
