package frames

import (
	"fmt"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/claudeenhancer/monitoring/pkg/prom"
)

// EventRow is one anomaly or change event with its explanation.
type EventRow struct {
	Start, End time.Time
	Labels     prom.Labels
	Kind       string // "anomaly" or "level shift"
	Method     string
	Direction  string // up | down
	PeakScore  float64
	Value      float64 // at the peak
	Yhat       float64 // baseline at the peak
	Lower      float64
	Upper      float64
	References []float64 // seasonal same-phase values behind the baseline
}

// Events builds one table frame whose time, timeEnd, title, text and tags
// columns Grafana reads as annotations; the other columns explain each event.
func Events(rows []EventRow, executed string) data.Frames {
	n := len(rows)
	start, end := make([]time.Time, n), make([]time.Time, n)
	title, text, tags, series := make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	num := map[string][]float64{"peak_score": make([]float64, n), "value": make([]float64, n),
		"yhat": make([]float64, n), "yhat_lower": make([]float64, n), "yhat_upper": make([]float64, n)}
	for i, r := range rows {
		start[i], end[i] = r.Start, r.End
		series[i] = data.Labels(r.Labels).String()
		title[i] = fmt.Sprintf("%s %s on %s", capitalise(r.Kind), r.Direction, series[i])
		text[i] = explain(r)
		tags[i] = strings.Join([]string{r.Kind, r.Method, r.Direction}, ",")
		num["peak_score"][i], num["value"][i], num["yhat"][i] = r.PeakScore, r.Value, r.Yhat
		num["yhat_lower"][i], num["yhat_upper"][i] = r.Lower, r.Upper
	}
	f := data.NewFrame("events",
		data.NewField("time", nil, start), data.NewField("timeEnd", nil, end),
		data.NewField("title", nil, title), data.NewField("text", nil, text),
		data.NewField("tags", nil, tags), data.NewField("series", nil, series))
	for _, name := range []string{"peak_score", "value", "yhat", "yhat_lower", "yhat_upper"} {
		f.Fields = append(f.Fields, data.NewField(name, nil, num[name]))
	}
	return data.Frames{f.SetMeta(&data.FrameMeta{Type: data.FrameTypeTable, ExecutedQueryString: executed})}
}

func explain(r EventRow) string {
	s := fmt.Sprintf("%s: value %.4g against baseline %.4g (band %.4g – %.4g), peak score %.2f, %s to %s.",
		r.Method, r.Value, r.Yhat, r.Lower, r.Upper, r.PeakScore,
		r.Start.UTC().Format(time.RFC3339), r.End.UTC().Format(time.RFC3339))
	if len(r.References) > 0 {
		refs := make([]string, len(r.References))
		for i, v := range r.References {
			refs[i] = fmt.Sprintf("%.4g", v)
		}
		s += " Same time in earlier seasons: " + strings.Join(refs, ", ") + "."
	}
	return s
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
