package plugin

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/claudeenhancer/monitoring/pkg/frames"
	"github.com/claudeenhancer/monitoring/pkg/models"
	"github.com/claudeenhancer/monitoring/pkg/slo"
)

// sloQueryOrAll runs one SLO, or every SLO sloId "*" selected.
func (d *Datasource) sloQueryOrAll(ctx context.Context, q models.Query) backend.DataResponse {
	if q.SLO.All {
		return d.allSLOs(ctx, q)
	}
	return d.sloQuery(ctx, q)
}

// allSLOs summarises every selected SLO at the query's end, concurrently
// (each fetch takes an upstream slot and charges the query's budget, as
// one SLO query's fetches do), into one slo_summary row each, most urgent
// first. The first SLO that fails fails the query, its id in the message.
func (d *Datasource) allSLOs(ctx context.Context, q models.Query) backend.DataResponse {
	members := q.SLO.Members
	rows := make([]frames.SLORow, len(members))
	exprs, warnings := make([][]string, len(members)), make([][]string, len(members))
	errs := make([]error, len(members))
	fanOut(len(members), func(i int) {
		rows[i], exprs[i], warnings[i], errs[i] = d.summarizeSLO(ctx, q, members[i])
	})
	for i, err := range errs {
		if err == nil {
			continue
		}
		err = fmt.Errorf("SLO %q: %w", members[i].SLO.ID, err)
		if errors.Is(err, models.ErrSLOQuery) {
			return d.errorResponse(userError(err))
		}
		return d.sloError(err)
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
	return withNotices(frames.SLOSummaries(rows, strings.Join(executed, "\n")), notices)
}

// summarizeSLO is sloQuery's summary path for one member: the same bucket
// grid, pairs, fetch and Summarize, so a row equals the SLO's own summary.
func (d *Datasource) summarizeSLO(ctx context.Context, q models.Query, sq models.SLOQuery) (frames.SLORow, []string, []string, error) {
	def, step := sq.SLO, sq.BucketStep
	end := alignDown(q.End, step)
	pairs := slo.Pairs(def.Window.Nominal(), def.Objective, step)
	start := alignDown(fetchStart(&sq, pairs, end, end), step)
	grid := slo.Grid{Start: start, Step: step, N: int(end.Sub(start) / step)}
	if err := checkGridSize(grid, def.SLI, d.settings.ScrapeInterval); err != nil {
		return frames.SLORow{}, nil, nil, err
	}
	sli, err := d.fetchSLI(ctx, def, grid)
	if err != nil {
		return frames.SLORow{}, nil, nil, err
	}
	sum, err := slo.Summarize(def, sli.ledger, end, slo.Options{Pairs: pairs})
	return frames.SLORow{Def: def, Sum: sum}, sli.exprs, sli.warnings, err
}
