package frames

import (
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/claudeenhancer/monitoring/pkg/detect"
	"github.com/claudeenhancer/monitoring/pkg/prom"
)

// ForecastSeries is one series' forecast on the grid Start + i·Step, and
// the indices of the points to show (all of them, or a thinned subset).
type ForecastSeries struct {
	Labels   prom.Labels
	Start    time.Time
	Step     time.Duration
	Forecast detect.Forecast
	Shown    []int
}

// Forecast builds the bands frames (Bands, at the detector's step) of the
// shown points: value
// (NaN past the history), ŷ and the prediction interval, the score, and
// the flag score > 1.
func Forecast(series []ForecastSeries, legendFormat, executed string, step time.Duration) data.Frames {
	bands := make([]BandSeries, len(series))
	for i, s := range series {
		f := s.Forecast
		b := BandSeries{Labels: s.Labels, Times: make([]time.Time, len(s.Shown)), Points: make([]detect.Point, len(s.Shown))}
		for j, k := range s.Shown {
			b.Times[j] = s.Start.Add(time.Duration(k) * s.Step)
			b.Points[j] = detect.Point{Value: f.Value[k], Yhat: f.Yhat[k], Lower: f.Lower[k], Upper: f.Upper[k],
				Score: f.Score[k], Anomaly: f.Score[k] > 1}
		}
		bands[i] = b
	}
	return Bands(bands, legendFormat, executed, step)
}
