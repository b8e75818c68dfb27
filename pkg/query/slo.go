package query

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/claudeenhancer/monitoring/pkg/frames"
	"github.com/claudeenhancer/monitoring/pkg/models"
	"github.com/claudeenhancer/monitoring/pkg/slo"
)

// defaultSLOPoints bounds burndown and burn-rate series when the request
// does not say how many points the panel can show (alert rules).
const defaultSLOPoints = 1000

// sloReads is what each output reads (slo.NewPlan).
var sloReads = map[models.SLOOutput]slo.Reads{
	models.SLOOutputBurndown: slo.ReadsBurndown,
	models.SLOOutputBurnRate: slo.ReadsBurnRates,
	models.SLOOutputAlert:    slo.ReadsAlert,
}

// SLO evaluates an SLO (or, for sloId "*", summarises every selected one:
// allSLOs) at the query's time range end: slo.NewPlan says
// which buckets the output reads, fetchSLI fetches them into a ledger, and
// slo computes the output's figures from it.
func (e *Engine) SLO(ctx context.Context, q models.Query) (data.Frames, error) {
	if q.SLO.All {
		return e.allSLOs(ctx, q)
	}
	def, out := q.SLO.SLO, q.SLO.Output
	p := slo.NewPlan(def, q.SLO.BucketStep, sloReads[out], q.Start, q.End, models.MaxHistory)
	if err := checkGridSize(p.Grid, def.SLI, e.scrape); err != nil {
		return nil, err
	}
	sli, err := e.fetchSLI(ctx, def, p.Grid)
	if err != nil {
		return nil, err
	}
	executed := fmt.Sprintf("SLO %s, output %s, window %s, bucket step %s, buckets ending in (%s, %s]\n%s",
		def.ID, out, frames.WindowLabel(def.Window), models.FormatDuration(p.Grid.Step),
		p.Grid.Start.Format(time.RFC3339), p.End.Format(time.RFC3339), strings.Join(sli.exprs, "\n"))
	fs, err := sloFrames(def, out, p, sli.ledger, q.MaxPoints, executed)
	if err != nil {
		return nil, err
	}
	return frames.WithNotices(fs, sli.warnings), nil
}

// sloFrames computes and renders one output at the plan's instant.
func sloFrames(def slo.SLO, out models.SLOOutput, p slo.Plan, l *slo.Ledger, maxPoints int64, executed string) (data.Frames, error) {
	switch out {
	case models.SLOOutputBurndown:
		winStart, winEnd := def.Window.Bounds(p.End)
		pts, err := slo.Burndown(def, l, p.End, pointStep(winEnd.Sub(winStart), maxPoints))
		if err != nil {
			return nil, err
		}
		return frames.SLOBurndown(def, pts, executed), nil
	case models.SLOOutputBurnRate:
		every := pointStep(p.End.Sub(p.Visible), maxPoints)
		var windows []frames.BurnRateWindow
		for _, w := range p.LongWindows() {
			windows = append(windows, frames.BurnRateWindow{Window: w,
				Series: slo.BurnRateSeries(l, def.Objective, w, p.Visible, p.End, every, def.MinEvents)})
		}
		return frames.SLOBurnRates(def, windows, executed), nil
	case models.SLOOutputAlert:
		return frames.SLOAlerts(def, slo.AlertConditions(l, p.Pairs, def.Objective, p.End, def.MinEvents), executed), nil
	}
	sum, err := slo.Summarize(def, l, p.End, slo.Options{Pairs: p.Pairs})
	if err != nil {
		return nil, err
	}
	if out == models.SLOOutputBudget { // the summary's figure, read alone
		return frames.SLOBudget(def, sum, executed), nil
	}
	return frames.SLOSummary(def, sum, executed), nil
}

// pointStep spaces at most maxPoints points over span.
func pointStep(span time.Duration, maxPoints int64) time.Duration {
	if maxPoints <= 0 {
		maxPoints = defaultSLOPoints
	}
	return (span + time.Duration(maxPoints) - 1) / time.Duration(maxPoints)
}
