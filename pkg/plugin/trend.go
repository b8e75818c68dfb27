package plugin

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/claudeenhancer/monitoring/pkg/detect"
	"github.com/claudeenhancer/monitoring/pkg/frames"
	"github.com/claudeenhancer/monitoring/pkg/models"
	"github.com/claudeenhancer/monitoring/pkg/prom"
	"github.com/claudeenhancer/monitoring/pkg/promdur"
)

// Trend-change decision rule: a change is significant when Welch's test
// rejects equal means at 1 % AND the shift is at least half a standard
// deviation (Cohen's d ≥ 0.5, a "medium" effect), so tiny but highly
// significant shifts of long, quiet series do not page anyone.
const (
	trendAlpha     = 0.01
	trendMinEffect = 0.5
	cusumK         = 0.5 // detects shifts of about 1σ (research §6.5)
	cusumH         = 5
)

type trendResult struct {
	labels   prom.Labels
	ratio    float64
	welch    detect.WelchResult
	slope    float64 // value units per hour over the visible range
	changes  []detect.Change
	grid     gridSeries
	first    int
	fitted   []float64
	hasWelch bool
}

// trend compares the last trend window with the one before it (the seed's
// before/after ratio, kept, plus Welch's test), fits a line over the visible
// range, and runs CUSUM for level shifts.
func (d *Datasource) trend(ctx context.Context, q models.Query) backend.DataResponse {
	det := q.Detection
	warm := promdur.Ceil(max(det.Warmup(), 2*det.TrendWindow), det.Step)
	grids, warnings, err := d.fetchGrid(ctx, q.Expr, q.Start.Add(-warm), q.End, det.Step)
	if err != nil {
		return d.detectionError(err)
	}
	first := int(warm / det.Step)
	w := int(det.TrendWindow / det.Step)
	results := make([]trendResult, 0, len(grids))
	for _, g := range grids {
		results = append(results, analyseTrend(g, first, w, det))
	}
	executed := fmt.Sprintf("%s\nTrend: last %s vs the %s before, step %s", q.Expr,
		models.FormatDuration(det.TrendWindow), models.FormatDuration(det.TrendWindow), models.FormatDuration(det.Step))
	switch det.Output {
	case models.OutputScore:
		labels := make([]prom.Labels, len(results))
		effects := make([]float64, len(results))
		for i, r := range results {
			labels[i], effects[i] = r.labels, math.NaN()
			if r.hasWelch {
				effects[i] = r.welch.Effect
			}
		}
		return withNotices(frames.Scalars(labels, effects, "effect_size", "", executed), warnings)
	case models.OutputEvents:
		in := frames.EventsInput{LegendFormat: q.LegendFormat, Unit: frames.UnitOf(q.Expr), Step: det.Step, Executed: executed}
		for _, r := range results {
			in.Series = append(in.Series, r.labels)
			in.Rows = append(in.Rows, changeRows(r)...)
		}
		return withNotices(frames.Events(in), warnings)
	default:
		return withNotices(trendFrames(results, q.LegendFormat, executed, det), warnings)
	}
}

func analyseTrend(g gridSeries, first, w int, det *models.Detection) trendResult {
	r := trendResult{labels: g.Labels, grid: g, first: first, ratio: math.NaN(), slope: math.NaN()}
	n := len(g.Values)
	after := g.Values[max(n-w, 0):]
	before := g.Values[max(n-2*w, 0):max(n-w, 0)]
	if ratio, err := detect.RatioChange(before, after); err == nil {
		r.ratio = ratio
	}
	if wr, err := detect.Welch(before, after); err == nil {
		r.welch, r.hasWelch = wr, true
	}
	visible := g.Values[first:]
	ts := make([]float64, len(visible))
	for i := range ts {
		ts[i] = float64(i) * det.Step.Hours()
	}
	r.fitted = nanSlice(len(visible))
	if lin, err := detect.FitLinear(ts, visible); err == nil {
		r.slope = lin.Slope
		predict := lin.Interval(models.DefaultLevel)
		for i, t := range ts {
			r.fitted[i], _, _ = predict(t)
		}
	}
	if c, err := detect.NewCUSUM(det.Options.Window, cusumK, cusumH); err == nil {
		for i, x := range g.Values {
			if ch, ok := c.Step(x); ok && i >= first {
				r.changes = append(r.changes, ch)
			}
		}
	}
	return r
}

func (r trendResult) significant() bool {
	return r.hasWelch && r.welch.P < trendAlpha && math.Abs(r.welch.Effect) >= trendMinEffect
}

func trendFrames(results []trendResult, legend, executed string, det *models.Detection) data.Frames {
	var out data.Frames
	table := data.NewFrame("trend",
		data.NewField("series", nil, []string{}), data.NewField("before_mean", nil, []float64{}),
		data.NewField("after_mean", nil, []float64{}), data.NewField("ratio", nil, []float64{}),
		data.NewField("ratio_exceeded", nil, []bool{}), data.NewField("welch_t", nil, []float64{}),
		data.NewField("p_value", nil, []float64{}), data.NewField("effect_size", nil, []float64{}),
		data.NewField("significant", nil, []bool{}), data.NewField("slope_per_hour", nil, []float64{}),
		data.NewField("level_shifts", nil, []int64{}))
	for _, r := range results {
		times := make([]time.Time, len(r.fitted))
		for i := range times {
			times[i] = r.grid.time(r.first + i)
		}
		name := frames.Legend(legend, r.labels)
		if name == "" {
			name = data.Labels(r.labels).String()
		}
		value := data.NewField(frames.FieldValue, data.Labels(r.labels), r.grid.Values[r.first:])
		value.Config = &data.FieldConfig{DisplayNameFromDS: name}
		line := data.NewField("trend", data.Labels(r.labels), r.fitted)
		line.Config = &data.FieldConfig{DisplayNameFromDS: name + " trend"}
		out = append(out, data.NewFrame(name, data.NewField("time", nil, times), value, line).
			SetMeta(&data.FrameMeta{ExecutedQueryString: executed}))
		table.AppendRow(data.Labels(r.labels).String(), r.welch.Before, r.welch.After, r.ratio,
			r.ratio > det.RatioThreshold, r.welch.T, r.welch.P, r.welch.Effect, r.significant(), r.slope, int64(len(r.changes)))
	}
	return append(out, table.SetMeta(&data.FrameMeta{Type: data.FrameTypeTable, ExecutedQueryString: executed}))
}

func changeRows(r trendResult) []frames.EventRow {
	rows := make([]frames.EventRow, 0, len(r.changes))
	for _, c := range r.changes {
		rows = append(rows, frames.EventRow{
			Start: r.grid.time(max(c.Start, r.first)), End: r.grid.time(c.At), Labels: r.labels,
			Kind: "level shift", Method: "cusum", Direction: c.Direction.String(),
			PeakScore: math.Abs(c.Size) / c.Scale, Value: c.Baseline + c.Size, Yhat: c.Baseline,
			Lower: c.Baseline - cusumH*c.Scale, Upper: c.Baseline + cusumH*c.Scale,
		})
	}
	return rows
}
