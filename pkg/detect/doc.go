// Package detect is the anomaly-detection engine: pure functions over float64
// series, with no Grafana, HTTP or Prometheus imports.
//
// RunBands scores a whole series with the method Options describes (z-score,
// robust median/MAD, EWMA, seasonal, Holt-Winters) and writes one verdict
// per point into columns (Bands). Every verdict is computed from strictly
// earlier points ("leave-current-out": a point never sits in its own
// baseline), so the verdicts for xs[:i] are a prefix of those for xs,
// whatever comes later. Callers that draw a panel pass the warm-up history
// before the visible range followed by the visible points, on a fixed
// detector step, so a point's verdict does not change with the zoom.
// Internally each method is a streaming detector (Step, one point at a time);
// the z-score, robust and Holt-Winters methods also have a column kernel that
// RunBands uses in blocks, giving bit-identical verdicts.
//
// Output per point (the frame contract): Value, Yhat, Lower, Upper, Score and
// Anomaly. Score is the distance from Yhat in units of the band half-width, so
// Score > 1 exactly when the value is outside [Lower, Upper] on the tested
// side(s); Anomaly is the verdict after the minimum-deviation floor, the
// direction filter and persistence. BandEvents groups anomalous points into
// intervals.
//
// Missing data: a NaN value is a gap. It yields a NaN verdict (Score NaN,
// Anomaly false), never enters a baseline and never resets one. Until a
// detector has seen enough points (its warm-up) Yhat and the band are NaN and
// Score is NaN. A constant baseline has zero spread; the band half-width is
// then the minimum-deviation floor (Options.MinDeviation), or, when that is
// zero, any value different from the constant scores +Inf and equal scores 0.
//
// The package also holds the trend tests (Welch, RatioChange, CUSUM), the
// forecasts (FitLinear, NewHoltWinters) and the Student-t helpers they use.
// NAB is a composite streaming detector tuned on the Numenta Anomaly
// Benchmark (tools/nabscore scores it); it is not yet a query method.
package detect
