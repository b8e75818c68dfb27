import type { Field } from '@grafana/data';

/**
 * Values as uPlot draws them: null is a gap (the line breaks), undefined a time this series has no
 * point at because another series has one there (uPlot draws across it, as Grafana's joined frames
 * do). NaN and ±Inf never reach a chart (they blank its scale).
 */
export type Values = Array<number | null | undefined>;

/** A level shift found by the trend query's CUSUM (from its events output). */
export interface ChangePoint {
  time: number;
  /** Value after the shift minus the baseline before it, in the series' unit. */
  size: number;
  direction: string;
}

/** One anomaly or level-shift event of the series, from an events output. */
export interface SeriesEvent {
  time: number;
  timeEnd: number;
  kind: string;
  method: string;
  direction: string;
  text: string;
  /** Seasonal same-phase values behind the baseline, when the text lists them. */
  references: number[];
}

/** One series of the panel, whatever query it came from, with its fields aligned on `time`. */
export interface OverlaySeries {
  /** Unique among the panel's series: the legend name (plus a counter when names repeat). */
  name: string;
  /** Labels as the backend's `series` columns write them: `k=v, k=v`, sorted by key. */
  labelKey: string;
  refId?: string;
  time: number[];
  value: Values;
  /** The value field as it came, for its config (unit, decimals, colour, links) and display. */
  valueField: Field;
  baseline?: Values;
  lower?: Values;
  upper?: Values;
  score?: Values;
  /** 1 where flagged. */
  flag?: Values;
  /** The trend query's fitted line. */
  trend?: Values;
  /** Index of the first forecast point (after the last value), when the baseline continues past the data. */
  forecastFrom?: number;
  /** Seconds until the forecast reaches its threshold: 0 already there, Infinity never. */
  timeToThreshold?: number;
  /** Detector, from the query's executed string ("Detector: robust, …"). */
  method?: string;
  anomalyCount: number;
  peakScore: number;
  /** Fields of the anomaly contract this series lacks, for the notice (empty for a full bands frame). */
  missing: string[];
  changes: ChangePoint[];
  events: SeriesEvent[];
}
