import { hasVariable } from './templating';

/** Milliseconds in each of PromQL's duration units. */
export const UNIT_MS = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
  y: 31_536_000_000,
} as const satisfies Record<string, number>;

/** PromQL's units, largest first: the order the strict form requires (pkg/promdur). */
const UNITS = ['y', 'w', 'd', 'h', 'm', 's', 'ms'] as const;
type Unit = (typeof UNITS)[number];

/** The <integer><unit> terms text is made of, in order; undefined when it is not made of them. */
function terms(text: string): Array<{ digits: string; unit: Unit }> | undefined {
  const parts = text.match(/\d+(ms|[smhdwy])/g);
  if (!parts || parts.join('') !== text) {
    return undefined;
  }
  return parts.map((part) => {
    const [, digits, unit] = /^(\d+)(\w+)$/.exec(part)!;
    return { digits, unit: unit as Unit };
  });
}

function sumMs(ts: Array<{ digits: string; unit: Unit }>): number {
  return ts.reduce((total, { digits, unit }) => total + Number(digits) * UNIT_MS[unit], 0);
}

/**
 * Milliseconds in a query duration (`90s`, `1m30s`, `500ms`, any of PromQL's units in any order)
 * or a bare number of seconds (`15`, `0.5`), as promdur.ParseOrSeconds reads them; undefined when
 * the text is neither.
 */
export function parseDurationMs(text: string): number | undefined {
  const s = text.trim();
  if (s === '') {
    return undefined;
  }
  if (/^\d+(\.\d+)?$/.test(s)) {
    return Number(s) * 1000;
  }
  const ts = terms(s);
  return ts && sumMs(ts);
}

/**
 * Milliseconds in an SLO duration (`30d`, `1h30m`, `2w`, or `0`), as slo.ParseDuration reads it:
 * units w, d, h, m, s, ms, each at most once and largest first, at most 18 digits a term (Go's
 * int64). Undefined otherwise: unlike query durations, bare numbers, `y` and spaces are refused.
 */
export function parseSLODurationMs(text: string): number | undefined {
  if (text === '0') {
    return 0;
  }
  const ts = terms(text);
  if (!ts || ts.length === 0) {
    return undefined;
  }
  let last = UNITS.indexOf('w') - 1;
  for (const { digits, unit } of ts) {
    const k = UNITS.indexOf(unit);
    if (k <= last || digits.length > 18) {
      return undefined;
    }
    last = k;
  }
  return sumMs(ts);
}

/** The units slo.FormatDuration writes, largest first: days at most, no weeks. */
const SLO_FORMAT_UNITS = ['d', 'h', 'm', 's', 'ms'] as const;

/** An SLO duration as slo.FormatDuration writes it (`30d`, `1h30m`, `0s`). */
export function formatSLODuration(ms: number): string {
  let rest = Math.round(ms);
  if (rest <= 0) {
    return '0s';
  }
  let text = '';
  for (const unit of SLO_FORMAT_UNITS) {
    const n = Math.floor(rest / UNIT_MS[unit]);
    if (n > 0) {
      text += `${n}${unit}`;
      rest -= n * UNIT_MS[unit];
    }
  }
  return text;
}

export const SLO_DURATION_ERROR = 'Enter a duration such as 30d, 6h or 1h30m (units w, d, h, m, s, ms, largest first).';

/**
 * Error for a duration field that must be positive, or undefined when it is fine. Empty is fine
 * (the field is optional) and so is a variable, which cannot be checked before it is resolved.
 */
export function positiveDurationError(text: string): string | undefined {
  if (text.trim() === '' || hasVariable(text)) {
    return undefined;
  }
  const ms = parseDurationMs(text);
  if (ms === undefined) {
    return 'Enter a duration such as 15s, 1m30s or 2h.';
  }
  return ms > 0 ? undefined : 'The duration must be longer than 0s.';
}
