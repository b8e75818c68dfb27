import type { Values } from './model';

/**
 * The values with every non-finite number (NaN, ±Inf, and anything not a number) as null. An
 * array that is already clean is returned as it is, without a copy: series are large, and most
 * fields of most frames need no change.
 */
export function finiteOrNull(values: ArrayLike<unknown>): Values {
  // Indexed loops with the test inline: this runs over every field of every frame.
  const n = values.length;
  let i = 0;
  while (i < n && isClean(values[i])) {
    i++;
  }
  if (i === n && Array.isArray(values)) {
    return values as Values;
  }
  const out: Values = Array.prototype.slice.call(values) as Values;
  for (; i < n; i++) {
    if (!isClean(out[i])) {
      out[i] = null;
    }
  }
  return out;
}

/** Null or a finite number (v - v is 0 for those only; NaN and ±Inf give NaN). */
const isClean = (v: unknown): boolean => v === null || (typeof v === 'number' && v - v === 0);

/**
 * finiteOrNull, and the largest value (0 when none is larger) from the same pass: a score field is
 * read for both, and a second pass over every series' scores cost as much as the first.
 */
export function finiteWithPeak(values: ArrayLike<unknown>): { values: Values; peak: number } {
  const n = values.length;
  let max = 0;
  let i = 0;
  for (; i < n; i++) {
    const v = values[i];
    if (v === null) {
      continue;
    }
    if (typeof v !== 'number' || v - v !== 0) {
      break;
    }
    if (v > max) {
      max = v;
    }
  }
  const clean = finiteOrNull(values);
  for (; i < n; i++) {
    const v = clean[i];
    if (v != null && v > max) {
      max = v;
    }
  }
  return { values: clean, peak: max };
}

/** How many runs of consecutive flagged points (value 1) there are: one anomaly lasting three steps counts once. */
export function countRuns(flag: Values | undefined): number {
  let runs = 0;
  let inRun = false;
  const n = flag?.length ?? 0;
  for (let i = 0; i < n; i++) {
    const on = flag![i] === 1;
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
