import {
  formatBudget,
  formatBurn,
  formatCount,
  formatDuration,
  formatExhaustion,
  formatPercent,
  formatRemaining,
  formatSliVsObjective,
  formatThreshold,
  formatWindow,
} from './format';

/** The formatters keep figures together with no-break spaces; the cases read better with plain ones. */
const plain = (s: string) => s.replace(/\u00a0/g, ' ');

describe('formatDuration', () => {
  it.each([
    // 30 d at 99.9 %: (1 − 0.999) · 2 592 000 s = 2592 s.
    [2592, '43m 12s'],
    [1872, '31m 12s'],
    [11399, '3h 10m'],
    [11400, '3h 10m'],
    [3600, '1h'],
    // 59m 59.6s rounds to the second and carries into the hour.
    [3599.6, '1h'],
    [86399, '1d'],
    [90000, '1d 1h'],
    [45, '45s'],
    [0, '0s'],
    [0.4, '< 1s'],
    [-243, '4m 3s'],
    [Infinity, '∞'],
  ])('%p seconds read "%s"', (seconds, want) => {
    expect(plain(formatDuration(seconds))).toBe(want);
  });
});

describe('formatWindow', () => {
  it.each([
    [2_592_000, '30d'],
    [86_400, '1d'],
    [5400, '90m'],
    [3600, '1h'],
    [45, '45s'],
  ])('%p seconds are "%s"', (seconds, want) => {
    expect(formatWindow(seconds)).toBe(want);
  });
});

describe('formatCount', () => {
  it.each([
    [43200, '43,200'],
    [12345.4, '12,345'],
    [4.32, '4.3'],
    [1, '1'],
  ])('%p is "%s"', (n, want) => {
    expect(formatCount(n)).toBe(want);
  });
});

describe('formatBudget', () => {
  it('gives a time budget as time left of time allowed', () => {
    expect(plain(formatBudget({ remaining: 1872, allowed: 2592, unit: 'seconds' }))).toBe('31m 12s left of 43m 12s');
  });
  it('gives an event budget as errors left of errors allowed', () => {
    expect(plain(formatBudget({ remaining: 12345, allowed: 43200, unit: 'events' }))).toBe(
      '12,345 of 43,200 errors left'
    );
  });
  it('says by how much an overspent budget is over', () => {
    expect(plain(formatBudget({ remaining: -243, allowed: 2592, unit: 'seconds' }))).toBe(
      'overspent by 4m 3s (43m 12s allowed)'
    );
    expect(plain(formatBudget({ remaining: -1234, allowed: 43200, unit: 'events' }))).toBe(
      'overspent by 1,234 errors (43,200 allowed)'
    );
  });
  it('uses the singular for one error', () => {
    expect(formatBudget({ remaining: 0.6, allowed: 1, unit: 'events' })).toBe('0.6 of 1 error left');
  });
  it('names what the budget counts by SLI kind', () => {
    expect(formatBudget({ remaining: 1872, allowed: 2592, unit: 'seconds', kind: 'availability' })).toBe(
      '31.2 of 43.2 bad minutes left'
    );
    expect(formatBudget({ remaining: 1234.5, allowed: 2143.2, unit: 'events', kind: 'latency' })).toBe(
      '1,235 of 2,143 slow requests left'
    );
    expect(formatBudget({ remaining: -1, allowed: 50, unit: 'events', kind: 'latency' })).toBe(
      'overspent by 1 slow request (50 allowed)'
    );
    expect(formatBudget({ remaining: 12345, allowed: 43200, unit: 'events', kind: 'ratio' })).toBe(
      '12,345 of 43,200 errors left'
    );
  });
  it('says there is no budget without events', () => {
    expect(formatBudget({ remaining: NaN, allowed: NaN, unit: 'events' })).toBe('no budget: no events in the window');
  });
});

describe('formatRemaining', () => {
  it.each([
    [{ remaining: 1872, unit: 'seconds' as const }, '31m 12s left'],
    [{ remaining: 12345, unit: 'events' as const }, '12,345 errors left'],
    [{ remaining: -243, unit: 'seconds' as const }, 'overspent by 4m 3s'],
    [{ remaining: -1, unit: 'events' as const }, 'overspent by 1 error'],
    [{ remaining: NaN, unit: 'events' as const }, 'no budget'],
    [{ remaining: 1872, unit: 'seconds' as const, kind: 'availability' as const }, '31.2 bad minutes left'],
    [{ remaining: -60, unit: 'seconds' as const, kind: 'availability' as const }, 'overspent by 1 bad minute'],
    [{ remaining: 12, unit: 'events' as const, kind: 'latency' as const }, '12 slow requests left'],
    [{ remaining: 12345, unit: 'events' as const, kind: 'ratio' as const }, '12,345 errors left'],
  ])('%o reads "%s"', (s, want) => {
    expect(plain(formatRemaining(s))).toBe(want);
  });
});

describe('formatPercent', () => {
  it('drops trailing zeros', () => {
    expect(plain(formatPercent(0.999))).toBe('99.9 %');
    expect(plain(formatPercent(0.95))).toBe('95 %');
    expect(plain(formatPercent(2 / 7, 1))).toBe('28.6 %');
    expect(plain(formatPercent(0.5, 0))).toBe('50 %');
  });
});

describe('formatSliVsObjective', () => {
  it('shows the SLI with one decimal more than the objective', () => {
    expect(plain(formatSliVsObjective(0.99934, 0.999))).toBe('99.93 % vs 99.9 %');
    expect(plain(formatSliVsObjective(0.9712, 0.95))).toBe('97.12 % vs 95 %');
    expect(plain(formatSliVsObjective(0.99962, 0.9995))).toBe('99.962 % vs 99.95 %');
  });
  it('adds decimals rather than round an SLI below the objective up to it', () => {
    expect(plain(formatSliVsObjective(0.998996, 0.999))).toBe('99.8996 % vs 99.9 %');
  });
  it('says when there is no SLI', () => {
    expect(plain(formatSliVsObjective(NaN, 0.99))).toBe('no SLI vs 99 %');
  });
});

describe('formatExhaustion', () => {
  it.each([
    [11400, 100, 'budget exhausted in 3h 10m'],
    [Infinity, 100, 'not burning'],
    [0, 0, 'budget exhausted'],
    [Infinity, -5, 'budget exhausted'],
    [NaN, 100, 'exhaustion unknown'],
  ])('%p s with %p left reads "%s"', (seconds, remaining, want) => {
    expect(plain(formatExhaustion(seconds, remaining))).toBe(want);
  });
});

describe('burn rates', () => {
  it('formats burns with fewer decimals as they grow', () => {
    expect(formatBurn(0.523)).toBe('0.52×');
    expect(formatBurn(15.24)).toBe('15.2×');
    expect(formatBurn(1440)).toBe('1440×');
    expect(formatBurn(NaN)).toBe('–');
  });
  it('formats thresholds as the Workbook writes them', () => {
    expect(formatThreshold(14.4)).toBe('14.4×');
    expect(formatThreshold(6)).toBe('6×');
    expect(formatThreshold(14.400000000000002)).toBe('14.4×');
  });
});
