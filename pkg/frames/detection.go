package frames

import (
	"math"
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
	// FieldPoints is the value where the point is flagged and null
	// elsewhere, drawn as points, so a stock time series panel marks the
	// anomalies without overrides.
	FieldPoints = "anomaly_points"
)

// Display-name suffixes of the derived fields: "api-gateway · baseline".
// The band edges need two names: Grafana's time series panel maps display
// names to series indices to resolve fillBelowTo, so two edges of one name
// would be one series filled to itself.
const (
	baselineSuffix = " · baseline"
	bandSuffix     = " · band"
	upperSuffix    = " · band (upper)"
	flaggedSuffix  = " · anomalies"
)

// anomalyColour is the fixed colour of flagged points (Grafana's "red"
// named colour).
const anomalyColour = "red"

// BandSeries is one series' detection result over the visible range in
// column form: entry i of Values and of every column of Bands belongs to
// Times[i]. NaN values (gaps) and NaN band entries (warm-up) become nulls.
type BandSeries struct {
	Labels prom.Labels
	Times  []time.Time
	Values []float64
	detect.Bands
}

// Pick returns the rows idx of s, in that order (for thinning).
func (s BandSeries) Pick(idx []int) BandSeries {
	out := BandSeries{Labels: s.Labels, Times: make([]time.Time, len(idx)), Values: make([]float64, len(idx)), Bands: detect.MakeBands(len(idx))}
	for j, k := range idx {
		out.Times[j], out.Values[j] = s.Times[k], s.Values[k]
		out.Yhat[j], out.Lower[j], out.Upper[j] = s.Yhat[k], s.Lower[k], s.Upper[k]
		out.Score[j], out.Anomaly[j] = s.Score[k], s.Anomaly[k]
	}
	return out
}

// Bands builds one frame per series with the contract's fields, each
// carrying the series' labels; gaps and warm-up are nulls (a NaN makes
// Grafana's time series panel draw nothing). Display names follow the
// legend format: "api-gateway" for the value, "api-gateway · baseline",
// "api-gateway · band" for both band edges. In a stock time series panel the
// band is shaded (the upper edge filled down to the lower one, matched by
// display name) and left out of the legend, flagged points are red dots,
// and score and flag stay in tooltips only; the anomaly-overlay panel reads
// the fields by name.
func Bands(series []BandSeries, legendFormat, executed string, step time.Duration) data.Frames {
	meta := &data.FrameMeta{ExecutedQueryString: executed, PreferredVisualization: data.VisTypeGraph}
	out := make(data.Frames, 0, len(series))
	for _, s := range series {
		name := Legend(legendFormat, s.Labels)
		if name == "" {
			name = data.Labels(s.Labels).String()
		}
		n := len(s.Times)
		flag := make([]float64, n)
		flagged := make([]*float64, n)
		for i := range n {
			if s.Anomaly[i] {
				flag[i] = 1
				flagged[i] = nullable(s.Values[i])
			}
		}
		f := data.NewFrame(name, data.NewField(data.TimeSeriesTimeFieldName, nil, s.Times))
		add := func(field string, values any) {
			fld := data.NewField(field, data.Labels(s.Labels), values)
			fld.Config = bandFieldConfig(field, name, step)
			f.Fields = append(f.Fields, fld)
		}
		add(FieldValue, nullables(s.Values[:n]))
		add(FieldYhat, nullables(s.Yhat[:n]))
		add(FieldLower, nullables(s.Lower[:n]))
		add(FieldUpper, nullables(s.Upper[:n]))
		add(FieldScore, nullables(s.Score[:n]))
		add(FieldAnomaly, flag)
		add(FieldPoints, flagged)
		out = append(out, f.SetMeta(meta))
	}
	return out
}

// nullables is xs with NaN as null (±Inf is kept: a real, infinite score).
func nullables(xs []float64) []*float64 {
	out := make([]*float64, len(xs))
	store := make([]float64, len(xs)) // one allocation for every value
	for i, x := range xs {
		if !math.IsNaN(x) {
			store[i] = x
			out[i] = &store[i]
		}
	}
	return out
}

func nullable(x float64) *float64 {
	if math.IsNaN(x) {
		return nil
	}
	return &x
}

// hidden is Grafana's hideFrom option: out of the legend (and, with viz,
// out of the plot) but in tooltips.
func hidden(viz bool) map[string]bool {
	return map[string]bool{"viz": viz, "legend": true, "tooltip": false}
}

func bandFieldConfig(field, series string, step time.Duration) *data.FieldConfig {
	cfg := &data.FieldConfig{DisplayNameFromDS: series, Interval: float64(step.Milliseconds())}
	switch field {
	case FieldYhat:
		cfg.DisplayNameFromDS = series + baselineSuffix
		cfg.Custom = map[string]any{"lineStyle": map[string]any{"fill": "dash", "dash": []int{6, 4}}}
	case FieldLower:
		cfg.DisplayNameFromDS = series + bandSuffix
		cfg.Custom = map[string]any{"lineWidth": 0, "hideFrom": hidden(false)}
	case FieldUpper:
		// fillBelowTo names the lower edge by its display name, which is
		// how Grafana's time series panel resolves it.
		cfg.DisplayNameFromDS = series + upperSuffix
		cfg.Custom = map[string]any{"fillBelowTo": series + bandSuffix, "fillOpacity": 15, "lineWidth": 0, "hideFrom": hidden(false)}
	case FieldScore, FieldAnomaly:
		cfg.DisplayNameFromDS = series + " · " + field
		cfg.Custom = map[string]any{"hideFrom": hidden(true)}
	case FieldPoints:
		cfg.DisplayNameFromDS = series + flaggedSuffix
		cfg.Color = map[string]any{"mode": "fixed", "fixedColor": anomalyColour}
		cfg.Custom = map[string]any{
			"drawStyle": "points", "showPoints": "always", "pointSize": 7, "spanNulls": false,
			"hideFrom": hidden(false),
		}
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
