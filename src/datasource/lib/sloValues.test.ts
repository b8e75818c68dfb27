import {
  complementPercentText,
  parsePercentText,
  ratioToPercentText,
  shiftDecimal,
  timeZoneError,
  timeZones,
} from './sloValues';

describe('objectives: percent on screen, ratio in the settings', () => {
  it.each([
    ['99.9', 0.999],
    ['99.99', 0.9999],
    ['95', 0.95],
    ['99.95', 0.9995],
    ['99.999', 0.99999],
    ['90.5', 0.905],
    ['0.1', 0.001],
    ['99.9 %', 0.999],
    [' 99.5 ', 0.995],
  ])('reads %j as exactly %d', (text, ratio) => {
    const { value } = parsePercentText(text);
    expect(value).toBe(ratio);
    // What the settings hold, with no float noise.
    expect(JSON.stringify(value)).toBe(String(ratio));
  });

  it('does not divide by 100, which would store 0.9990000000000001', () => {
    expect(99.9 / 100).not.toBe(0.999);
    expect(parsePercentText('99.9').value).toBe(0.999);
  });

  it.each([
    ['', 'Enter the objective as a percentage, such as 99.9.'],
    ['abc', 'Enter a percentage such as 99.9.'],
    ['99,9', 'Enter a percentage such as 99.9.'],
    ['1e2', 'Enter a percentage such as 99.9.'],
  ])('refuses %j', (text, error) => {
    expect(parsePercentText(text)).toEqual({ error });
  });

  it.each([
    [0.999, '99.9'],
    [0.9999, '99.99'],
    [0.95, '95'],
    [0.5, '50'],
    [0.001, '0.1'],
    [1e-7, '0.00001'],
    [0.12345678901234566, '12.345678901234566'],
  ])('shows %d as %s', (ratio, text) => {
    expect(ratioToPercentText(ratio)).toBe(text);
  });

  it.each([0.999, 0.9999, 0.95, 0.9995, 1e-7, 0.12345678901234566, 0.3, 0.7])(
    'gives %d back unchanged after a round trip through the percent text',
    (ratio) => {
      expect(parsePercentText(ratioToPercentText(ratio)).value).toBe(ratio);
    }
  );

  it('moves decimal points as text', () => {
    expect(shiftDecimal('0.999', 2)).toBe('99.9');
    expect(shiftDecimal('99.9', -2)).toBe('0.999');
    expect(shiftDecimal('95', -2)).toBe('0.95');
    expect(shiftDecimal('1.5e-7', 2)).toBe('0.000015');
    expect(shiftDecimal('1e+21', 2)).toBe('100000000000000000000000');
    expect(shiftDecimal('0', 2)).toBe('0');
  });

  it.each([
    [0.999, '0.1'],
    [0.95, '5'],
    [0.9999, '0.01'],
  ])('gives the budget of %d as %s percent', (ratio, text) => {
    expect(complementPercentText(ratio)).toBe(text);
  });
});

describe('time zones', () => {
  it('lists UTC first and the IANA zones the browser knows', () => {
    expect(timeZones()[0]).toBe('UTC');
    expect(timeZones()).toContain('Europe/Paris');
  });

  it.each(['', 'UTC', 'Europe/Paris', 'America/New_York', 'Etc/UTC', 'US/Eastern'])('accepts %j', (name) => {
    expect(timeZoneError(name)).toBeUndefined();
  });

  it.each([
    ['Local', 'Local would be the server’s time zone: enter an IANA name such as Europe/Paris.'],
    ['europe/paris', 'Time zone names are case-sensitive: Europe/Paris.'],
    ['utc', 'Time zone names are case-sensitive: UTC.'],
    ['Mars/Olympus', 'Unknown time zone: enter an IANA name such as Europe/Paris.'],
    ['CEST', 'Unknown time zone: enter an IANA name such as Europe/Paris.'],
  ])('refuses %j', (name, error) => {
    expect(timeZoneError(name)).toBe(error);
  });
});
