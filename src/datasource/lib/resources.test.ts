import { dateTime, TimeRange } from '@grafana/data';

import { requestKey, resourceParams } from './resources';

const range: TimeRange = {
  from: dateTime('2026-11-27T10:00:00.250Z'),
  to: dateTime('2026-11-27T11:00:00.250Z'),
  raw: { from: 'now-1h', to: 'now' },
};

describe('resourceParams', () => {
  it('sends nothing when there is neither selector nor range', () => {
    expect(resourceParams()).toEqual({});
  });

  it('sends the range as whole Unix seconds that cover it', () => {
    expect(resourceParams({ range })).toEqual({ start: 1795773600, end: 1795777201 });
  });

  it('sends the selector and the range', () => {
    expect(resourceParams({ match: 'up{job="api"}', range })).toEqual({
      match: 'up{job="api"}',
      start: 1795773600,
      end: 1795777201,
    });
  });

  it('leaves out an empty selector', () => {
    expect(resourceParams({ match: '' })).toEqual({});
  });
});

describe('requestKey', () => {
  it('tells apart values of different labels and selectors', () => {
    const keys = [
      requestKey({ resource: 'metrics' }),
      requestKey({ resource: 'labels' }),
      requestKey({ resource: 'labels', match: 'up' }),
      requestKey({ resource: 'label-values', label: 'job' }),
      requestKey({ resource: 'label-values', label: 'job', match: 'up' }),
      requestKey({ resource: 'label-values', label: 'instance', match: 'up' }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });
});
