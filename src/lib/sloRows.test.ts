import { SEED_SLOS } from '../datasource/lib/seedSlos';
import type { BurnRate, SloSummary } from '../panels/slobudget/lib/model';
import { alertsBySlo, countAlerts } from './sloAlerts';
import { byUrgency, fastestBurn, matchesFilter, type SloRow } from './sloRows';

const pair = (longBurn: number, shortBurn: number, threshold: number): BurnRate => ({
  severity: 'page',
  longWindow: '1h',
  shortWindow: '5m',
  threshold,
  longBurn,
  shortBurn,
  firing: false,
  feasible: true,
});

const row = (id: string, summary?: Partial<SloSummary>, alerts: SloRow['alerts'] = []): SloRow => ({
  datasourceUid: 'ds',
  datasourceName: 'DS',
  slo: { ...SEED_SLOS[0], id, name: id },
  summary: summary && ({ state: 'ok', remainingRatio: 0.5, exhaustionSeconds: Infinity, ...summary } as SloSummary),
  burnRates: [],
  alerts,
});

describe('fastestBurn', () => {
  it('is the pair whose smaller burn is the largest share of its threshold', () => {
    // 10/14.4 = 0.69 against min(20, 2)/3 = 0.67 and 1/1 = 1.
    const ticket = pair(1, 1.5, 1);
    expect(fastestBurn([pair(10, 12, 14.4), pair(20, 2, 3), ticket])).toBe(ticket);
    expect(fastestBurn([pair(NaN, NaN, 14.4)])).toBeUndefined();
  });
});

describe('byUrgency', () => {
  it('puts firing alerts first, then state, pending alerts, soonest exhaustion, least budget', () => {
    const rows = [
      row('no-data'),
      row('ok-slow', { exhaustionSeconds: 7200 }),
      row('ok-fast', { exhaustionSeconds: 60 }),
      row('breaching', { state: 'breaching' }),
      row('ok-firing', {}, [{ rule: 'r', state: 'firing', labels: {} }]),
      row('ok-pending', {}, [{ rule: 'r', state: 'pending', labels: {} }]),
      row('ok-low', { remainingRatio: 0.1 }),
    ];
    expect(rows.sort(byUrgency).map((r) => r.slo.id)).toEqual([
      'ok-firing',
      'breaching',
      'ok-pending',
      'ok-fast',
      'ok-slow',
      'ok-low',
      'no-data',
    ]);
  });
});

describe('matchesFilter', () => {
  const r = { ...row('availability'), slo: SEED_SLOS[0] };
  it.each([
    ['service=claude-enhancer', true],
    ['service="claude-enhancer"', true],
    ['service=auth', false],
    ['avail', true],
    ['AVAIL sla=availability', true],
    ['avail sla=latency', false],
    ['', true],
  ])('%s → %s', (filter, want) => expect(matchesFilter(r, filter)).toBe(want));
});

describe('alertsBySlo', () => {
  it('keeps firing and pending alerts of rules about an SLO, by the slo label', () => {
    const map = alertsBySlo({
      status: 'success',
      data: {
        groups: [
          {
            name: 'g',
            file: 'f',
            rules: [
              {
                name: 'burn',
                state: 'firing',
                labels: { slo: 'a' },
                alerts: [
                  { labels: { severity: 'page' }, state: 'Alerting' },
                  { labels: { slo: 'b' }, state: 'Pending' },
                  { labels: {}, state: 'Normal' },
                ],
              },
              { name: 'other', state: 'firing', alerts: [{ labels: {}, state: 'Alerting' }] },
            ],
          },
        ],
      },
    });
    expect(countAlerts(map.get('a'))).toEqual({ firing: 1, pending: 0 });
    expect(countAlerts(map.get('b'))).toEqual({ firing: 0, pending: 1 });
    expect([...map.keys()]).toEqual(['a', 'b']);
  });
});
