package query

import (
	"context"
	"fmt"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/claudeenhancer/monitoring/pkg/detect"
	"github.com/claudeenhancer/monitoring/pkg/frames"
	"github.com/claudeenhancer/monitoring/pkg/models"
	"github.com/claudeenhancer/monitoring/pkg/prom"
	"github.com/claudeenhancer/monitoring/pkg/promdur"
)

// Forecast fits the training history (the visible range unless set) with
// a line or Holt-Winters and extends it, with its prediction interval, over
// the horizon. With a threshold it also answers when the forecast reaches
// it ("disk full in 3h10m"): the score output is that time in seconds.
func (e *Engine) Forecast(ctx context.Context, q models.Query) (data.Frames, error) {
	det := q.Detection
	start := q.Start
	if det.Training > 0 {
		start = q.End.Add(-promdur.Ceil(det.Training, det.Step))
	}
	grids, warnings, err := e.fetchGrid(ctx, q.Expr, start, q.End, det.Step)
	if err != nil {
		return nil, err
	}
	executed := fmt.Sprintf("%s\nForecast: %s over %s, horizon %s, level %g", q.Expr, det.ForecastMethod,
		models.FormatDuration(q.End.Sub(start)), models.FormatDuration(det.Horizon), det.Level)
	horizon := int(det.Horizon / det.Step)
	var series []frames.ForecastSeries
	for _, g := range grids {
		f, ok, err := forecastOne(g, horizon, det)
		if err != nil {
			return nil, err
		}
		if ok {
			series = append(series, frames.ForecastSeries{Labels: g.Labels, Start: g.Start, Step: g.Step, Forecast: f})
		}
	}
	if det.Output == models.OutputScore {
		labels := make([]prom.Labels, len(series))
		eta := make([]float64, len(series))
		for i, s := range series {
			labels[i], eta[i] = s.Labels, s.Forecast.ETA
		}
		return frames.WithNotices(frames.Scalars(labels, eta, "time_to_threshold", "s", executed), warnings), nil
	}
	for i := range series {
		series[i].Shown = thin(series[i].Forecast.Score, q.MaxPoints)
	}
	return frames.WithNotices(frames.Forecast(series, q.LegendFormat, executed, det.Step), warnings), nil
}

// forecastOne forecasts one series; ok is false for a series the line
// cannot fit (too few points), left out as Prometheus' predict_linear does.
func forecastOne(g gridSeries, horizon int, det *models.Detection) (detect.Forecast, bool, error) {
	step := det.Step.Seconds()
	if det.ForecastMethod != "holtwinters" {
		f, ok := detect.ForecastLinear(g.Values, step, horizon, det.Level, det.Threshold)
		return f, ok, nil
	}
	hw, err := detect.NewHoltWinters(det.Options)
	if err != nil {
		return detect.Forecast{}, false, fmt.Errorf("%w: %w", models.ErrInvalidDetection, err)
	}
	if n := len(g.Values); 2*det.Options.Season > n {
		return detect.Forecast{}, false, fmt.Errorf("%w: %w: Holt-Winters needs two seasons (%s) of training history, the range has %s",
			models.ErrInvalidDetection, detect.ErrSeason, models.FormatDuration(2*det.Season),
			models.FormatDuration(time.Duration(n)*det.Step))
	}
	return detect.ForecastHoltWinters(hw, g.Values, step, horizon, det.Level, det.Threshold), true, nil
}
