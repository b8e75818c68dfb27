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

/**
 * Milliseconds in a Prometheus duration (`90s`, `1m30s`, `500ms`) or a bare number of seconds
 * (`15`, `0.5`), as the backend reads them; undefined when the text is neither.
 */
export function parseDurationMs(text: string): number | undefined {
  const s = text.trim();
  if (s === '') {
    return undefined;
  }
  if (/^\d+(\.\d+)?$/.test(s)) {
    return Number(s) * 1000;
  }
  const parts = s.match(/\d+(ms|[smhdwy])/g);
  if (!parts || parts.join('') !== s) {
    return undefined;
  }
  return parts.reduce((total, part) => {
    const [, n, unit] = /^(\d+)(\w+)$/.exec(part)!;
    return total + Number(n) * UNIT_MS[unit as keyof typeof UNIT_MS];
  }, 0);
}

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
