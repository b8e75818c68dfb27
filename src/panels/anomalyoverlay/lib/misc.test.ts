import { dateTime, type DataQueryRequest } from '@grafana/data';

import { migrateOptions } from '../migrate';
import { DEFAULT_OPTIONS } from '../types';
import { formatDuration } from './display';
import { exploreLink } from './links';
import { snapToMarker } from './reading';
import { finiteWithPeak } from './values';

describe('migrateOptions', () => {
  const panel = (options: unknown) =>
    ({
      id: 1,
      type: 'claudeenhancer-anomalyoverlay-panel',
      options,
      fieldConfig: { defaults: {}, overrides: [] },
    }) as never;

  it('passes the first version’s options through unchanged', () => {
    const v1 = { ...DEFAULT_OPTIONS, topN: 4, selected: ['api'], showScoreStrip: true };
    expect(migrateOptions(panel(v1))).toEqual(v1);
  });

  it('defaults what is missing, drops unknown keys and reads a top N saved as text', () => {
    expect(migrateOptions(panel({ topN: '3', legacy: true }))).toEqual({ ...DEFAULT_OPTIONS, topN: 3 });
    expect(migrateOptions(panel(undefined))).toEqual(DEFAULT_OPTIONS);
    expect(migrateOptions(panel({ topN: 0, selected: 'api' }))).toEqual(DEFAULT_OPTIONS);
  });
});

describe('exploreLink', () => {
  const request = {
    targets: [{ refId: 'A', datasource: { type: 'claudeenhancer-anomaly-datasource', uid: 'ce-anomaly' }, expr: 'up' }],
    range: { from: dateTime(0), to: dateTime(1), raw: { from: 'now-1h', to: 'now' } },
  } as unknown as DataQueryRequest;

  it('opens the same query and datasource in Explore over the absolute range', () => {
    const link = exploreLink(request, 'A', { from: 1764136800000, to: 1764140400000 })!;
    const panes = JSON.parse(new URLSearchParams(link.href.split('?')[1]).get('panes')!);
    expect(panes.a).toEqual({
      datasource: 'ce-anomaly',
      queries: [request.targets[0]],
      range: { from: '1764136800000', to: '1764140400000' },
    });
  });

  it('has no link for a series whose query is not in the request', () => {
    expect(exploreLink(request, 'B', { from: 0, to: 1 })).toBeUndefined();
    expect(exploreLink(undefined, 'A', { from: 0, to: 1 })).toBeUndefined();
  });
});

describe('formatDuration', () => {
  it.each([
    [45, '45s'],
    [3600 * 3 + 600, '3h 10m'],
    [86400 * 2 + 3600 * 4 + 59, '2d 4h'],
    [0, '0s'],
    [Infinity, 'never'],
  ])('%s s reads %s', (s, text) => expect(formatDuration(s)).toBe(text));
});

describe('finiteWithPeak', () => {
  it('returns a clean array as it is, with its largest value', () => {
    const values = [null, 1, 3.5, null, 2];
    expect(finiteWithPeak(values)).toEqual({ values, peak: 3.5 });
    expect(finiteWithPeak(values).values).toBe(values);
  });

  it('nulls non-finite values and finds the largest after them too, 0 when all are below', () => {
    expect(finiteWithPeak([1, NaN, Infinity, 7, null])).toEqual({ values: [1, null, null, 7, null], peak: 7 });
    expect(finiteWithPeak([-3, null])).toEqual({ values: [-3, null], peak: 0 });
    expect(finiteWithPeak(new Float64Array([2, NaN]))).toEqual({ values: [2, null], peak: 2 });
  });
});

describe('snapToMarker', () => {
  const x = [0, 10, 20, 30, 40, 50];
  it('keeps a flagged point, and explains the flagged neighbour whose marker is under the cursor', () => {
    expect(snapToMarker([2, 3], x, 3, 25, 35)).toBe(3);
    expect(snapToMarker([3], x, 2, 15, 30)).toBe(3);
  });
  it('takes the flagged point nearest the cursor’s point when two are in reach', () => {
    expect(snapToMarker([1, 4], x, 2, 5, 40)).toBe(1);
  });
  it('keeps the nearest point when no marker is in reach', () => {
    expect(snapToMarker([5], x, 2, 15, 25)).toBe(2);
    expect(snapToMarker([], x, 2, 0, 50)).toBe(2);
  });
});
