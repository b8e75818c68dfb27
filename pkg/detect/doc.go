// Package detect is the anomaly-detection engine: pure, streaming detectors
// over float64 series, with no Grafana, HTTP or Prometheus imports.
//
// Every detector consumes a series one point at a time (Step) and returns the
// verdict for that point computed from strictly earlier points
// ("leave-current-out": a point never sits in its own baseline). A detector is
// therefore a pure function of the stream: the same input prefix gives the
// same verdicts, whatever comes later. Callers that draw a panel pass the
// warm-up history before the visible range followed by the visible points, on
// a fixed detector step, so a point's verdict does not change with the zoom.
//
// Output per point (the frame contract): Value, Yhat, Lower, Upper, Score and
// Anomaly. Score is the distance from Yhat in units of the band half-width, so
// Score > 1 exactly when the value is outside [Lower, Upper] on the tested
// side(s); Anomaly is the verdict after the minimum-deviation floor, the
// direction filter and persistence.
//
// Missing data: a NaN value is a gap. It yields a NaN verdict (Score NaN,
// Anomaly false), never enters a baseline and never resets one. Until a
// detector has seen enough points (its warm-up) Yhat and the band are NaN and
// Score is NaN. A constant baseline has zero spread; the band half-width is
// then the minimum-deviation floor (Options.MinDeviation), or, when that is
// zero, any value different from the constant scores +Inf and equal scores 0.
package detect
