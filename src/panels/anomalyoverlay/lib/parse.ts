import { FieldType, getFieldDisplayName, type DataFrame, type Field } from '@grafana/data';

import { eventsBySeries, isEventsFrame, labelKey, timeToThresholdBySeries } from './events';
import { BAND_FIELDS, F, MARKER_FIELDS } from './fields';
import type { OverlaySeries, Values } from './model';
import { countRuns, finiteOrNull, finiteWithPeak, forecastStart } from './values';

/**
 * The panel's series from any query result. A frame with a `value` field is read by field name
 * as the backend's anomaly (bands), forecast or trend output; any other time series frame gives
 * one plain series per number field, marked with the contract fields it lacks. Events and
 * time-to-threshold frames are attached to the series with the same labels.
 */
export function parseFrames(frames: DataFrame[]): OverlaySeries[] {
  const { events, changes } = eventsBySeries(frames);
  const tts = timeToThresholdBySeries(frames);
  const out: OverlaySeries[] = [];
  for (const frame of frames) {
    const time = frame.fields.find((f) => f.type === FieldType.time);
    if (!time || isEventsFrame(frame)) {
      continue;
    }
    const byName = (name: string) => frame.fields.find((f) => f.name === name && f.type === FieldType.number);
    const value = byName(F.value);
    const fields = value ? [value] : frame.fields.filter((f) => f.type === FieldType.number);
    for (const field of fields) {
      const s = seriesOf(frame, frames, time.values, field, value ? byName : () => undefined);
      s.events = events.get(s.labelKey) ?? [];
      s.changes = changes.get(s.labelKey) ?? [];
      s.timeToThreshold = tts.get(s.labelKey);
      out.push(s);
    }
  }
  return uniqueNames(out);
}

function seriesOf(
  frame: DataFrame,
  frames: DataFrame[],
  time: number[],
  field: Field,
  byName: (name: string) => Field | undefined
): OverlaySeries {
  const read = (name: string): Values | undefined => {
    const f = byName(name);
    return f ? finiteOrNull(f.values) : undefined;
  };
  const value = finiteOrNull(field.values);
  const baseline = read(F.baseline);
  const scoreField = byName(F.score);
  const scored = scoreField ? finiteWithPeak(scoreField.values) : undefined;
  const score = scored?.values;
  const points = read(F.points);
  const flag = read(F.flag) ?? points?.map((v) => (v === null ? 0 : 1));
  const present = (name: string) => byName(name) !== undefined;
  const missing = [...BAND_FIELDS, ...MARKER_FIELDS].filter((n) => !present(n));
  if (missing.includes(F.flag) && present(F.points)) {
    missing.splice(missing.indexOf(F.flag), 1);
  }
  const trend = read(F.trend);
  return {
    name: seriesName(frame, frames, field),
    labelKey: labelKey(field.labels),
    refId: frame.refId,
    time: allNumbers(time) ? time : Array.from(time, Number),
    value,
    valueField: field,
    baseline,
    lower: read(F.lower),
    upper: read(F.upper),
    score,
    flag,
    trend,
    forecastFrom: forecastStart(value, baseline),
    method: methodOf(frame),
    anomalyCount: countRuns(flag),
    peakScore: scored?.peak ?? 0,
    // The trend output is a value and its fitted line: it is not meant to have bands.
    missing: trend ? [] : missing,
    changes: [],
    events: [],
  };
}

function allNumbers(values: unknown[]): values is number[] {
  for (let i = 0; i < values.length; i++) {
    if (typeof values[i] !== 'number') {
      return false;
    }
  }
  return true;
}

/** The value field's display name: the legend format's name for the backend's frames. */
function seriesName(frame: DataFrame, frames: DataFrame[], field: Field): string {
  const fromConfig = field.config.displayName || field.config.displayNameFromDS;
  if (fromConfig) {
    return fromConfig;
  }
  if (field.name === F.value && frame.name) {
    return frame.name;
  }
  return getFieldDisplayName(field, frame, frames);
}

/** The detector named in the executed query ("Detector: robust, window 1h, …", "Forecast: linear over …"). */
function methodOf(frame: DataFrame): string | undefined {
  const executed = frame.meta?.executedQueryString ?? '';
  const m = /(?:Detector|Forecast): (\w+)/.exec(executed);
  if (m) {
    return m[1];
  }
  return /Trend: /.test(executed) ? 'trend' : undefined;
}

/** Series names repeat when two queries return the same series: the later ones get " (2)", " (3)". */
function uniqueNames(series: OverlaySeries[]): OverlaySeries[] {
  const seen = new Map<string, number>();
  for (const s of series) {
    const n = (seen.get(s.name) ?? 0) + 1;
    seen.set(s.name, n);
    if (n > 1) {
      s.name = `${s.name} (${n})`;
    }
  }
  return series;
}
