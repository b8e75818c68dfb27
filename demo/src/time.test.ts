import { floorTick, formatDuration, parseDuration, parseTime, parseWeekTime } from './time';

describe('durations', () => {
  it.each([
    ['15s', 15],
    ['5m', 300],
    ['1h30m', 5400],
    ['35d', 35 * 86400],
    ['1w', 604800],
  ])('%s is %i seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
    expect(parseDuration(formatDuration(seconds))).toBe(seconds);
  });

  it.each(['', '5', 'm5', '5x', '1h 30m', '-5m'])('rejects %j', (text) => {
    expect(() => parseDuration(text)).toThrow(/invalid duration/);
  });
});

describe('times', () => {
  it('reads a UTC time of the week from Monday 00:00', () => {
    expect(parseWeekTime('mon 00:00')).toBe(0);
    expect(parseWeekTime('tue 09:30')).toBe(86400 + 9.5 * 3600);
    expect(parseWeekTime('Sun 23:59')).toBe(6 * 86400 + 23 * 3600 + 59 * 60);
    expect(() => parseWeekTime('tue 24:00')).toThrow(/time of week/);
  });

  it('reads now, now-DURATION, unix seconds and ISO dates', () => {
    const now = 1_800_000_000;
    expect(parseTime('now', now)).toBe(now);
    expect(parseTime('now-3d', now)).toBe(now - 3 * 86400);
    expect(parseTime('1795671205', now)).toBe(1795671205);
    expect(parseTime('2026-01-05T00:00:00Z', now)).toBe(1767571200);
    expect(() => parseTime('yesterday', now)).toThrow(/invalid time/);
  });

  it('floors to the 15 s grid', () => {
    expect(floorTick(1795671214)).toBe(1795671210);
    expect(floorTick(1795671210)).toBe(1795671210);
  });
});
