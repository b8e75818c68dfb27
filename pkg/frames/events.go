package frames

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/claudeenhancer/monitoring/pkg/prom"
)

// EventRow is one anomaly or change event with its explanation.
type EventRow struct {
	Start, End time.Time // first and last point of the run
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

// EventsInput is what an events frame is built from.
type EventsInput struct {
	Rows []EventRow
	// Series are the label sets of every series in the answer (with or
	// without events): a title names a series by the labels that tell it
	// from the others.
	Series       []prom.Labels
	LegendFormat string
	Unit         string        // of the values, "" when unknown (see UnitOf)
	Step         time.Duration // one point's span: a run of n points lasts n steps
	Executed     string
	Notices      []string // said once on the frame (e.g. a warm-up)
}

// Events builds one table frame whose time, timeEnd, title, text and tags
// columns Grafana reads as annotations; the other columns explain each event.
// Titles name the series as the legend does ("api-gateway: anomaly above
// the band"); texts say what, when and for how long in words.
func Events(in EventsInput) data.Frames {
	rows := in.Rows
	n := len(rows)
	names := SeriesNames(in.Series, in.LegendFormat)
	start, end := make([]time.Time, n), make([]time.Time, n)
	title, text, tags, series := make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	num := map[string][]float64{"peak_score": make([]float64, n), "value": make([]float64, n),
		"yhat": make([]float64, n), "yhat_lower": make([]float64, n), "yhat_upper": make([]float64, n)}
	for i, r := range rows {
		start[i], end[i] = r.Start, r.End
		series[i] = data.Labels(r.Labels).String()
		name := names[series[i]]
		if name == "" {
			name = SeriesNames([]prom.Labels{r.Labels}, in.LegendFormat)[series[i]]
		}
		title[i] = eventTitle(name, r)
		text[i] = explain(r, in.Unit, in.Step)
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
	meta := &data.FrameMeta{Type: data.FrameTypeTable, ExecutedQueryString: in.Executed}
	for _, s := range in.Notices {
		meta.Notices = append(meta.Notices, data.Notice{Severity: data.NoticeSeverityInfo, Text: s})
	}
	return data.Frames{f.SetMeta(meta)}
}

// eventTitle is "api-gateway: anomaly above the band" or "auth-1: level shift down".
func eventTitle(name string, r EventRow) string {
	what := r.Kind + " " + r.Direction
	if r.Kind == "anomaly" {
		what = "anomaly above the band"
		if r.Direction == "down" {
			what = "anomaly below the band"
		}
	}
	if name == "" {
		return capitalise(what)
	}
	return name + ": " + what
}

// explain is one event in sentences: "robust: 0.12 req/s against a baseline
// of 0.01 req/s (band 0.005 – 0.015), peak score 5.3. From 2026-01-05 14:20
// UTC for 15 minutes."
func explain(r EventRow, unit string, step time.Duration) string {
	v := func(x float64) string { return formatValue(x, unit) }
	s := fmt.Sprintf("%s: %s against a baseline of %s (band %s to %s), peak score %.2f. %s.",
		r.Method, v(r.Value), v(r.Yhat), v(r.Lower), v(r.Upper), r.PeakScore, when(r.Start, r.End, step))
	if len(r.References) > 0 {
		refs := make([]string, len(r.References))
		for i, x := range r.References {
			refs[i] = "no data"
			if !math.IsNaN(x) {
				refs[i] = v(x)
			}
		}
		s += " Same time in earlier seasons: " + strings.Join(refs, ", ") + "."
	}
	return s
}

// when says when a run of points from start to end (both included) on
// step happened: "At 2026-01-05 14:05 UTC" for one point, "From 2026-01-05
// 14:20 UTC for 15 minutes" otherwise.
func when(start, end time.Time, step time.Duration) string {
	const layout = "2006-01-02 15:04 UTC"
	if !end.After(start) {
		return "At " + start.UTC().Format(layout)
	}
	return "From " + start.UTC().Format(layout) + " for " + DurationWords(end.Sub(start)+step)
}

// DurationWords says d in words, to the minute above a minute and with at
// most two units: "45 seconds", "1 minute", "12 minutes", "2 hours 5
// minutes", "3 days 4 hours".
func DurationWords(d time.Duration) string {
	if d < time.Minute {
		return plural(int(d.Round(time.Second)/time.Second), "second")
	}
	d = d.Round(time.Minute)
	units := []struct {
		size time.Duration
		name string
	}{{24 * time.Hour, "day"}, {time.Hour, "hour"}, {time.Minute, "minute"}}
	var parts []string
	for _, u := range units {
		if n := int(d / u.size); n > 0 && len(parts) < 2 {
			parts = append(parts, plural(n, u.name))
			d -= time.Duration(n) * u.size
		} else if len(parts) > 0 {
			break // "2 days 5 minutes" would hide the hours
		}
	}
	return strings.Join(parts, " ")
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
