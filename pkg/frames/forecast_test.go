package frames

import (
	"math"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/experimental"

	"github.com/claudeenhancer/monitoring/pkg/detect"
	"github.com/claudeenhancer/monitoring/pkg/prom"
)

func TestForecastGolden(t *testing.T) {
	// A disk filling by about 1 point per minute, with a gap, extended 3
	// minutes at 95 %; the second series shows a thinned subset.
	values := []float64{50, 51.2, 51.9, math.NaN(), 54.1, 54.8}
	theta := 60.0
	f, ok := detect.ForecastLinear(values, 60, 3, 0.95, &theta)
	if !ok {
		t.Fatal("no fit")
	}
	start := time.UnixMilli(t0).UTC()
	in := []ForecastSeries{
		{Labels: prom.Labels{"__name__": "disk_used_percent", "mount": "/data"}, Start: start, Step: time.Minute,
			Forecast: f, Shown: []int{0, 1, 2, 3, 4, 5, 6, 7, 8}},
		{Labels: prom.Labels{"__name__": "disk_used_percent", "mount": "/logs"}, Start: start, Step: time.Minute,
			Forecast: f, Shown: []int{1, 4, 8}},
	}
	dr := backend.DataResponse{Frames: Forecast(in, "{{mount}}", "disk_used_percent\nForecast: linear over 6m, horizon 3m, level 0.95", time.Minute)}
	experimental.CheckGoldenJSONResponse(t, "testdata", "forecast-linear-with-gap", &dr, *update)
}
