package frames

import (
	"flag"
	"math"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/grafana/grafana-plugin-sdk-go/experimental"

	"github.com/claudeenhancer/monitoring/pkg/prom"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

const t0 = int64(1795651200000) // 2026-11-26T00:00:00Z

func TestSeriesGolden(t *testing.T) {
	tests := []struct {
		name string
		in   SeriesInput
	}{
		{
			name: "two-series-with-legend",
			in: SeriesInput{
				Matrix: prom.Matrix{Series: []prom.Series{
					{Labels: prom.Labels{"__name__": "up", "job": "claude-enhancer-auth", "service": "auth"},
						Times: []int64{t0, t0 + 15000, t0 + 30000}, Values: []float64{1, 0, 1}},
					{Labels: prom.Labels{"__name__": "up", "job": "claude-enhancer-api", "service": "api"},
						Times: []int64{t0, t0 + 30000}, Values: []float64{1, math.NaN()}},
				}},
				LegendFormat: "{{service}} ({{job}})",
				Executed:     "up\nStep: 15s",
				Step:         15 * time.Second,
			},
		},
		{
			name: "empty-result-with-warning",
			in: SeriesInput{
				Matrix:   prom.Matrix{Warnings: []string{"PromQL info: metric might not be a counter"}},
				Executed: "rate(nothing[5m])\nStep: 1m",
				Step:     time.Minute,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dr := backend.DataResponse{Frames: Series(tt.in)}
			experimental.CheckGoldenJSONResponse(t, "testdata", tt.name, &dr, *update)
		})
	}
}

func TestSeriesFollowsTheDataplaneContract(t *testing.T) {
	frames := Series(SeriesInput{Matrix: prom.Matrix{Series: []prom.Series{
		{Labels: prom.Labels{"b": "2"}, Times: []int64{t0}, Values: []float64{2}},
		{Labels: prom.Labels{"a": "1"}, Times: []int64{t0}, Values: []float64{1}},
	}}, Step: time.Second})
	if len(frames) != 2 {
		t.Fatalf("%d frames, want one per series", len(frames))
	}
	for _, f := range frames {
		kind := f.TimeSeriesSchema()
		if kind.Type != data.TimeSeriesTypeWide {
			t.Errorf("frame is not a wide time series: %v", kind.Type)
		}
		if f.Meta.Type != data.FrameTypeTimeSeriesMulti || f.Meta.TypeVersion != (data.FrameTypeVersion{0, 1}) {
			t.Errorf("meta = %s %v", f.Meta.Type, f.Meta.TypeVersion)
		}
		if len(f.Fields) != 2 || f.Fields[1].Type() != data.FieldTypeFloat64 {
			t.Errorf("fields = %v", f.Fields)
		}
	}
	if frames[0].Fields[1].Labels["a"] != "1" {
		t.Errorf("frames are not sorted by labels: first has %v", frames[0].Fields[1].Labels)
	}
}

func TestLegend(t *testing.T) {
	labels := prom.Labels{"service": "auth", "code": "500"}
	tests := []struct{ format, want string }{
		{"{{service}}", "auth"},
		{"{{ service }} / {{code}}", "auth / 500"},
		{"{{missing}}x", "x"},
		{"static", "static"},
		{"{{unclosed", "{{unclosed"},
		{"", ""},
		{"__auto", ""},
	}
	for _, tt := range tests {
		if got := Legend(tt.format, labels); got != tt.want {
			t.Errorf("Legend(%q) = %q, want %q", tt.format, got, tt.want)
		}
	}
}
