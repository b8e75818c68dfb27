package query

import (
	"context"
	"fmt"
	"math"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/claudeenhancer/monitoring/pkg/detect"
	"github.com/claudeenhancer/monitoring/pkg/frames"
	"github.com/claudeenhancer/monitoring/pkg/models"
	"github.com/claudeenhancer/monitoring/pkg/prom"
	"github.com/claudeenhancer/monitoring/pkg/promdur"
)

// Trend compares the last trend window with the one before it (the seed's
// before/after ratio, kept, plus Welch's test), fits a line over the
// visible range and runs CUSUM for level shifts (detect.AnalyseTrend). It
// fetches two trend windows, or the detector's warm-up, before the visible
// range, so the comparison and CUSUM's reference exist from its start.
func (e *Engine) Trend(ctx context.Context, q models.Query) (data.Frames, error) {
	det := q.Detection
	warm := promdur.Ceil(max(det.Warmup(), 2*det.TrendWindow), det.Step)
	grids, warnings, err := e.fetchGrid(ctx, q.Expr, q.Start.Add(-warm), q.End, det.Step)
	if err != nil {
		return nil, err
	}
	first := int(warm / det.Step)
	w := int(det.TrendWindow / det.Step)
	results := make([]frames.TrendSeries, 0, len(grids))
	for _, g := range grids {
		results = append(results, frames.TrendSeries{
			Labels: g.Labels, Times: g.times(first, len(g.Values)), Values: g.Values[first:],
			Trend: detect.AnalyseTrend(g.Values, first, w, det.Step.Hours(), det.Options.Window),
		})
	}
	executed := fmt.Sprintf("%s\nTrend: last %s vs the %s before, step %s", q.Expr,
		models.FormatDuration(det.TrendWindow), models.FormatDuration(det.TrendWindow), models.FormatDuration(det.Step))
	var fs data.Frames
	switch det.Output {
	case models.OutputScore:
		labels := make([]prom.Labels, len(results))
		effects := make([]float64, len(results))
		for i, r := range results {
			labels[i], effects[i] = r.Labels, math.NaN()
			if r.Trend.HasWelch {
				effects[i] = r.Trend.Welch.Effect
			}
		}
		fs = frames.Scalars(labels, effects, "effect_size", "", executed)
	case models.OutputEvents:
		in := frames.EventsInput{LegendFormat: q.LegendFormat, Unit: frames.UnitOf(q.Expr), Step: det.Step, Executed: executed}
		for i, r := range results {
			in.Series = append(in.Series, r.Labels)
			in.Rows = append(in.Rows, changeRows(grids[i], first, r)...)
		}
		fs = frames.Events(in)
	default:
		fs = frames.Trend(results, det.RatioThreshold, q.LegendFormat, executed)
	}
	return frames.WithNotices(fs, warnings), nil
}

// changeRows turns the level shifts of one series into events.
func changeRows(g gridSeries, first int, r frames.TrendSeries) []frames.EventRow {
	rows := make([]frames.EventRow, 0, len(r.Trend.Changes))
	for _, c := range r.Trend.Changes {
		rows = append(rows, frames.EventRow{
			Start: g.time(max(c.Start, first)), End: g.time(c.At), Labels: r.Labels,
			Kind: "level shift", Method: "cusum", Direction: c.Direction.String(),
			PeakScore: math.Abs(c.Size) / c.Scale, Value: c.Baseline + c.Size, Yhat: c.Baseline,
			Lower: c.Baseline - detect.CUSUMH*c.Scale, Upper: c.Baseline + detect.CUSUMH*c.Scale,
		})
	}
	return rows
}
