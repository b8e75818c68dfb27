import {
  CoreApp,
  FieldType,
  type DataFrame,
  type DataQueryRequest,
  type DataQueryResponse,
  type TimeRange,
} from '@grafana/data';

import type { AnomalyQuery, DetectionQuery, TrendQuery } from '../types';

/** Quiet time after the last edit before the preview query runs. */
export const PREVIEW_DEBOUNCE_MS = 600;

export const PREVIEW_REF_ID = 'events-preview';

/** Kinds whose options decide which events fire: the preview counts them. */
export function previewable(query: DetectionQuery): query is AnomalyQuery | TrendQuery {
  return (query.queryType === 'anomaly' || query.queryType === 'trend') && Boolean(query.expr?.trim());
}

/** The editor's current, unsaved query asking for events over the panel's range. */
export function previewRequest(query: AnomalyQuery | TrendQuery, range: TimeRange): DataQueryRequest<DetectionQuery> {
  const target: DetectionQuery = { ...query, refId: PREVIEW_REF_ID, output: 'events', hide: false };
  return {
    requestId: `${PREVIEW_REF_ID}-${query.refId}`,
    app: CoreApp.Unknown,
    targets: [target],
    range,
    interval: '1m',
    intervalMs: 60_000,
    maxDataPoints: 1000,
    scopedVars: {},
    timezone: 'utc',
    startTime: 0,
  };
}

/** The number of events in an events answer (rows of its table), or the answer's error. */
export function countEvents(response: DataQueryResponse): number {
  const error = response.errors?.[0];
  if (error) {
    throw new Error(error.message ?? 'the preview query failed');
  }
  return (response.data as DataFrame[])
    .filter((frame) => frame.fields.some((f) => f.name === 'time' && f.type === FieldType.time))
    .reduce((n, frame) => n + frame.length, 0);
}

/** "No events", "1 event", "12 events" in this range. */
export function eventsLabel(count: number): string {
  return `${count === 0 ? 'No' : count} event${count === 1 ? '' : 's'} in this range`;
}
