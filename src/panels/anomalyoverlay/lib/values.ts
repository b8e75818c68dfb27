import type { Values } from './model';

/** The values with every non-finite number (NaN, ±Inf, and anything not a number) as null. */
export function finiteOrNull(values: ArrayLike<unknown>): Values {
  const out: Values = new Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = typeof v === 'number' && Number.isFinite(v) ? v : null;
  }
  return out;
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
