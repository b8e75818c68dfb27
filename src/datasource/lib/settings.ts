import { positiveDurationError } from './duration';

/** Bounds the backend accepts for `responseLimitMB` (pkg/models/settings.go). */
export const RESPONSE_LIMIT_MB = { default: 100, min: 1, max: 4096 };
export const DEFAULT_SCRAPE_INTERVAL = '15s';

/**
 * A settings field's text read as the value to store: `value` undefined means "use the default",
 * and an error means nothing is stored, so saved settings never hold a value the backend refuses.
 */
export type FieldValue<T> = { value?: T; error?: undefined } | { error: string };

export function parseResponseLimit(text: string): FieldValue<number> {
  const s = text.trim();
  if (s === '') {
    return {};
  }
  const n = Number(s);
  if (!/^\d+$/.test(s) || n < RESPONSE_LIMIT_MB.min || n > RESPONSE_LIMIT_MB.max) {
    return { error: `Enter a whole number of megabytes from ${RESPONSE_LIMIT_MB.min} to ${RESPONSE_LIMIT_MB.max}.` };
  }
  return { value: n };
}

export function parseScrapeInterval(text: string): FieldValue<string> {
  const s = text.trim();
  if (s === '') {
    return {};
  }
  if (s.includes('$')) {
    return { error: 'Dashboard variables cannot be used in settings.' };
  }
  const error = positiveDurationError(s);
  return error ? { error } : { value: s };
}
