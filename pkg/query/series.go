package query

import (
	"context"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/claudeenhancer/monitoring/pkg/frames"
	"github.com/claudeenhancer/monitoring/pkg/models"
	"github.com/claudeenhancer/monitoring/pkg/prom"
)

// Series runs the query's expression as one range query at the query's
// step, as Grafana's Prometheus datasource would.
func (e *Engine) Series(ctx context.Context, q models.Query) (data.Frames, error) {
	m, err := e.fetch.QueryRange(ctx, q.Expr, prom.Range{Start: q.Start, End: q.End, Step: q.Step})
	if err != nil {
		return nil, err
	}
	return frames.Series(frames.SeriesInput{
		Matrix:       m,
		LegendFormat: q.LegendFormat,
		Executed:     q.Expr + "\nStep: " + models.FormatDuration(q.Step),
		Step:         q.Step,
	}), nil
}
