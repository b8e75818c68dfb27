import type { Values } from './model';

/**
 * The values with every non-finite number (NaN, ±Inf, and anything not a number) as null. An
 * array that is already clean is returned as it is, without a copy: series are large, and most
 * fields of most frames need no change.
 */
export function finiteOrNull(values: ArrayLike<unknown>): Values {
  let i = 0;
  while (i < values.length && isClean(values[i])) {
    i++;
  }
  if (i === values.length && Array.isArray(values)) {
    return values as Values;
  }
  const out: Values = Array.prototype.slice.call(values) as Values;
  for (; i < out.length; i++) {
    if (!isClean(out[i])) {
      out[i] = null;
    }
  }
  return out;
}

function isClean(v: unknown): boolean {
  return v === null || (typeof v === 'number' && Number.isFinite(v));
}

/** The largest non-null value, or 0. */
export function peak(values: Values | undefined): number {
  let max = 0;
  for (const v of values ?? []) {
    if (v !== null && v > max) {
      max = v;
    }
  }
  return max;
}

/** How many runs of consecutive flagged points (value 1) there are: one anomaly lasting three steps counts once. */
export function countRuns(flag: Values | undefined): number {
  let runs = 0;
  let inRun = false;
  for (const v of flag ?? []) {
    const on = v === 1;
    if (on && !inRun) {
      runs++;
    }
    inRun = on;
  }
  return runs;
}

/** Index after the last non-null value, when a later baseline point exists (a forecast); else undefined. */
export function forecastStart(value: Values, baseline: Values | undefined): number | undefined {
  if (!baseline) {
    return undefined;
  }
  let last = -1;
  for (let i = value.length - 1; i >= 0; i--) {
    if (value[i] !== null) {
      last = i;
      break;
    }
  }
  for (let i = last + 1; i < baseline.length; i++) {
    if (baseline[i] !== null) {
      return last + 1;
    }
  }
  return undefined;
}
