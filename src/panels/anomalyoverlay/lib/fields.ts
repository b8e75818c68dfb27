/** Field names of the backend's detection contract (pkg/frames/detection.go). */
export const F = {
  value: 'value',
  baseline: 'yhat',
  lower: 'yhat_lower',
  upper: 'yhat_upper',
  score: 'anomaly_score',
  flag: 'anomaly',
  points: 'anomaly_points',
  trend: 'trend',
  timeToThreshold: 'time_to_threshold',
} as const;

/** What bands and markers need, in the words of the notice. */
export const BAND_FIELDS = [F.baseline, F.lower, F.upper] as const;
export const MARKER_FIELDS = [F.score, F.flag] as const;
