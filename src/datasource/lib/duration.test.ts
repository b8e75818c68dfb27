import { formatSLODuration, parseDurationMs, parseSLODurationMs, positiveDurationError } from './duration';

const MIN = 60_000;
const DAY = 86_400_000;

describe('parseDurationMs', () => {
  it.each([
    ['15s', 15_000],
    ['1m30s', 90_000],
    ['2h', 7_200_000],
    ['1d', 86_400_000],
    ['1w', 604_800_000],
    ['1y', 31_536_000_000],
    ['500ms', 500],
    ['1m500ms', 60_500],
    ['15', 15_000],
    ['0.5', 500],
    [' 30s ', 30_000],
    ['0s', 0],
  ])('reads %j as %d ms', (text, ms) => {
    expect(parseDurationMs(text)).toBe(ms);
  });

  it.each(['', 'abc', '1.5m', '-1s', '15 s', 's', '10x', '1m30', 'm30s'])('rejects %j', (text) => {
    expect(parseDurationMs(text)).toBeUndefined();
  });
});

describe('positiveDurationError', () => {
  it('accepts an empty field, since min step is optional', () => {
    expect(positiveDurationError('')).toBeUndefined();
  });

  it('accepts a variable, which is resolved when the query runs', () => {
    expect(positiveDurationError('$min_step')).toBeUndefined();
  });

  it('accepts a positive duration', () => {
    expect(positiveDurationError('1m30s')).toBeUndefined();
  });

  it('explains the format of an unreadable duration', () => {
    expect(positiveDurationError('fast')).toBe('Enter a duration such as 15s, 1m30s or 2h.');
  });

  it('rejects a zero duration', () => {
    expect(positiveDurationError('0s')).toBe('The duration must be longer than 0s.');
  });
});

describe('SLO durations, read as pkg/slo ParseDuration does', () => {
  it.each([
    ['30d', 30 * DAY],
    ['2w', 14 * DAY],
    ['1h30m', 90 * MIN],
    ['1d12h', 1.5 * DAY],
    ['500ms', 500],
    ['1m500ms', MIN + 500],
    ['0', 0],
    ['0s', 0],
  ])('reads %s', (text, ms) => {
    expect(parseSLODurationMs(text)).toBe(ms);
  });

  it.each([
    ['', 'empty'],
    ['30', 'a bare number'],
    ['1y', 'years, which slo.ParseDuration lacks'],
    ['30m1h', 'units out of order'],
    ['1h1h', 'a unit twice'],
    ['1.5h', 'a fraction'],
    [' 30d', 'spaces'],
    ['-1h', 'a sign'],
    ['1234567890123456789s', 'more than 18 digits'],
  ])('refuses %j (%s)', (text) => {
    expect(parseSLODurationMs(text)).toBeUndefined();
  });

  it.each([
    [30 * DAY, '30d'],
    [14 * DAY, '14d'],
    [90 * MIN, '1h30m'],
    [2_592_000, '43m12s'],
    [1500, '1s500ms'],
    [0, '0s'],
  ])('writes %d ms as %s, as slo.FormatDuration does', (ms, text) => {
    expect(formatSLODuration(ms)).toBe(text);
  });
});
