package query

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/claudeenhancer/monitoring/pkg/frames"
	"github.com/claudeenhancer/monitoring/pkg/models"
	"github.com/claudeenhancer/monitoring/pkg/promdur"
	"github.com/claudeenhancer/monitoring/pkg/slo"
)

// defaultSLOPoints bounds burndown and burn-rate series when the request
// does not say how many points the panel can show (alert rules).
const defaultSLOPoints = 1000

// SLO evaluates an SLO at the query's time range end ("now"): it
// fetches the buckets the output needs (see slofetch.go), builds the
// ledger and renders the output. Every output uses the same bucket grid
// and the same pairs, so the summary's burn rates, the burnrate series at
// now and the alert values agree.
func (e *Engine) SLO(ctx context.Context, q models.Query) (data.Frames, error) {
	sq := q.SLO
	def, step := sq.SLO, sq.BucketStep
	end := promdur.AlignDown(q.End, step)
	pairs := slo.Pairs(def.Window.Nominal(), def.Objective, step)
	visible := maxTime(q.Start, end.Add(-models.MaxHistory))
	start := promdur.AlignDown(fetchStart(sq, pairs, end, visible), step)

	grid := slo.Grid{Start: start, Step: step, N: int(end.Sub(start) / step)}
	if err := checkGridSize(grid, def.SLI, e.scrape); err != nil {
		return nil, err
	}
	sli, err := e.fetchSLI(ctx, def, grid)
	if err != nil {
		return nil, err
	}
	executed := fmt.Sprintf("SLO %s, output %s, window %s, bucket step %s, buckets ending in (%s, %s]\n%s",
		def.ID, sq.Output, frames.WindowLabel(def.Window), models.FormatDuration(step),
		start.Format(time.RFC3339), end.Format(time.RFC3339), strings.Join(sli.exprs, "\n"))
	l := sli.ledger
	var fs data.Frames
	switch sq.Output {
	case models.SLOOutputBurndown:
		winStart, winEnd := def.Window.Bounds(end)
		pts, err := slo.Burndown(def, l, end, pointStep(winEnd.Sub(winStart), q.MaxPoints))
		if err != nil {
			return nil, err
		}
		fs = frames.SLOBurndown(def, pts, executed)
	case models.SLOOutputBurnRate:
		every := pointStep(end.Sub(visible), q.MaxPoints)
		var windows []frames.BurnRateWindow
		for _, w := range longWindows(pairs) {
			windows = append(windows, frames.BurnRateWindow{Window: w,
				Series: slo.BurnRateSeries(l, def.Objective, w, visible, end, every, def.MinEvents)})
		}
		fs = frames.SLOBurnRates(def, windows, executed)
	case models.SLOOutputAlert:
		fs = frames.SLOAlerts(def, slo.AlertConditions(l, pairs, def.Objective, end, def.MinEvents), executed)
	case models.SLOOutputBudget: // the summary's figure, read alone
		sum, err := slo.Summarize(def, l, end, slo.Options{Pairs: pairs})
		if err != nil {
			return nil, err
		}
		fs = frames.SLOBudget(def, sum, executed)
	default:
		sum, err := slo.Summarize(def, l, end, slo.Options{Pairs: pairs})
		if err != nil {
			return nil, err
		}
		fs = frames.SLOSummary(def, sum, executed)
	}
	return frames.WithNotices(fs, sli.warnings), nil
}

// shortWindowSpan is how far back from now the summary reads short
// windows: the longest pair window, the exhaustion lookback and the
// sustained-violation span.
func shortWindowSpan(def slo.SLO, pairs []slo.Pair) time.Duration {
	span := slo.DefaultLookback
	for _, p := range pairs {
		span = max(span, p.Long)
	}
	if def.ViolationFor > 0 {
		span = max(span, def.ViolationFor+def.SustainWindow())
	}
	return span
}

// fetchStart is the earliest instant an output reads: the window for the
// burndown; also the short windows before now for the summary and the
// budget (the same figures); the
// longest pair window before now (alert) or before the visible range
// (burn-rate series).
func fetchStart(sq *models.SLOQuery, pairs []slo.Pair, end, visible time.Time) time.Time {
	def := sq.SLO
	longest := shortWindowSpan(def, pairs)
	winStart, _ := def.Window.Bounds(end)
	switch sq.Output {
	case models.SLOOutputBurndown:
		return winStart
	case models.SLOOutputBurnRate:
		return visible.Add(-longest)
	case models.SLOOutputAlert:
		return end.Add(-longest)
	}
	return minTime(winStart, end.Add(-longest))
}

// longWindows lists the pairs' long windows, shortest first, once each.
func longWindows(pairs []slo.Pair) []time.Duration {
	var out []time.Duration
	for _, p := range pairs {
		if len(out) == 0 || out[len(out)-1] != p.Long {
			out = append(out, p.Long)
		}
	}
	return out
}

// pointStep spaces at most maxPoints points over span.
func pointStep(span time.Duration, maxPoints int64) time.Duration {
	if maxPoints <= 0 {
		maxPoints = defaultSLOPoints
	}
	return (span + time.Duration(maxPoints) - 1) / time.Duration(maxPoints)
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
