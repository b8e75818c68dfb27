package query

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/claudeenhancer/monitoring/pkg/frames"
	"github.com/claudeenhancer/monitoring/pkg/internal/fanout"
	"github.com/claudeenhancer/monitoring/pkg/models"
	"github.com/claudeenhancer/monitoring/pkg/slo"
)

// allSLOs summarises every SLO sloId "*" selected at the query's end,
// concurrently (each fetch takes an upstream slot and charges the query's
// budget, as one SLO query's fetches do), into one slo_summary row each,
// most urgent first. The first SLO that fails fails the query, its id in
// the message.
func (e *Engine) allSLOs(ctx context.Context, q models.Query) (data.Frames, error) {
	members := q.SLO.Members
	rows := make([]frames.SLORow, len(members))
	exprs, warnings := make([][]string, len(members)), make([][]string, len(members))
	errs := make([]error, len(members))
	fanout.Run(len(members), func(i int) {
		rows[i], exprs[i], warnings[i], errs[i] = e.summarizeSLO(ctx, q, members[i])
	})
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("SLO %q: %w", members[i].SLO.ID, err)
		}
	}
	slices.SortStableFunc(rows, func(a, b frames.SLORow) int { return slo.CompareUrgency(a.Sum, b.Sum) })
	executed := []string{fmt.Sprintf("all SLOs {%s}, output summary, at %s", q.SLO.Filter, q.End.Format(time.RFC3339))}
	var notices []string
	for i, m := range members {
		executed = append(executed, fmt.Sprintf("SLO %s, bucket step %s:", m.SLO.ID, models.FormatDuration(m.BucketStep)))
		executed = append(executed, exprs[i]...)
		for _, w := range warnings[i] {
			notices = append(notices, m.SLO.ID+": "+w)
		}
	}
	return frames.WithNotices(frames.SLOSummaries(rows, strings.Join(executed, "\n")), notices), nil
}

// summarizeSLO is the SLO engine's summary path for one member: the same
// plan, fetch and Summarize, so a row equals the SLO's own summary.
func (e *Engine) summarizeSLO(ctx context.Context, q models.Query, sq models.SLOQuery) (frames.SLORow, []string, []string, error) {
	def := sq.SLO
	p := slo.NewPlan(def, sq.BucketStep, sloReads[models.SLOOutputSummary], q.Start, q.End, models.MaxHistory)
	if err := checkGridSize(p.Grid, def.SLI, e.scrape); err != nil {
		return frames.SLORow{}, nil, nil, err
	}
	sli, err := e.fetchSLI(ctx, def, p.Grid)
	if err != nil {
		return frames.SLORow{}, nil, nil, err
	}
	sum, err := slo.Summarize(def, sli.ledger, p.End, slo.Options{Pairs: p.Pairs})
	return frames.SLORow{Def: def, Sum: sum}, sli.exprs, sli.warnings, err
}
