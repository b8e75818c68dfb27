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

// detected is one series after detection: verdicts for warm-up + visible.
type detected struct {
	grid  gridSeries   // warm-up + visible values
	first int          // index of the first visible point in grid
	bands detect.Bands // one verdict per grid value
	// seasonal is the first grid index with a seasonal reference
	// (detect.SeasonalWarmup): nothing before it is flagged.
	seasonal int
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
		b := detect.MakeBands(len(g.Values))
		if err := detect.RunBands(g.Values, det.Options, b); err != nil {
			return nil, nil, fmt.Errorf("%w: %w", models.ErrInvalidDetection, err)
		}
		warm := detect.SeasonalWarmup(g.Values, det.Options)
		clear(b.Anomaly[:warm])
		out = append(out, detected{grid: g, first: first, bands: b, seasonal: warm})
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
			scores := alertScores(s.bands, s.first)
			idx := thin(scores, q.MaxPoints)
			nums[i] = frames.NumberSeries{Labels: s.grid.Labels, Times: make([]time.Time, len(idx)), Values: make([]float64, len(idx))}
			for j, k := range idx {
				nums[i].Times[j] = s.grid.time(s.first + k)
				nums[i].Values[j] = scores[k]
			}
		}
		return frames.WithNotices(frames.Numbers(nums, frames.FieldScore, "", executed), append(warnings, seasonalWarmupNotice(series)...)), nil
	case models.OutputEvents:
		in := frames.EventsInput{LegendFormat: q.LegendFormat, Unit: frames.UnitOf(q.Expr), Step: q.Detection.Step,
			Executed: executed, Notices: seasonalWarmupNotice(series)}
		for _, s := range series {
			in.Series = append(in.Series, s.grid.Labels)
			in.Rows = append(in.Rows, eventRows(s, q.Detection)...)
		}
		return frames.WithNotices(frames.Events(in), warnings), nil
	default:
		bands := make([]frames.BandSeries, len(series))
		for i, s := range series {
			bands[i] = thinBands(visibleBands(s), q.MaxPoints)
		}
		return frames.WithNotices(frames.Bands(bands, q.LegendFormat, executed, q.Detection.Step), append(warnings, seasonalWarmupNotice(series)...)), nil
	}
}

// seasonalWarmupNotice says once when the visible range starts before the
// seasonal baseline exists (the history is shorter than a season before it).
func seasonalWarmupNotice(series []detected) []string {
	var until time.Time
	for _, s := range series {
		if s.seasonal > s.first && s.seasonal < len(s.grid.Values) {
			if t := s.grid.time(s.seasonal); t.After(until) {
				until = t
			}
		}
	}
	if until.IsZero() {
		return nil
	}
	return []string{"seasonal baseline warming up until " + until.UTC().Format("2006-01-02 15:04 UTC") +
		": the history holds no value one season earlier, so no seasonal anomaly is flagged before then"}
}

// eventRows turns the visible anomalous runs of one series into events.
func eventRows(s detected, det *models.Detection) []frames.EventRow {
	var rows []frames.EventRow
	for _, e := range detect.BandEvents(s.grid.Values, s.bands, det.Options) {
		if e.End < s.first || missing(e.References) {
			continue // not visible, or a seasonal verdict without any reference
		}
		rows = append(rows, frames.EventRow{
			Start: s.grid.time(max(e.Start, s.first)), End: s.grid.time(e.End),
			Labels: s.grid.Labels, Kind: "anomaly", Method: string(e.Method), Direction: e.Direction.String(),
			PeakScore: e.PeakScore, Value: e.Value, Yhat: e.Yhat, Lower: e.Lower, Upper: e.Upper, References: e.References,
		})
	}
	return rows
}

// missing reports references that exist but are all gaps.
func missing(refs []float64) bool {
	for _, r := range refs {
		if !math.IsNaN(r) {
			return false
		}
	}
	return len(refs) > 0
}

// alertScores are the visible points' alert scores (detect.Point.AlertScore:
// persistence included).
func alertScores(b detect.Bands, first int) []float64 {
	out := make([]float64, len(b.Score)-first)
	for i := range out {
		out[i] = b.Score[first+i]
		if out[i] > 1 && !b.Anomaly[first+i] {
			out[i] = 1
		}
	}
	return out
}

// visibleBands is the visible part of a detected series, sharing its columns.
func visibleBands(s detected) frames.BandSeries {
	n := len(s.grid.Values)
	times := make([]time.Time, n-s.first)
	for i := range times {
		times[i] = s.grid.time(s.first + i)
	}
	b := s.bands
	return frames.BandSeries{Labels: s.grid.Labels, Times: times, Values: s.grid.Values[s.first:],
		Bands: detect.Bands{Yhat: b.Yhat[s.first:], Lower: b.Lower[s.first:], Upper: b.Upper[s.first:], Score: b.Score[s.first:], Anomaly: b.Anomaly[s.first:]}}
}

// thinBands keeps every row when they fit in maxPoints (sharing the
// columns), otherwise the rows thin picks by the panel's score (no
// persistence).
func thinBands(b frames.BandSeries, maxPoints int64) frames.BandSeries {
	if maxPoints <= 0 || int64(len(b.Times)) <= maxPoints {
		return b
	}
	return b.Pick(thin(b.Score, maxPoints))
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
