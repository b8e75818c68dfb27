package frames

import (
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/claudeenhancer/monitoring/pkg/detect"
	"github.com/claudeenhancer/monitoring/pkg/prom"
)

// Field names of the detection contract, shared with the panels.
const (
	FieldValue   = "value"
	FieldYhat    = "yhat"
	FieldLower   = "yhat_lower"
	FieldUpper   = "yhat_upper"
	FieldScore   = "anomaly_score"
	FieldAnomaly = "anomaly"
)

// BandSeries is one series' detection result over the visible range.
type BandSeries struct {
	Labels prom.Labels
	Times  []time.Time
	Points []detect.Point
}

// Bands builds one frame per series with the contract's fields, each
// carrying the series' labels. In a stock time series panel the band is
// shaded (upper filled down to lower) and score and flag are hidden from the
// plot but kept in tooltips; the anomaly-overlay panel reads the fields by name.
func Bands(series []BandSeries, legendFormat, executed string, step time.Duration) data.Frames {
	meta := &data.FrameMeta{ExecutedQueryString: executed, PreferredVisualization: data.VisTypeGraph}
	out := make(data.Frames, 0, len(series))
	for _, s := range series {
		n := len(s.Points)
		cols := map[string][]float64{}
		for _, name := range []string{FieldValue, FieldYhat, FieldLower, FieldUpper, FieldScore, FieldAnomaly} {
			cols[name] = make([]float64, n)
		}
		for i, p := range s.Points {
			cols[FieldValue][i], cols[FieldYhat][i] = p.Value, p.Yhat
			cols[FieldLower][i], cols[FieldUpper][i] = p.Lower, p.Upper
			cols[FieldScore][i] = p.Score
			if p.Anomaly {
				cols[FieldAnomaly][i] = 1
			}
		}
		name := Legend(legendFormat, s.Labels)
		if name == "" {
			name = data.Labels(s.Labels).String()
		}
		f := data.NewFrame(name, data.NewField(data.TimeSeriesTimeFieldName, nil, s.Times))
		for _, fieldName := range []string{FieldValue, FieldYhat, FieldLower, FieldUpper, FieldScore, FieldAnomaly} {
			field := data.NewField(fieldName, data.Labels(s.Labels), cols[fieldName])
			field.Config = bandFieldConfig(fieldName, name, step)
			f.Fields = append(f.Fields, field)
		}
		out = append(out, f.SetMeta(meta))
	}
	return out
}

func bandFieldConfig(field, series string, step time.Duration) *data.FieldConfig {
	display := series
	if field != FieldValue {
		display = series + " " + field
	}
	cfg := &data.FieldConfig{DisplayNameFromDS: display, Interval: float64(step.Milliseconds())}
	switch field {
	case FieldUpper:
		cfg.Custom = map[string]any{"fillBelowTo": series + " " + FieldLower, "fillOpacity": 15, "lineWidth": 0}
	case FieldLower:
		cfg.Custom = map[string]any{"lineWidth": 0}
	case FieldYhat:
		cfg.Custom = map[string]any{"lineStyle": map[string]any{"fill": "dash", "dash": []int{6, 4}}}
	case FieldScore, FieldAnomaly:
		cfg.Custom = map[string]any{"hideFrom": map[string]bool{"viz": true, "legend": true, "tooltip": false}}
	}
	return cfg
}

// NumberSeries is one labelled series of a single number over time.
type NumberSeries struct {
	Labels prom.Labels
	Times  []time.Time
	Values []float64
}

// Numbers builds the alert-friendly output: dataplane timeseries-multi, one
// frame per series with one numeric field named name, so a rule is
// query → reduce(last) → threshold. No series is one typed empty frame.
func Numbers(series []NumberSeries, name, unit, executed string) data.Frames {
	meta := &data.FrameMeta{Type: timeSeriesMulti, TypeVersion: version01, ExecutedQueryString: executed}
	if len(series) == 0 {
		return data.Frames{data.NewFrame("").SetMeta(meta)}
	}
	out := make(data.Frames, 0, len(series))
	for _, s := range series {
		v := data.NewField(name, data.Labels(s.Labels), s.Values)
		v.Config = &data.FieldConfig{Unit: unit}
		out = append(out, data.NewFrame("", data.NewField(data.TimeSeriesTimeFieldName, nil, s.Times), v).SetMeta(meta))
	}
	return out
}

// Scalars builds dataplane numeric-multi frames: one number per series (for
// values with no meaningful time, such as a forecast's time to threshold).
func Scalars(labels []prom.Labels, values []float64, name, unit, executed string) data.Frames {
	meta := &data.FrameMeta{Type: data.FrameTypeNumericMulti, TypeVersion: version01, ExecutedQueryString: executed}
	if len(labels) == 0 {
		return data.Frames{data.NewFrame("").SetMeta(meta)}
	}
	out := make(data.Frames, len(labels))
	for i := range labels {
		v := data.NewField(name, data.Labels(labels[i]), []float64{values[i]})
		v.Config = &data.FieldConfig{Unit: unit}
		out[i] = data.NewFrame("", v).SetMeta(meta)
	}
	return out
}
