package frames

import (
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/claudeenhancer/monitoring/pkg/detect"
	"github.com/claudeenhancer/monitoring/pkg/prom"
)

// TrendSeries is one series' trend analysis with its visible values.
type TrendSeries struct {
	Labels prom.Labels
	Times  []time.Time // the visible points
	Values []float64   // the values at Times
	Trend  detect.Trend
}

// Trend builds, per series, a frame of its values and fitted line, then one
// table with a row per series: the windows' means, the seed's ratio and
// whether it exceeds ratioThreshold, Welch's t, p and effect size, the
// decision (detect.Trend.Significant), the slope and the level shifts.
func Trend(series []TrendSeries, ratioThreshold float64, legendFormat, executed string) data.Frames {
	var out data.Frames
	table := data.NewFrame("trend",
		data.NewField("series", nil, []string{}), data.NewField("before_mean", nil, []float64{}),
		data.NewField("after_mean", nil, []float64{}), data.NewField("ratio", nil, []float64{}),
		data.NewField("ratio_exceeded", nil, []bool{}), data.NewField("welch_t", nil, []float64{}),
		data.NewField("p_value", nil, []float64{}), data.NewField("effect_size", nil, []float64{}),
		data.NewField("significant", nil, []bool{}), data.NewField("slope_per_hour", nil, []float64{}),
		data.NewField("level_shifts", nil, []int64{}))
	for _, s := range series {
		r := s.Trend
		name := Legend(legendFormat, s.Labels)
		if name == "" {
			name = data.Labels(s.Labels).String()
		}
		value := data.NewField(FieldValue, data.Labels(s.Labels), s.Values)
		value.Config = &data.FieldConfig{DisplayNameFromDS: name}
		line := data.NewField("trend", data.Labels(s.Labels), r.Fitted)
		line.Config = &data.FieldConfig{DisplayNameFromDS: name + " trend"}
		out = append(out, data.NewFrame(name, data.NewField("time", nil, s.Times), value, line).
			SetMeta(&data.FrameMeta{ExecutedQueryString: executed}))
		table.AppendRow(data.Labels(s.Labels).String(), r.Welch.Before, r.Welch.After, r.Ratio,
			r.Ratio > ratioThreshold, r.Welch.T, r.Welch.P, r.Welch.Effect, r.Significant(), r.SlopePerHour,
			int64(len(r.Changes)))
	}
	return append(out, table.SetMeta(&data.FrameMeta{Type: data.FrameTypeTable, ExecutedQueryString: executed}))
}
