package plugin

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/claudeenhancer/monitoring/pkg/detect"
	"github.com/claudeenhancer/monitoring/pkg/frames"
	"github.com/claudeenhancer/monitoring/pkg/models"
	"github.com/claudeenhancer/monitoring/pkg/prom"
	"github.com/claudeenhancer/monitoring/pkg/promdur"
)

// forecast fits a line to the training history (the visible range unless
// set) and extends it, with its prediction interval, over the horizon. With
// a threshold it also answers when the line reaches it ("disk full in 3h10m").
func (d *Datasource) forecast(ctx context.Context, q models.Query) backend.DataResponse {
	det := q.Detection
	start := q.Start
	if det.Training > 0 {
		start = q.End.Add(-promdur.Ceil(det.Training, det.Step))
	}
	grids, warnings, err := d.fetchGrid(ctx, q.Expr, start, q.End, det.Step)
	if err != nil {
		return d.detectionError(err)
	}
	executed := fmt.Sprintf("%s\nForecast: %s over %s, horizon %s, level %g", q.Expr, det.ForecastMethod,
		models.FormatDuration(q.End.Sub(start)), models.FormatDuration(det.Horizon), det.Level)
	horizon := int(det.Horizon / det.Step)
	var bands []frames.BandSeries
	var labels []prom.Labels
	var eta []float64
	for _, g := range grids {
		if det.ForecastMethod == "holtwinters" {
			b, t, err := holtWintersForecast(g, horizon, det)
			if err != nil {
				return d.detectionError(err)
			}
			labels, eta, bands = append(labels, g.Labels), append(eta, t), append(bands, b)
			continue
		}
		ts := make([]float64, len(g.Values))
		for i := range ts {
			ts[i] = float64(i) * det.Step.Seconds()
		}
		lin, err := detect.FitLinear(ts, g.Values)
		if err != nil {
			continue // too few points to fit: the series is left out, as Prometheus' predict_linear does
		}
		labels = append(labels, g.Labels)
		eta = append(eta, timeToThreshold(lin, det, g.Values, ts[len(ts)-1]))
		bands = append(bands, forecastBand(g, lin, ts, horizon, det))
	}
	if det.Output == models.OutputScore {
		return withNotices(frames.Scalars(labels, eta, "time_to_threshold", "s", executed), warnings)
	}
	for i := range bands {
		bands[i] = thinBands(bands[i], q.MaxPoints)
	}
	return withNotices(frames.Bands(bands, q.LegendFormat, executed, det.Step), warnings)
}

// timeToThreshold is seconds from the last sample until the fitted line
// reaches the threshold: 0 when already there, +Inf when it never does (or
// no threshold is set). values are the training samples (NaN for gaps).
func timeToThreshold(lin detect.Linear, det *models.Detection, values []float64, last float64) float64 {
	if det.Threshold == nil {
		return math.Inf(1)
	}
	theta := *det.Threshold
	if c, ok := lin.TimeToThreshold(theta, last, det.Level); ok {
		return c.At - last
	}
	// Not ahead: the line is flat or moves away from θ. It is already there
	// when the series reached θ within the training range; otherwise it
	// moves away from a threshold it never reached (a disk at 80 % emptying,
	// against 90 %) and never will. Every line that moves away crossed θ at
	// some time in the past, so the training range decides, not the
	// direction; and its samples decide, not the fitted line, which
	// overshoots a step: the line through a disk cleaned from 91 % to 56 %
	// within the range starts above 100 %, a level no sample came near.
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range values {
		if !math.IsNaN(v) {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	if lo <= theta && theta <= hi {
		return 0
	}
	return math.Inf(1)
}

func forecastBand(g gridSeries, lin detect.Linear, ts []float64, horizon int, det *models.Detection) frames.BandSeries {
	n := len(ts) + horizon
	b := frames.BandSeries{Labels: g.Labels, Times: make([]time.Time, n), Values: make([]float64, n), Bands: detect.MakeBands(n)}
	predict := lin.Interval(det.Level)
	for i := range n {
		t := float64(i) * det.Step.Seconds()
		yhat, lo, hi := predict(t)
		b.Times[i], b.Values[i], b.Score[i] = g.time(i), math.NaN(), math.NaN()
		b.Yhat[i], b.Lower[i], b.Upper[i] = yhat, lo, hi
		if i < len(ts) {
			b.Values[i] = g.Values[i]
			if h := (hi - lo) / 2; h > 0 && !math.IsNaN(b.Values[i]) {
				b.Score[i] = math.Abs(b.Values[i]-yhat) / h
				b.Anomaly[i] = b.Score[i] > 1
			}
		}
	}
	return b
}
