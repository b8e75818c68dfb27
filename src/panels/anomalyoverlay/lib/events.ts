import { FieldType, type DataFrame, type Field } from '@grafana/data';

import type { ChangePoint, SeriesEvent } from './model';
import { finiteOrNull } from './values';

/** The backend's events output (pkg/frames/events.go): a table with time, timeEnd, title, text, tags, series. */
export function isEventsFrame(frame: DataFrame): boolean {
  const names = new Set(frame.fields.map((f) => f.name));
  return ['time', 'timeEnd', 'tags', 'series'].every((n) => names.has(n));
}

/** Labels written as the backend writes them (Go SDK data.Labels.String): `k=v, k=v`, sorted by key. */
export function labelKey(labels: Record<string, string> | undefined): string {
  return Object.keys(labels ?? {})
    .sort()
    .map((k) => `${k}=${labels![k]}`)
    .join(', ');
}

/** Events and level shifts of every events frame, by the series' label key. */
export function eventsBySeries(frames: DataFrame[]) {
  const events = new Map<string, SeriesEvent[]>();
  const changes = new Map<string, ChangePoint[]>();
  for (const frame of frames.filter(isEventsFrame)) {
    const col = (name: string): Field | undefined => frame.fields.find((f) => f.name === name);
    const time = col('time')!.values;
    const timeEnd = col('timeEnd')!.values;
    const tags = col('tags')!.values;
    const series = col('series')!.values;
    const text = col('text')?.values ?? [];
    const value = finiteOrNull(numeric(col('value')));
    const yhat = finiteOrNull(numeric(col('yhat')));
    for (let i = 0; i < frame.length; i++) {
      const [kind = '', method = '', direction = ''] = String(tags[i] ?? '').split(',');
      const key = String(series[i] ?? '');
      const e: SeriesEvent = {
        time: Number(time[i]),
        timeEnd: Number(timeEnd[i]),
        kind,
        method,
        direction,
        text: String(text[i] ?? ''),
        references: seasonalReferences(String(text[i] ?? '')),
      };
      push(events, key, e);
      if (kind === 'level shift' && value[i] !== null && yhat[i] !== null) {
        push(changes, key, { time: e.timeEnd, size: value[i]! - yhat[i]!, direction });
      }
    }
  }
  return { events, changes };
}

/** Seconds to threshold of the forecast's score output (numeric-multi frames), by label key. */
export function timeToThresholdBySeries(frames: DataFrame[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const frame of frames) {
    const field = frame.fields.find((f) => f.name === 'time_to_threshold' && f.type === FieldType.number);
    if (field && field.values.length > 0) {
      out.set(labelKey(field.labels), Number(field.values[field.values.length - 1]));
    }
  }
  return out;
}

/** The values after "earlier seasons:" in an event's text ("… earlier seasons: 98.2, 101, 99.5."). */
export function seasonalReferences(text: string): number[] {
  const m = /earlier seasons: (.*?)\.(?:\s|$)/.exec(text);
  if (!m) {
    return [];
  }
  return m[1]
    .split(',')
    .map((s) => Number(s.trim()))
    .filter(Number.isFinite);
}

function numeric(field: Field | undefined): unknown[] {
  return field?.values ?? [];
}

function push<T>(map: Map<string, T[]>, key: string, item: T) {
  const list = map.get(key);
  if (list) {
    list.push(item);
  } else {
    map.set(key, [item]);
  }
}
