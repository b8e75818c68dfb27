import { createDataFrame, FieldType } from '@grafana/data';

import { SEED_SLOS } from '../datasource/lib/seedSlos';
import { burnRateSeries, exploreUrl, sliSeriesExpr, spendingPeriods } from './sloDetail';

describe('spendingPeriods', () => {
  it('finds the falling stretches, the largest first', () => {
    const b = {
      time: [0, 1, 2, 3, 4, 5, 6, 7],
      remaining: [1, 0.9, 0.9, 0.6, 0.5, 0.55, NaN, 0.4],
      ideal: [],
    };
    const periods = spendingPeriods(b);
    expect(periods.map((p) => [p.start, p.end])).toEqual([
      [2, 4],
      [5, 7],
      [0, 1],
    ]);
    expect(periods[0].spent).toBeCloseTo(0.4);
    expect(periods[1].spent).toBeCloseTo(0.15);
  });
});

describe('burnRateSeries', () => {
  it('reads one series per long window', () => {
    const frame = createDataFrame({
      fields: [
        { name: 'Time', type: FieldType.time, values: [1, 2] },
        { name: 'burn_rate', type: FieldType.number, values: [0.5, 16], labels: { slo: 'a', window: '1h' } },
      ],
    });
    expect(burnRateSeries([frame])).toEqual([{ window: '1h', time: [1, 2], values: [0.5, 16] }]);
  });
});

describe('exploreUrl', () => {
  it('opens the SLI series of each kind on the same datasource and range', () => {
    expect(SEED_SLOS.map(sliSeriesExpr)).toEqual([
      'up{job=~"claude-enhancer.*"}',
      'auth_response_time_bucket',
      'auth_requests_total',
    ]);
    const url = new URL(exploreUrl(SEED_SLOS[2], 'ce-anomaly', { from: 'now-6h', to: 'now' }), 'http://g');
    const panes = JSON.parse(url.searchParams.get('panes')!);
    expect(panes.slo.range).toEqual({ from: 'now-6h', to: 'now' });
    expect(panes.slo.queries[0]).toMatchObject({ expr: 'auth_requests_total', datasource: { uid: 'ce-anomaly' } });
  });
});
