package plugin

import (
	"fmt"
	"math"
	"time"

	"github.com/claudeenhancer/monitoring/pkg/detect"
	"github.com/claudeenhancer/monitoring/pkg/frames"
	"github.com/claudeenhancer/monitoring/pkg/models"
)

// holtWintersForecast runs additive Holt-Winters over the training values
// (bands over the history, as for an anomaly query) and extends it over the
// horizon with the ETS(A,A,A) prediction interval at the query's level. The
// time to threshold is the first forecast step whose ŷ reaches it.
func holtWintersForecast(g gridSeries, horizon int, det *models.Detection) (frames.BandSeries, float64, error) {
	hw, err := detect.NewHoltWinters(det.Options)
	if err != nil {
		return frames.BandSeries{}, 0, fmt.Errorf("%w: %w", models.ErrInvalidDetection, err)
	}
	if n := len(g.Values); 2*det.Options.Season > n {
		return frames.BandSeries{}, 0, fmt.Errorf("%w: %w: Holt-Winters needs two seasons (%s) of training history, the range has %s",
			models.ErrInvalidDetection, detect.ErrSeason, models.FormatDuration(2*det.Season),
			models.FormatDuration(time.Duration(n)*det.Step))
	}
	n := len(g.Values)
	b := frames.BandSeries{Labels: g.Labels, Times: make([]time.Time, n+horizon), Values: make([]float64, n+horizon), Bands: detect.MakeBands(n + horizon)}
	set := func(i int, x float64, p detect.Point) {
		b.Times[i], b.Values[i] = g.time(i), x
		b.Yhat[i], b.Lower[i], b.Upper[i], b.Score[i], b.Anomaly[i] = p.Yhat, p.Lower, p.Upper, p.Score, p.Score > 1
	}
	for i, x := range g.Values {
		set(i, x, hw.Step(x))
	}
	k := detect.StudentTQuantile((1+det.Level)/2, 1e9) // normal quantile
	eta := math.Inf(1)
	last := g.Values[n-1]
	yhats, los, his := make([]float64, horizon), make([]float64, horizon), make([]float64, horizon)
	hw.ForecastBands(k, yhats, los, his)
	for i, yhat := range yhats {
		h := i + 1
		set(n+i, math.NaN(), detect.Point{Yhat: yhat, Lower: los[i], Upper: his[i], Score: math.NaN()})
		if det.Threshold != nil && math.IsInf(eta, 1) && crosses(last, yhat, *det.Threshold) {
			eta = float64(h) * det.Step.Seconds()
		}
	}
	if det.Threshold != nil && !math.IsNaN(last) && last == *det.Threshold {
		eta = 0
	}
	return b, eta, nil
}

// crosses reports whether going from `from` to `to` reaches theta.
func crosses(from, to, theta float64) bool {
	return (from <= theta && to >= theta) || (from >= theta && to <= theta)
}
