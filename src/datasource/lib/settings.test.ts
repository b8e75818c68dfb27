import { parseResponseLimit, parseScrapeInterval } from './settings';

describe('parseResponseLimit', () => {
  it('reads an empty field as "use the default"', () => {
    expect(parseResponseLimit(' ')).toEqual({});
  });

  it.each([
    ['1', 1],
    ['250', 250],
    [' 4096 ', 4096],
  ])('stores %j as %d MB', (text, value) => {
    expect(parseResponseLimit(text)).toEqual({ value });
  });

  it.each(['0', '-5', '1.5', '4097', 'ten', '1e3', '0x10'])('refuses %j', (text) => {
    expect(parseResponseLimit(text)).toEqual({ error: 'Enter a whole number of megabytes from 1 to 4096.' });
  });
});

describe('parseScrapeInterval', () => {
  it('reads an empty field as "use the default"', () => {
    expect(parseScrapeInterval('')).toEqual({});
  });

  it('stores a duration as typed, trimmed', () => {
    expect(parseScrapeInterval(' 30s ')).toEqual({ value: '30s' });
  });

  it('refuses what is not a duration', () => {
    expect(parseScrapeInterval('often')).toEqual({ error: 'Enter a duration such as 15s, 1m30s or 2h.' });
  });

  it('refuses a zero interval', () => {
    expect(parseScrapeInterval('0s')).toEqual({ error: 'The duration must be longer than 0s.' });
  });

  it('refuses a variable, which nothing resolves in settings', () => {
    expect(parseScrapeInterval('$scrape')).toEqual({ error: 'Dashboard variables cannot be used in settings.' });
  });
});
