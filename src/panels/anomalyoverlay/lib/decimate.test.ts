import { decimate, lowerBound, nearestIndex, upperBound } from './decimate';
import type { Values } from './model';

/** x = 0, 1, 2, … n-1 and a column per generator. */
function series(n: number, ...gens: Array<(i: number) => number | null | undefined>) {
  const x = Array.from({ length: n }, (_, i) => i);
  return { x, columns: gens.map((g) => x.map(g)) };
}

/** Every pixel column's (first, min, max, last) of the points in [from, to], as a line chart draws them. */
function pixelSummary(x: number[], v: Values, from: number, to: number, pixels: number) {
  const cols = new Map<number, { first: number; min: number; max: number; last: number }>();
  x.forEach((t, i) => {
    const y = v[i];
    if (t < from || t > to || y == null) {
      return;
    }
    const c = Math.floor((t - from) * (pixels / (to - from)));
    const s = cols.get(c);
    if (!s) {
      cols.set(c, { first: y, min: y, max: y, last: y });
    } else {
      s.min = Math.min(s.min, y);
      s.max = Math.max(s.max, y);
      s.last = y;
    }
  });
  return cols;
}

// A noisy line with spikes, deterministic.
const wiggle = (i: number) => Math.sin(i / 37) * 10 + ((i * 7919) % 13) - 6 + (i % 211 === 0 ? 50 : 0);

describe('decimate', () => {
  it('leaves data with fewer than 16 points per pixel alone', () => {
    const { x, columns } = series(1599, wiggle);
    expect(decimate(x, columns, 0, 1598, 100)).toBeUndefined();
    expect(decimate(series(1600, wiggle).x, series(1600, wiggle).columns, 0, 1599, 100)).toBeDefined();
  });

  it('keeps four points per pixel column, with every column’s first, smallest, largest and last value', () => {
    const { x, columns } = series(10_000, wiggle, (i) => -wiggle(i) * 2);
    const d = decimate(x, columns, 0, 9999, 500)!;
    expect(d.x.length).toBeLessThanOrEqual(4 * 501 + 2);
    expect(d.x.length).toBeGreaterThan(4 * 400);
    columns.forEach((v, c) => {
      expect(pixelSummary(d.x, d.columns[c], 0, 9999, 500)).toEqual(pixelSummary(x, v, 0, 9999, 500));
    });
  });

  it('keeps every spike and dip, and the extremes of the whole range', () => {
    const { x, columns } = series(5000, wiggle);
    const d = decimate(x, columns, 0, 4999, 200)!;
    const kept = d.columns[0] as number[];
    for (let i = 0; i < 5000; i += 211) {
      expect(kept).toContain(wiggle(i));
    }
    expect(Math.max(...kept)).toBe(Math.max(...(columns[0] as number[])));
    expect(Math.min(...kept)).toBe(Math.min(...(columns[0] as number[])));
  });

  it('keeps x increasing and the columns as long as x', () => {
    const { x, columns } = series(3000, wiggle, wiggle);
    const d = decimate(x, columns, 0, 2999, 100)!;
    expect(d.columns.every((c) => c.length === d.x.length)).toBe(true);
    expect(d.x.every((t, i) => i === 0 || t > d.x[i - 1])).toBe(true);
  });

  it('keeps the points at both ends of the range exactly, and one point beyond each end', () => {
    const { x, columns } = series(10_000, wiggle);
    const d = decimate(x, columns, 2000, 6000, 100)!;
    expect(d.x[0]).toBe(1999);
    expect(d.x[1]).toBe(2000);
    expect(d.x[d.x.length - 1]).toBe(6001);
    expect(d.x).toContain(6000);
    expect(d.columns[0][0]).toBe(wiggle(1999));
    expect(d.columns[0][d.x.length - 1]).toBe(wiggle(6001));
  });

  it('keeps nulls as breaks: an all-null pixel column stays null, and a gap starts and ends at its own points', () => {
    // Null before 1000 (a warm-up) and from 5003 to 5010.
    const { x, columns } = series(10_000, (i) => (i < 1000 || (i >= 5003 && i <= 5010) ? null : wiggle(i)));
    const d = decimate(x, columns, 0, 9999, 500)!;
    const at = (t: number) => d.columns[0][d.x.indexOf(t)];
    // Column 49 (980–999) is all null; column 50 starts at 1000 with a value.
    expect(d.x.filter((t) => t < 1000).every((t) => at(t) === null)).toBe(true);
    expect(at(1000)).toBe(wiggle(1000));
    // Column 250 (5000–5019) has values and nulls: kept point for point.
    for (let t = 5000; t < 5020; t++) {
      expect(at(t)).toBe(columns[0][t]);
    }
  });

  it("keeps undefined (another series' times) as undefined, never as a break", () => {
    // Series a has points at even x, b at odd x: each is undefined at the other's times.
    const { x, columns } = series(
      10_000,
      (i) => (i % 2 ? undefined : wiggle(i)),
      (i) => (i % 2 ? wiggle(i) : undefined)
    );
    const d = decimate(x, columns, 0, 9999, 100)!;
    expect(d.columns.flat()).not.toContain(null);
    columns.forEach((v, c) => {
      expect(pixelSummary(d.x, d.columns[c], 0, 9999, 100)).toEqual(pixelSummary(x, v, 0, 9999, 100));
    });
    // A pixel column where b has no point at all stays undefined for b.
    const sparse = series(10_000, wiggle, (i) => (i < 500 ? undefined : wiggle(i)));
    const e = decimate(sparse.x, sparse.columns, 0, 9999, 100)!;
    expect(e.columns[1].slice(0, 4)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('returns undefined for an empty or inverted range', () => {
    const { x, columns } = series(10_000, wiggle);
    expect(decimate(x, columns, 5, 5, 10)).toBeUndefined();
    expect(decimate(x, columns, 10, 0, 10)).toBeUndefined();
    expect(decimate([], [[]], 0, 10, 10)).toBeUndefined();
  });
});

describe('searching x', () => {
  const x = [10, 20, 20, 30];

  it('finds the first index at or above, and above, a time', () => {
    expect([5, 10, 15, 20, 30, 35].map((t) => lowerBound(x, t))).toEqual([0, 0, 1, 1, 3, 4]);
    expect([5, 10, 15, 20, 30, 35].map((t) => upperBound(x, t))).toEqual([0, 1, 1, 3, 4, 4]);
  });

  it('finds the nearest index, the earlier on a tie', () => {
    expect([0, 14, 15, 16, 26, 99].map((t) => nearestIndex(x, t))).toEqual([0, 0, 0, 1, 3, 3]);
    expect(nearestIndex([], 5)).toBe(-1);
  });
});
