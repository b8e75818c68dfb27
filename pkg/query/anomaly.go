package query

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/claudeenhancer/monitoring/pkg/detect"
	"github.com/claudeenhancer/monitoring/pkg/frames"
	"github.com/claudeenhancer/monitoring/pkg/models"
	"github.com/claudeenhancer/monitoring/pkg/promdur"
)

// detected is one series after detection, cut to the visible range.
type detected struct {
	grid   gridSeries // warm-up + visible values
	first  int        // index of the first visible point in grid
	points []detect.Point
}

// runDetection fetches the visible range plus warm-up on the detector's own
// step and runs the detector over each series. Because the step and the
// warm-up do not depend on the panel, a point gets the same verdict whatever
// the zoom, and an alert rule evaluating at t sees what the panel shows at t.
func (e *Engine) runDetection(ctx context.Context, q models.Query) ([]detected, []string, error) {
	det := q.Detection
	warm := promdur.Ceil(det.Warmup(), det.Step)
	grids, warnings, err := e.fetchGrid(ctx, q.Expr, q.Start.Add(-warm), q.End, det.Step)
	if err != nil {
		return nil, nil, err
	}
	first := int(warm / det.Step)
	out := make([]detected, 0, len(grids))
	for _, g := range grids {
		pts, err := detect.Run(g.Values, det.Options)
		if err != nil {
			return nil, nil, fmt.Errorf("%w: %w", models.ErrInvalidDetection, err)
		}
		out = append(out, detected{grid: g, first: first, points: pts})
	}
	return out, warnings, nil
}

// Anomaly runs the query's detector (see runDetection) and returns the
// output the query asks for: bands, the alert score, or events.
func (e *Engine) Anomaly(ctx context.Context, q models.Query) (data.Frames, error) {
	series, warnings, err := e.runDetection(ctx, q)
	if err != nil {
		return nil, err
	}
	executed := fmt.Sprintf("%s\nDetector: %s, window %s, threshold %g, step %s",
		q.Expr, q.Detection.Options.Method, models.FormatDuration(q.Detection.Window), q.Detection.Options.Threshold,
		models.FormatDuration(q.Detection.Step))
	switch q.Detection.Output {
	case models.OutputScore:
		// The alert score carries the persistence filter, so a rule's
		// "score > 1" is the panel's anomaly verdict.
		nums := make([]frames.NumberSeries, len(series))
		for i, s := range series {
			scores := scoresOf(s.points[s.first:], detect.Point.AlertScore)
			idx := thin(scores, q.MaxPoints)
			nums[i] = frames.NumberSeries{Labels: s.grid.Labels, Times: make([]time.Time, len(idx)), Values: make([]float64, len(idx))}
			for j, k := range idx {
				nums[i].Times[j] = s.grid.time(s.first + k)
				nums[i].Values[j] = scores[k]
			}
		}
		return frames.WithNotices(frames.Numbers(nums, frames.FieldScore, "", executed), warnings), nil
	case models.OutputEvents:
		var rows []frames.EventRow
		for _, s := range series {
			rows = append(rows, eventRows(s, q.Detection)...)
		}
		return frames.WithNotices(frames.Events(rows, executed), warnings), nil
	default:
		bands := make([]frames.BandSeries, len(series))
		for i, s := range series {
			idx := thin(scoresOf(s.points[s.first:], panelScore), q.MaxPoints)
			bands[i] = frames.BandSeries{Labels: s.grid.Labels, Times: make([]time.Time, len(idx)), Points: make([]detect.Point, len(idx))}
			for j, k := range idx {
				bands[i].Times[j] = s.grid.time(s.first + k)
				bands[i].Points[j] = s.points[s.first+k]
			}
		}
		return frames.WithNotices(frames.Bands(bands, q.LegendFormat, executed, q.Detection.Step), warnings), nil
	}
}

// eventRows turns the visible anomalous runs of one series into events.
func eventRows(s detected, det *models.Detection) []frames.EventRow {
	var rows []frames.EventRow
	for _, e := range detect.Events(s.points, det.Options) {
		if e.End < s.first {
			continue
		}
		rows = append(rows, frames.EventRow{
			Start: s.grid.time(max(e.Start, s.first)), End: s.grid.time(e.End),
			Labels: s.grid.Labels, Kind: "anomaly", Method: string(e.Method), Direction: e.Direction.String(),
			PeakScore: e.PeakScore, Value: e.Value, Yhat: e.Yhat, Lower: e.Lower, Upper: e.Upper, References: e.References,
		})
	}
	return rows
}

// panelScore is the score the bands output shows (no persistence).
func panelScore(p detect.Point) float64 { return p.Score }

// scoresOf projects verdicts onto the score an output reports.
func scoresOf(pts []detect.Point, score func(detect.Point) float64) []float64 {
	out := make([]float64, len(pts))
	for i, p := range pts {
		out[i] = score(p)
	}
	return out
}

// thin picks at most maxPoints indices for display: every index when they
// fit, otherwise per bucket the point with the highest score, so thinning
// never hides an anomaly. The detector itself always runs at full resolution.
func thin(scores []float64, maxPoints int64) []int {
	n := len(scores)
	bucket := 1
	if maxPoints > 0 && int64(n) > maxPoints {
		bucket = int((int64(n) + maxPoints - 1) / maxPoints)
	}
	idx := make([]int, 0, (n+bucket-1)/bucket)
	for start := 0; start < n; start += bucket {
		best := start
		for k := start + 1; k < min(start+bucket, n); k++ {
			if scoreOrder(scores[k]) > scoreOrder(scores[best]) {
				best = k
			}
		}
		idx = append(idx, best)
	}
	return idx
}

func scoreOrder(s float64) float64 {
	if math.IsNaN(s) {
		return math.Inf(-1)
	}
	return s
}
