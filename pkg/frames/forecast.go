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
// shown points: value (null past the history), ŷ and the prediction
// interval, the score, and the flag score > 1.
func Forecast(series []ForecastSeries, legendFormat, executed string, step time.Duration) data.Frames {
	bands := make([]BandSeries, len(series))
	for i, s := range series {
		f := s.Forecast
		n := len(f.Value)
		all := BandSeries{Labels: s.Labels, Times: make([]time.Time, n), Values: f.Value,
			Bands: detect.Bands{Yhat: f.Yhat, Lower: f.Lower, Upper: f.Upper, Score: f.Score, Anomaly: make([]bool, n)}}
		for k := range n {
			all.Times[k] = s.Start.Add(time.Duration(k) * s.Step)
			all.Anomaly[k] = f.Score[k] > 1
		}
		bands[i] = all.Pick(s.Shown)
	}
	return Bands(bands, legendFormat, executed, step)
}
