import { FieldType, type DataFrame, type Field } from '@grafana/data';

/** 2026-11-26 06:00 UTC, one point a minute. */
export const T0 = Date.UTC(2026, 10, 26, 6);
export const STEP = 60_000;

type Num = number | null;

interface BandsSpec {
  name: string;
  labels?: Record<string, string>;
  n?: number;
  /** Warm-up points at the start without baseline or band: NaN (the backend before issue 12) or null. */
  warmup?: number;
  gap?: 'nan' | 'null';
  /** Indexes flagged as anomalies (value pushed 10 above the baseline, score 5). */
  flagged?: number[];
  refId?: string;
  executed?: string;
}

const field = (
  name: string,
  values: unknown[],
  labels?: Record<string, string>,
  displayNameFromDS?: string
): Field => ({
  name,
  type: name === 'time' ? FieldType.time : FieldType.number,
  values,
  labels,
  config: displayNameFromDS ? { displayNameFromDS } : {},
});

/** A frame of the anomaly query's bands output, as pkg/frames.Bands builds it. */
export function bandsFrame(spec: BandsSpec): DataFrame {
  const { name, labels = { service: name }, n = 60, warmup = 0, gap = 'nan', flagged = [] } = spec;
  const missing = gap === 'nan' ? NaN : null;
  const time = Array.from({ length: n }, (_, i) => T0 + i * STEP);
  const base = (i: number) => 100 + 5 * Math.sin(i / 6);
  const warm = (i: number, v: number): Num => (i < warmup ? missing : v);
  const isFlagged = (i: number) => flagged.includes(i);
  const value = time.map((_, i) => base(i) + (isFlagged(i) ? 10 : 0.5));
  const cols: Record<string, Num[]> = {
    value,
    yhat: time.map((_, i) => warm(i, base(i))),
    yhat_lower: time.map((_, i) => warm(i, base(i) - 2)),
    yhat_upper: time.map((_, i) => warm(i, base(i) + 2)),
    anomaly_score: time.map((_, i) => warm(i, isFlagged(i) ? 5 : 0.25)),
    anomaly: time.map((_, i) => (isFlagged(i) ? 1 : 0)),
  };
  return {
    name,
    refId: spec.refId ?? 'A',
    meta: { executedQueryString: spec.executed ?? 'up\nDetector: robust, window 1h, threshold 4, step 1m' },
    length: n,
    fields: [
      field('time', time),
      ...Object.entries(cols).map(([k, v]) => field(k, v, labels, k === 'value' ? name : `${name} ${k}`)),
    ],
  };
}

/** A plain time series frame, as any datasource returns it: time and one number field. */
export function plainFrame(name: string, n = 60): DataFrame {
  const time = Array.from({ length: n }, (_, i) => T0 + i * STEP);
  return {
    name,
    refId: 'A',
    length: n,
    fields: [
      field('time', time),
      {
        ...field(
          'cpu',
          time.map((_, i) => 0.4 + i / 1000)
        ),
        config: { unit: 'percentunit' },
      },
    ],
  };
}

/** The anomaly query's events output with one event per entry. */
export function eventsFrame(
  rows: Array<{ series: string; at: number; end?: number; tags: string; text?: string; value?: number; yhat?: number }>
): DataFrame {
  const col = <T>(name: string, f: (r: (typeof rows)[number]) => T, type = FieldType.number): Field => ({
    name,
    type,
    values: rows.map(f),
    config: {},
  });
  return {
    name: 'events',
    refId: 'E',
    length: rows.length,
    fields: [
      col('time', (r) => r.at, FieldType.time),
      col('timeEnd', (r) => r.end ?? r.at, FieldType.time),
      col('title', () => 'Anomaly', FieldType.string),
      col('text', (r) => r.text ?? '', FieldType.string),
      col('tags', (r) => r.tags, FieldType.string),
      col('series', (r) => r.series, FieldType.string),
      col('peak_score', () => 5),
      col('value', (r) => r.value ?? 110),
      col('yhat', (r) => r.yhat ?? 100),
    ],
  };
}
