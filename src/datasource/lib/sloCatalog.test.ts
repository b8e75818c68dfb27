import limits from './testdata/slo-limits.json';
import type { InlineSLO, SLO } from '../types';
import {
  budgetLabel,
  isSlug,
  MAX_OBJECTIVE,
  nominalWindowMs,
  readWindow,
  sloSummary,
  validateCatalog,
  validateSLO,
  windowLabel,
} from './sloCatalog';

const DAY = 86_400_000;

const slo = (fields: Partial<SLO> = {}): SLO => ({
  id: 'checkout',
  sli: { kind: 'ratio', good: 'http_requests_total{code!~"5.."}', total: 'http_requests_total' },
  objective: 0.999,
  window: { kind: 'rolling', duration: '30d' },
  ...fields,
});

describe('windows, read as Window.UnmarshalJSON does', () => {
  it.each([
    ['a bare duration', '30d', { kind: 'rolling', duration: '30d', ms: 30 * DAY }],
    ['a rolling window', { kind: 'rolling', duration: '7d' }, { kind: 'rolling', duration: '7d', ms: 7 * DAY }],
    ['an object without kind but a unit', { unit: 'month' }, { kind: 'calendar', unit: 'month', timeZone: '' }],
    [
      'a calendar window',
      { kind: 'calendar', unit: 'week', timeZone: 'Europe/Paris' },
      { kind: 'calendar', unit: 'week', timeZone: 'Europe/Paris' },
    ],
    ['an unknown kind', { kind: 'fixed' }, { kind: 'invalid' }],
    ['nothing', undefined, { kind: 'invalid' }],
  ])('reads %s', (_, window, expected) => {
    expect(readWindow(window as SLO['window'])).toEqual(expected);
  });

  it.each([
    [{ kind: 'rolling', duration: '30d' }, 30 * DAY, '30d'],
    ['1w', 7 * DAY, '7d'],
    [{ kind: 'calendar', unit: 'week' }, 7 * DAY, 'calendar week'],
    [{ kind: 'calendar', unit: 'month', timeZone: 'UTC' }, 30 * DAY, 'calendar month'],
    [{ kind: 'calendar', unit: 'quarter', timeZone: 'Europe/Paris' }, 90 * DAY, 'calendar quarter (Europe/Paris)'],
  ])('scales %j by %d ms and labels it as the backend does', (window, nominal, label) => {
    expect(nominalWindowMs(window as SLO['window'])).toBe(nominal);
    expect(windowLabel(window as SLO['window'])).toBe(label);
  });
});

describe('display', () => {
  it('sums an SLO up as objective, window and SLI kind', () => {
    expect(sloSummary(slo())).toBe('99.9% · 30d · ratio');
    expect(sloSummary(slo({ objective: 0.95, window: { kind: 'calendar', unit: 'month' } }))).toBe(
      '95% · calendar month · ratio'
    );
  });

  it('gives the budget of an availability SLO as downtime', () => {
    const availability = slo({ sli: { kind: 'availability', expr: 'up', gaps: 'down' } });
    // 0.1 % of 30 days is 43.2 minutes (the seed's SLA).
    expect(budgetLabel(availability)).toBe('43m12s of downtime per 30d');
    expect(budgetLabel({ ...availability, window: { kind: 'calendar', unit: 'month' } })).toBe(
      '43m12s of downtime per month (30d nominal)'
    );
  });

  it('gives the budget of an event SLO as a share of events', () => {
    expect(budgetLabel(slo({ objective: 0.95, window: '7d' }))).toBe('5% of events per 7d');
    expect(budgetLabel(slo({ objective: 1 }))).toBeUndefined();
  });
});

describe('validateSLO, as SLO.Validate', () => {
  it('accepts a complete SLO of each kind', () => {
    expect(validateSLO(slo())).toEqual({});
    expect(validateSLO(slo({ sli: { kind: 'ratio', bad: 'errors_total', total: 'requests_total' } }))).toEqual({});
    expect(
      validateSLO(
        slo({
          sli: { kind: 'latency', histogram: 'http_request_duration_seconds', threshold: 0.3, selector: '{job="a"}' },
        })
      )
    ).toEqual({});
    expect(validateSLO(slo({ sli: { kind: 'availability', expr: 'up', gaps: 'ignore' } }))).toEqual({});
    expect(
      validateSLO(
        slo({
          window: { kind: 'calendar', unit: 'quarter', timeZone: 'Europe/Paris' },
          labels: { team: 'payments', _x: '' },
          minEvents: 0,
          violationFor: '30m',
          violationWindow: '5m',
        })
      )
    ).toEqual({});
  });

  it.each(['a', 'checkout-latency', 'x1', 'a'.repeat(63)])('accepts the id %j', (id) => {
    expect(isSlug(id)).toBe(true);
  });

  it.each(['', '-a', 'a-', 'Checkout', 'a_b', 'a.b', 'a'.repeat(64), 'é'])('refuses the id %j', (id) => {
    expect(isSlug(id)).toBe(false);
  });

  it('needs an id in the catalog but not inline, where a set id must still be a slug', () => {
    const { id, ...inline } = slo();
    expect(validateSLO({ ...inline, id: '' })).toEqual({ id: 'Enter an id, such as checkout-latency.' });
    expect(validateSLO(inline as InlineSLO, { requireId: false })).toEqual({});
    expect(validateSLO({ ...inline, id: 'Bad Id' }, { requireId: false })).toEqual({
      id: 'Use 1 to 63 lower-case letters, digits and hyphens, starting and ending with a letter or digit, such as checkout-latency.',
    });
  });

  it.each([0, 1, 99.9, -0.5, NaN])('refuses the objective %d: a ratio strictly between 0 and 1', (objective) => {
    expect(validateSLO(slo({ objective }))).toEqual({
      objective: 'Enter a percentage between 0 and 100, both excluded, such as 99.9.',
    });
  });

  it.each([0.999999, 1 - 1e-14])('refuses the objective %d: above five nines, as the backend does', (objective) => {
    expect(validateSLO(slo({ objective }))).toEqual({
      objective: 'Enter at most 99.999: above five nines the error budget is too small to measure.',
    });
  });

  it('accepts five nines exactly', () => {
    expect(validateSLO(slo({ objective: 0.99999 }))).toEqual({});
  });

  // pkg/slo's TestFrontendObjectiveBoundMatchesMaxObjective checks the same file against MaxObjective.
  it('bounds the objective where the backend does', () => {
    expect(MAX_OBJECTIVE).toBe(limits.maxObjective);
  });

  it.each<[string, SLO['window'], object]>([
    ['an empty duration', { kind: 'rolling', duration: '' }, { window: 'Enter a duration such as 30d.' }],
    [
      'a duration slo.ParseDuration refuses',
      { kind: 'rolling', duration: '30 days' },
      { window: 'Enter a duration such as 30d, 6h or 1h30m (units w, d, h, m, s, ms, largest first).' },
    ],
    ['a zero duration', '0s', { window: 'The window must be longer than 0s.' }],
    [
      'an unknown calendar unit',
      { kind: 'calendar', unit: 'year' as 'month' },
      { window: 'Choose a week, a month or a quarter.' },
    ],
    [
      'an unknown time zone',
      { kind: 'calendar', unit: 'month', timeZone: 'Paris' },
      { timeZone: 'Unknown time zone: enter an IANA name such as Europe/Paris.' },
    ],
    [
      'an unknown kind',
      { kind: 'sliding' } as unknown as SLO['window'],
      { window: 'Choose a rolling or a calendar window.' },
    ],
  ])('refuses %s', (_, window, problems) => {
    expect(validateSLO(slo({ window }))).toEqual(problems);
  });

  it.each<[string, SLO['sli'], object]>([
    [
      'a ratio without total or events',
      { kind: 'ratio', good: ' ', total: '' },
      {
        total: 'Enter the PromQL of all events.',
        good: 'Enter the PromQL of the good events, or of the bad ones.',
      },
    ],
    [
      'a ratio with both good and bad',
      { kind: 'ratio', good: 'a', bad: 'b', total: 'c' },
      { bad: 'Set the good events or the bad ones, not both.' },
    ],
    [
      'a ratio with a field of another kind',
      { kind: 'ratio', good: 'a', total: 'c', histogram: 'h', gaps: 'down' },
      { kind: 'A ratio SLI does not take histogram, gaps.' },
    ],
    [
      'a latency SLI on a _bucket series, without threshold, with a bare selector',
      { kind: 'latency', histogram: 'http_duration_seconds_bucket', selector: 'job="a"' },
      {
        histogram: 'Enter the histogram’s base name, without _bucket.',
        threshold: 'Enter a positive number of seconds, such as 0.2.',
        selector: 'Enter label matchers in braces, such as {job="api"}, or nothing.',
      },
    ],
    [
      'a latency SLI on a selector rather than a metric name',
      { kind: 'latency', histogram: 'h{job="a"}', threshold: -1 },
      {
        histogram: 'Enter the metric name of a histogram, such as http_request_duration_seconds.',
        threshold: 'Enter a positive number of seconds, such as 0.2.',
      },
    ],
    [
      'an availability SLI without series or gap policy',
      { kind: 'availability', expr: '' },
      {
        expr: 'Enter the PromQL of a 0/1 series, such as up{job="api"}.',
        gaps: 'Choose how gaps in the series count.',
      },
    ],
    [
      'an unknown kind',
      { kind: 'freeform' } as unknown as SLO['sli'],
      { kind: 'Choose ratio, latency or availability.' },
    ],
  ])('refuses %s', (_, sli, problems) => {
    expect(validateSLO(slo({ sli }))).toEqual(problems);
  });

  it('refuses label names Prometheus would refuse, negative min events and violations as long as the window', () => {
    expect(
      validateSLO(
        slo({
          window: '1d',
          labels: { ok: '1', '1bad': '2' },
          minEvents: -1,
          violationFor: '1d',
          violationWindow: '5 minutes',
        })
      )
    ).toEqual({
      labels: '“1bad” is not a label name: use letters, digits and _, not first a digit.',
      minEvents: 'Enter a number of events of 0 or more.',
      violationFor: 'Must be shorter than the 1d window.',
      violationWindow: 'Enter a duration such as 30d, 6h or 1h30m (units w, d, h, m, s, ms, largest first).',
    });
  });
});

describe('validateCatalog, as Catalog.Validate', () => {
  it('reports a duplicate id on the later entry', () => {
    expect(validateCatalog([slo(), slo({ id: 'other' }), slo({ objective: 2 })])).toEqual([
      {},
      {},
      {
        id: 'SLO 1 already has the id “checkout”.',
        objective: 'Enter a percentage between 0 and 100, both excluded, such as 99.9.',
      },
    ]);
  });
});
