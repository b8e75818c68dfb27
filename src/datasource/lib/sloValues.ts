/*
 * The values of an SLO definition as the backend reads them (pkg/slo/window.go): objectives
 * entered as percents but stored as ratios, and time zones. SLO durations are in ./duration.
 */

/**
 * Moves the decimal point of a number's decimal text by `places` (right when positive) without
 * arithmetic, so no binary rounding creeps in: `0.999` → `99.9`, `1e-7` → `0.00001`.
 */
export function shiftDecimal(text: string, places: number): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i.exec(text.trim());
  if (!match) {
    return text;
  }
  const [, sign, int, frac = '', exp = '0'] = match;
  const digits = int + frac;
  const point = int.length + Number(exp) + places;
  let whole: string;
  let fraction: string;
  if (point <= 0) {
    [whole, fraction] = ['0', '0'.repeat(-point) + digits];
  } else if (point >= digits.length) {
    [whole, fraction] = [digits + '0'.repeat(point - digits.length), ''];
  } else {
    [whole, fraction] = [digits.slice(0, point), digits.slice(point)];
  }
  whole = whole.replace(/^0+(?=\d)/, '');
  fraction = fraction.replace(/0+$/, '');
  const result = fraction ? `${whole}.${fraction}` : whole;
  return result === '0' ? '0' : sign + result;
}

/** A ratio as the percent a user reads and types: 0.999 → `99.9`, 0.95 → `95`. Exact, digit for digit. */
export function ratioToPercentText(ratio: number): string {
  return Number.isFinite(ratio) ? shiftDecimal(String(ratio), 2) : '';
}

export interface ParsedPercent {
  /** The ratio, parsed from the decimal text so that `99.9` gives exactly 0.999. */
  value?: number;
  error?: string;
}

/** The objective typed as a percent, read as a ratio; range checks are left to validation. */
export function parsePercentText(text: string): ParsedPercent {
  const s = text.trim().replace(/\s*%$/, '');
  if (s === '') {
    return { error: 'Enter the objective as a percentage, such as 99.9.' };
  }
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(s)) {
    return { error: 'Enter a percentage such as 99.9.' };
  }
  // The parser rounds the exact decimal once, unlike 99.9 / 100 (0.9990000000000001).
  return { value: Number(`${s}e-2`) };
}

/** `1 − ratio` as a percent without float noise, for display: 0.999 → `0.1`. */
export function complementPercentText(ratio: number): string {
  return String(Number((100 - Number(ratioToPercentText(ratio))).toPrecision(12)));
}

let zones: string[] | undefined;

/** The IANA time zones the browser knows, UTC first; empty where Intl cannot list them. */
export function timeZones(): string[] {
  if (zones === undefined) {
    const listed = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    zones = ['UTC', ...listed.filter((zone) => zone !== 'UTC')];
  }
  return zones;
}

/**
 * Why the backend (time.LoadLocation on the server) would refuse a calendar time zone, or undefined.
 * Empty is UTC. Names the browser does not list but accepts (aliases such as US/Eastern) pass;
 * names are case-sensitive on the server, unlike in the browser.
 */
export function timeZoneError(name: string): string | undefined {
  if (name === '' || timeZones().includes(name)) {
    return undefined;
  }
  if (name === 'Local') {
    return 'Local would be the server’s time zone: enter an IANA name such as Europe/Paris.';
  }
  const cased = timeZones().find((zone) => zone.toLowerCase() === name.toLowerCase());
  if (cased) {
    return `Time zone names are case-sensitive: ${cased}.`;
  }
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return undefined;
  } catch {
    return 'Unknown time zone: enter an IANA name such as Europe/Paris.';
  }
}
