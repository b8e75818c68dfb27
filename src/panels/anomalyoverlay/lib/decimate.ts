import type { Values } from './model';

/** Points kept per pixel column: the first, the two extremes and the last. */
const PER_COLUMN = 4;

/**
 * Below this many points per pixel column the data is drawn as it is: uPlot already merges the
 * points of one pixel column while drawing, and at 10,000 points over 1,152 pixels finding the
 * extremes cost more than drawing 2.2 times fewer points saved (overlay benchmark: first render
 * 1.2–1.5× plain uPlot without, 1.7–2.0× with).
 */
const DECIMATE_FROM = 4 * PER_COLUMN;

export interface Decimated {
  x: number[];
  columns: Values[];
}

/**
 * The points of the shared x column between `from` and `to` that a line chart `pixels` wide can
 * show: M4 aggregation (Jugel et al., "M4: A Visualization-Oriented Time Series Data
 * Aggregation", PVLDB 7(10), 2014). In each pixel column a line is drawn through its first
 * point, a vertical stroke from its smallest to its largest and on from its last point, so those
 * four points of every column draw the same picture as all of them. The columns share x: each
 * pixel column keeps four of its own times, and every column puts its first, extremes (in their
 * order) and last there.
 *
 * A pixel column with four points or fewer, or where a column has both values and nulls, is
 * kept whole, so a gap starts and ends where it does; one that is all null stays null. One point
 * on each side of the range is kept, so lines reach the edges. Returns undefined when there are
 * fewer than DECIMATE_FROM points per pixel column to begin with: the data is then drawn as it is.
 */
export function decimate(
  x: number[],
  columns: Values[],
  from: number,
  to: number,
  pixels: number
): Decimated | undefined {
  const first = Math.max(0, lowerBound(x, from) - 1);
  const last = Math.min(x.length - 1, upperBound(x, to));
  if (!(to > from) || pixels < 1 || last - first + 1 < DECIMATE_FROM * pixels) {
    return undefined;
  }
  // Runs of indexes in one pixel column: starts[g] .. starts[g + 1] - 1.
  const starts = pixelRuns(x, first, last, from, pixels / (to - from));
  const runs = starts.length - 1;
  // Per run: kept whole (short, outside the range, or a column with both values and nulls).
  const whole = new Uint8Array(runs);
  for (let g = 0; g < runs; g++) {
    const n = starts[g + 1] - starts[g];
    whole[g] = n <= PER_COLUMN || x[starts[g]] < from || x[starts[g + 1] - 1] > to ? 1 : 0;
  }
  // Per column and run: the indexes of its first, smallest, largest and last value.
  const kept = columns.map((v) => extremes(v, starts, whole));

  // Sized once: growing 80 arrays point by point kept the garbage collector busy.
  let size = 0;
  for (let g = 0; g < runs; g++) {
    size += whole[g] ? starts[g + 1] - starts[g] : PER_COLUMN;
  }
  const out: Decimated = { x: new Array(size), columns: columns.map(() => new Array(size)) };
  let k = 0;
  for (let g = 0; g < runs; g++) {
    const a = starts[g];
    const b = starts[g + 1] - 1;
    if (whole[g]) {
      for (let i = a; i <= b; i++) {
        out.x[k++] = x[i];
      }
    } else {
      const n = b - a + 1;
      out.x[k++] = x[a];
      out.x[k++] = x[a + Math.floor(n / 3)];
      out.x[k++] = x[a + Math.floor((2 * n) / 3)];
      out.x[k++] = x[b];
    }
  }
  columns.forEach((v, c) => fillColumn(v, starts, whole, kept[c], out.columns[c]));
  return out;
}

/** One column's kept points into `o`: whole runs point for point, the others' first, extremes in order, last. */
function fillColumn(v: Values, starts: Int32Array, whole: Uint8Array, k4: Kept, o: Values) {
  let k = 0;
  for (let g = 0; g < whole.length; g++) {
    const a = starts[g];
    const b = starts[g + 1] - 1;
    if (whole[g]) {
      for (let i = a; i <= b; i++) {
        o[k++] = v[i];
      }
    } else if (k4.lo[g] < 0) {
      // No value: all null (a gap) or all undefined (another series' times), as v[a] is.
      o[k++] = v[a];
      o[k++] = v[a];
      o[k++] = v[a];
      o[k++] = v[a];
    } else {
      o[k++] = v[k4.first[g]];
      o[k++] = v[Math.min(k4.lo[g], k4.hi[g])];
      o[k++] = v[Math.max(k4.lo[g], k4.hi[g])];
      o[k++] = v[k4.last[g]];
    }
  }
}

/** Where each pixel column's run of indexes starts, from `first` to `last`, and last + 1 at the end. */
function pixelRuns(x: number[], first: number, last: number, from: number, scale: number): Int32Array {
  const starts: number[] = [first];
  let col = Math.floor((x[first] - from) * scale);
  for (let i = first + 1; i <= last; i++) {
    const c = Math.floor((x[i] - from) * scale);
    if (c !== col) {
      starts.push(i);
      col = c;
    }
  }
  starts.push(last + 1);
  return Int32Array.from(starts);
}

/** Per run of one column, the indexes of its first, smallest, largest and last value (-1 for none). */
interface Kept {
  first: Int32Array;
  lo: Int32Array;
  hi: Int32Array;
  last: Int32Array;
}

/**
 * The kept points of each run of one column; a run where the column has both values and nulls is
 * marked whole. Undefined (a time only other series have) is neither a value nor a null: the first
 * and last are the column's own, which with undefined between need not be the run's ends.
 */
function extremes(v: Values, starts: Int32Array, whole: Uint8Array): Kept {
  const runs = whole.length;
  const kept: Kept = {
    first: new Int32Array(runs),
    lo: new Int32Array(runs),
    hi: new Int32Array(runs),
    last: new Int32Array(runs),
  };
  for (let g = 0; g < runs; g++) {
    if (whole[g]) {
      continue;
    }
    const a = starts[g];
    const b = starts[g + 1] - 1;
    let nulls = 0;
    let min = Infinity;
    let max = -Infinity;
    let f = -1;
    let l = -1;
    let h = -1;
    let e = -1;
    for (let i = a; i <= b; i++) {
      const y = v[i];
      if (y === null) {
        nulls++;
      } else if (y !== undefined) {
        if (f < 0) {
          f = i;
        }
        e = i;
        if (y < min) {
          min = y;
          l = i;
        }
        if (y > max) {
          max = y;
          h = i;
        }
      }
    }
    if (nulls > 0 && nulls <= b - a) {
      whole[g] = 1;
    }
    kept.first[g] = f;
    kept.lo[g] = l;
    kept.hi[g] = h;
    kept.last[g] = e;
  }
  return kept;
}

/** The first index whose x is not below t (x.length when all are). */
export function lowerBound(x: ArrayLike<number>, t: number): number {
  let lo = 0;
  let hi = x.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x[mid] < t) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

/** The first index whose x is above t (x.length when none is). */
export function upperBound(x: ArrayLike<number>, t: number): number {
  let lo = 0;
  let hi = x.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x[mid] <= t) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

/** The index of the x nearest to t (ties to the earlier one); -1 when x is empty. */
export function nearestIndex(x: ArrayLike<number>, t: number): number {
  if (x.length === 0) {
    return -1;
  }
  const i = lowerBound(x, t);
  if (i === 0) {
    return 0;
  }
  if (i === x.length) {
    return x.length - 1;
  }
  return t - x[i - 1] <= x[i] - t ? i - 1 : i;
}
