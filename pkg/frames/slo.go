package frames

import (
	"fmt"
	"math"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/claudeenhancer/monitoring/pkg/slo"
)

// Frame and field names of the SLO contract, shared with the SLA-budget
// panel and the provisioned alert rules.
const (
	FrameSLOSummary   = "slo_summary"
	FrameSLOBurnRates = "slo_burn_rates"
	FrameSLOBurndown  = "slo_burndown"
	FieldRemaining    = "remaining"
	FieldIdeal        = "ideal"
	FieldBurnRate     = "burn_rate"
	FieldBurnAlert    = "burn_alert"
)

// Grafana units of the SLO fields.
const (
	unitRatio   = "percentunit"
	unitSeconds = "s"
	unitCount   = "short"
)

// SLOSummary builds the summary output: the table slo_summary (one row:
// id, name, state, sli, objective, window, budget_remaining_ratio,
// budget_remaining, budget_allowed, budget_unit, exhaustion_seconds,
// partial_history, coverage, total_events, sli_kind) and the table
// slo_burn_rates (one row per burn-rate pair). The state's reasons ride in
// the first frame's Meta.Custom {"reasons": […]}.
func SLOSummary(def slo.SLO, sum slo.Summary, executed string) data.Frames {
	reasons := sum.Reasons
	if reasons == nil {
		reasons = []string{}
	}
	summary := data.NewFrame(FrameSLOSummary, summaryFields([]SLORow{{def, sum}})...)
	summary.SetMeta(&data.FrameMeta{
		Type: data.FrameTypeTable, ExecutedQueryString: executed,
		Custom:  map[string]any{"reasons": reasons},
		Notices: dataQualityNotices(sum),
	})
	return data.Frames{summary, burnRateTable(def, sum.Pairs, executed)}
}

// SLORow is one SLO's summary, a row of slo_summary.
type SLORow struct {
	Def slo.SLO
	Sum slo.Summary
}

// summaryFields are the columns of slo_summary, one row per SLO. The
// budget's unit (events or seconds) is the first row's: rows of both kinds
// share the count unit.
func summaryFields(rows []SLORow) []*data.Field {
	n := len(rows)
	ids, names, states, windows, units, kinds := make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	sli, obj, ratio, rem, allowed, exh, cov, total := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n),
		make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	partial := make([]bool, n)
	unit, seconds := unitCount, 0
	for i, r := range rows {
		ids[i], names[i], states[i], windows[i] = r.Def.ID, r.Def.DisplayName(), string(r.Sum.State), WindowLabel(r.Def.Window)
		units[i], kinds[i] = string(r.Sum.Unit), string(r.Def.SLI.Kind)
		sli[i], obj[i], ratio[i], rem[i], allowed[i] = r.Sum.SLI, r.Def.Objective, r.Sum.Budget.Ratio, r.Sum.Budget.Remaining, r.Sum.Budget.Allowed
		exh[i], partial[i], cov[i], total[i] = r.Sum.Exhaustion.Seconds, r.Sum.PartialHistory, r.Sum.Coverage, r.Sum.Total
		if r.Sum.Unit == slo.UnitSeconds {
			seconds++
		}
	}
	if n > 0 && seconds == n {
		unit = unitSeconds
	}
	return []*data.Field{
		data.NewField("id", nil, ids),
		data.NewField("name", nil, names),
		data.NewField("state", nil, states),
		withUnit(data.NewField("sli", nil, sli), unitRatio, 3),
		withUnit(data.NewField("objective", nil, obj), unitRatio, 3),
		data.NewField("window", nil, windows),
		withUnit(data.NewField("budget_remaining_ratio", nil, ratio), unitRatio, 1),
		withUnit(data.NewField("budget_remaining", nil, rem), unit, -1),
		withUnit(data.NewField("budget_allowed", nil, allowed), unit, -1),
		data.NewField("budget_unit", nil, units),
		withUnit(data.NewField("exhaustion_seconds", nil, exh), unitSeconds, -1),
		data.NewField("partial_history", nil, partial),
		withUnit(data.NewField("coverage", nil, cov), unitRatio, 1),
		withUnit(data.NewField("total_events", nil, total), unit, -1),
		data.NewField("sli_kind", nil, kinds),
	}
}

func burnRateTable(def slo.SLO, conds []slo.PairCondition, executed string) *data.Frame {
	n := len(conds)
	ids, sev, long, short := make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	thr, lb, sb := make([]float64, n), make([]float64, n), make([]float64, n)
	firing, feasible := make([]bool, n), make([]bool, n)
	for i, c := range conds {
		ids[i], sev[i] = def.ID, string(c.Pair.Severity)
		long[i], short[i] = slo.FormatDuration(c.Pair.Long), slo.FormatDuration(c.Pair.Short)
		thr[i], lb[i], sb[i] = c.Pair.Threshold, c.LongBurn, c.ShortBurn
		firing[i], feasible[i] = c.Firing, c.Pair.Feasible
	}
	f := data.NewFrame(FrameSLOBurnRates,
		data.NewField("id", nil, ids),
		data.NewField("severity", nil, sev),
		data.NewField("long_window", nil, long),
		data.NewField("short_window", nil, short),
		withUnit(data.NewField("threshold", nil, thr), "", 2),
		withUnit(data.NewField("long_burn", nil, lb), "", 2),
		withUnit(data.NewField("short_burn", nil, sb), "", 2),
		data.NewField("firing", nil, firing),
		data.NewField("feasible", nil, feasible),
	)
	return f.SetMeta(&data.FrameMeta{Type: data.FrameTypeTable, ExecutedQueryString: executed, Notices: infeasibleNotices(def, conds)})
}

// SLOBurndown builds the burndown output: one timeseries-wide frame with
// the remaining budget ratio (null before the data starts and, for a
// calendar window, after now) and the ideal linear line over the window,
// both labelled {slo: id}.
func SLOBurndown(def slo.SLO, points []slo.BurndownPoint, executed string) data.Frames {
	n := len(points)
	times, remaining, ideal := make([]time.Time, n), make([]*float64, n), make([]float64, n)
	for i, p := range points {
		times[i], ideal[i] = p.T, p.Ideal
		if !math.IsNaN(p.Remaining) {
			remaining[i] = &p.Remaining
		}
	}
	labels := data.Labels{"slo": def.ID}
	rem := withUnit(data.NewField(FieldRemaining, labels, remaining), unitRatio, 1)
	rem.Config.DisplayNameFromDS = def.DisplayName() + " budget remaining"
	id := withUnit(data.NewField(FieldIdeal, labels, ideal), unitRatio, 1)
	id.Config.DisplayNameFromDS = def.DisplayName() + " ideal"
	id.Config.Custom = map[string]any{"lineStyle": map[string]any{"fill": "dash", "dash": []int{6, 4}}}
	f := data.NewFrame(FrameSLOBurndown, data.NewField(data.TimeSeriesTimeFieldName, nil, times), rem, id)
	return data.Frames{f.SetMeta(&data.FrameMeta{Type: data.FrameTypeTimeSeriesWide, TypeVersion: version01, ExecutedQueryString: executed})}
}

// BurnRateWindow is the burn rate over one trailing window, over time.
type BurnRateWindow struct {
	Window time.Duration
	Series slo.Series
}

// SLOBurnRates builds the burnrate output: dataplane timeseries-multi, one
// frame per window with the field burn_rate labelled {slo, window}.
func SLOBurnRates(def slo.SLO, windows []BurnRateWindow, executed string) data.Frames {
	meta := &data.FrameMeta{Type: timeSeriesMulti, TypeVersion: version01, ExecutedQueryString: executed}
	out := make(data.Frames, 0, len(windows))
	for _, w := range windows {
		times := make([]time.Time, len(w.Series.Values))
		for i := range times {
			times[i] = w.Series.At(i)
		}
		win := slo.FormatDuration(w.Window)
		v := data.NewField(FieldBurnRate, data.Labels{"slo": def.ID, "window": win}, w.Series.Values)
		v.Config = &data.FieldConfig{DisplayNameFromDS: fmt.Sprintf("%s burn rate %s", def.DisplayName(), win),
			Interval: float64(w.Series.Step.Milliseconds())}
		out = append(out, data.NewFrame("", data.NewField(data.TimeSeriesTimeFieldName, nil, times), v).SetMeta(meta))
	}
	return out
}

// SLOAlerts builds the alert output: dataplane numeric-multi, one frame per
// pair with the field burn_alert = min(long burn, short burn) / threshold,
// labelled {slo, severity, long, short}. It is > 1 exactly when the pair
// fires, so a rule is query → reduce(last) → threshold > 1. NaN when a
// window has no data (or too few events). Infeasible pairs are kept, with a
// notice: their value can never exceed 1.
func SLOAlerts(def slo.SLO, conds []slo.PairCondition, executed string) data.Frames {
	out := make(data.Frames, len(conds))
	for i, c := range conds {
		long, short := slo.FormatDuration(c.Pair.Long), slo.FormatDuration(c.Pair.Short)
		v := data.NewField(FieldBurnAlert, data.Labels{"slo": def.ID, "severity": string(c.Pair.Severity), "long": long, "short": short},
			[]float64{math.Min(c.LongBurn, c.ShortBurn) / c.Pair.Threshold})
		v.Config = &data.FieldConfig{DisplayNameFromDS: fmt.Sprintf("%s %s %s", def.ID, c.Pair.Severity, c.Pair.Name())}
		meta := &data.FrameMeta{Type: data.FrameTypeNumericMulti, TypeVersion: version01, ExecutedQueryString: executed,
			Notices: infeasibleNotices(def, conds[i:i+1])}
		out[i] = data.NewFrame("", v).SetMeta(meta)
	}
	return out
}

// WindowLabel is "30d" for a rolling window and "calendar month" for a
// calendar one, with the time zone when it is not UTC.
func WindowLabel(w slo.Window) string {
	if !w.IsCalendar() {
		return slo.FormatDuration(w.Rolling)
	}
	if w.Location == nil || w.Location == time.UTC {
		return "calendar " + string(w.Calendar)
	}
	return fmt.Sprintf("calendar %s (%s)", w.Calendar, w.Location)
}

func withUnit(f *data.Field, unit string, decimals int) *data.Field {
	f.Config = &data.FieldConfig{Unit: unit}
	if decimals >= 0 {
		d := uint16(decimals)
		f.Config.Decimals = &d
	}
	return f
}

func infeasibleNotices(def slo.SLO, conds []slo.PairCondition) []data.Notice {
	var out []data.Notice
	for _, c := range conds {
		if !c.Pair.Feasible {
			out = append(out, data.Notice{Severity: data.NoticeSeverityWarning, Text: fmt.Sprintf(
				"the %s pair %s can never fire at objective %g: it needs an error ratio above %.4g (%g × %.4g)",
				c.Pair.Severity, c.Pair.Name(), def.Objective, c.Pair.ErrorRatio(def.Objective), c.Pair.Threshold, 1-def.Objective)})
		}
	}
	return out
}

func dataQualityNotices(sum slo.Summary) []data.Notice {
	var out []data.Notice
	if sum.Inconsistent > 0 {
		out = append(out, data.Notice{Severity: data.NoticeSeverityWarning, Text: fmt.Sprintf(
			"%d buckets had inconsistent counts (good above total, negative or infinite) and were repaired or dropped", sum.Inconsistent)})
	}
	if sum.PartialHistory && !sum.HistoryStart.IsZero() {
		out = append(out, data.Notice{Severity: data.NoticeSeverityInfo, Text: fmt.Sprintf(
			"history starts %s, after the window start %s: the budget is extrapolated from the covered part",
			sum.HistoryStart.UTC().Format(time.RFC3339), sum.Start.UTC().Format(time.RFC3339))})
	}
	return out
}
