// Package frames turns domain results into Grafana data frames following the
// dataplane contract, so panels and Alerting read them without guessing.
package frames

import (
	"sort"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/claudeenhancer/monitoring/pkg/prom"
)

// timeSeriesMulti is the dataplane type Alerting reads: one frame per
// series, a time field and one numeric field carrying the labels.
var (
	timeSeriesMulti = data.FrameTypeTimeSeriesMulti
	version01       = data.FrameTypeVersion{0, 1}
)

// SeriesInput is what a range query produced plus how to present it.
type SeriesInput struct {
	Matrix       prom.Matrix
	LegendFormat string
	Executed     string        // the expression as sent, shown in the query inspector
	Step         time.Duration // evaluation step; lets panels break lines at gaps
}

// Series builds one timeseries-multi frame per series, sorted by labels so
// output order is stable. An empty result is a single typed frame with no
// fields, which dataplane readers (Alerting among them) take as "no data".
func Series(in SeriesInput) data.Frames {
	meta := &data.FrameMeta{
		Type:                timeSeriesMulti,
		TypeVersion:         version01,
		ExecutedQueryString: in.Executed,
		Notices:             notices(in.Matrix.Warnings),
	}
	if len(in.Matrix.Series) == 0 {
		return data.Frames{data.NewFrame("").SetMeta(meta)}
	}
	series := sortedByLabels(in.Matrix.Series)
	out := make(data.Frames, 0, len(series))
	for _, s := range series {
		times := make([]time.Time, len(s.Times))
		for i, ms := range s.Times {
			times[i] = time.UnixMilli(ms).UTC()
		}
		value := data.NewField(data.TimeSeriesValueFieldName, data.Labels(s.Labels), s.Values)
		value.Config = &data.FieldConfig{Interval: float64(in.Step.Milliseconds())}
		if name := Legend(in.LegendFormat, s.Labels); name != "" {
			value.Config.DisplayNameFromDS = name
		}
		f := data.NewFrame("", data.NewField(data.TimeSeriesTimeFieldName, nil, times), value)
		out = append(out, f.SetMeta(meta))
	}
	return out
}

func notices(warnings []string) []data.Notice {
	if len(warnings) == 0 {
		return nil
	}
	n := make([]data.Notice, len(warnings))
	for i, w := range warnings {
		n[i] = data.Notice{Severity: data.NoticeSeverityWarning, Text: w}
	}
	return n
}

func sortedByLabels(in []prom.Series) []prom.Series {
	keys := make([]string, len(in))
	idx := make([]int, len(in))
	for i, s := range in {
		keys[i] = data.Labels(s.Labels).String()
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return keys[idx[a]] < keys[idx[b]] })
	out := make([]prom.Series, len(in))
	for i, j := range idx {
		out[i] = in[j]
	}
	return out
}

// Legend renders a legend template such as "{{service}} {{code}}". Unknown
// labels render empty, as in Grafana's Prometheus datasource. An empty
// template yields "", leaving the display name to Grafana's label-based default.
func Legend(format string, labels prom.Labels) string {
	if strings.TrimSpace(format) == "" || format == "__auto" {
		return ""
	}
	var b strings.Builder
	for rest := format; ; {
		open := strings.Index(rest, "{{")
		if open < 0 {
			b.WriteString(rest)
			break
		}
		end := strings.Index(rest[open:], "}}")
		if end < 0 {
			b.WriteString(rest)
			break
		}
		b.WriteString(rest[:open])
		b.WriteString(labels[strings.TrimSpace(rest[open+2:open+end])])
		rest = rest[open+end+2:]
	}
	return b.String()
}
