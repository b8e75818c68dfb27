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

// trendSeries analyses values on a 1-minute grid whose visible part
// starts at index first, as the trend engine does.
func trendSeries(labels prom.Labels, values []float64, first, window int) TrendSeries {
	times := make([]time.Time, len(values)-first)
	for i := range times {
		times[i] = time.UnixMilli(t0).UTC().Add(time.Duration(first+i) * time.Minute)
	}
	return TrendSeries{Labels: labels, Times: times, Values: values[first:],
		Trend: detect.AnalyseTrend(values, first, window, 1.0/60, 4)}
}

func TestTrendGolden(t *testing.T) {
	// A level shift of +10 half-way, with a little alternating noise, and a
	// series with no data in its earlier window (no Welch test: NaN row).
	shifted := make([]float64, 16)
	for i := range shifted {
		shifted[i] = 100 + float64(i%2)
		if i >= 8 {
			shifted[i] += 10
		}
	}
	sparse := []float64{math.NaN(), math.NaN(), math.NaN(), math.NaN(), math.NaN(), math.NaN(), math.NaN(), math.NaN(),
		5, 5.5, 5, 5.5, 5, 5.5, 5, 5.5}
	in := []TrendSeries{
		trendSeries(prom.Labels{"__name__": "queue_depth", "service": "api"}, shifted, 4, 8),
		trendSeries(prom.Labels{"__name__": "queue_depth", "service": "auth"}, sparse, 4, 8),
	}
	dr := backend.DataResponse{Frames: Trend(in, 0.05, "{{service}}", "queue_depth\nTrend: last 8m vs the 8m before, step 1m")}
	experimental.CheckGoldenJSONResponse(t, "testdata", "trend-level-shift", &dr, *update)
}
