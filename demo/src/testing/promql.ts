/**
 * Just enough PromQL semantics, over the generator's own samples, for the tests to check that
 * incidents cross the seed's alert thresholds and that the ground truth matches what
 * increase() sees. Windows are closed ([t − w, t]) and aligned to the 15 s grid, as in
 * Prometheus 2.x evaluated on the grid, so no extrapolation is involved.
 */
import { Generator } from '../engine';
import { STEP } from '../time';

/** Values of selected series of every target, tick by tick over [start, end]. */
export interface Recording {
  start: number;
  ticks: number;
  /** [target][series name with labels][tick] (NaN = no sample) */
  series: Array<Record<string, Float64Array>>;
}

/** Records the series whose `name{extra labels}` key is wanted, e.g. `auth_requests_total{status="500"}`. */
export function record(gen: Generator, start: number, end: number, wanted: (key: string) => boolean): Recording {
  const ticks = (end - start) / STEP + 1;
  const keys = gen.targets.map((ts) =>
    ts.series.map((s) => {
      const labels = Object.entries(s.labels)
        .map(([k, v]) => `${k}="${v}"`)
        .join(',');
      return labels ? `${s.name}{${labels}}` : s.name;
    })
  );
  const series = gen.targets.map((_, i) => {
    const rec: Record<string, Float64Array> = {};
    keys[i].forEach((k) => {
      if (wanted(k)) {
        rec[k] = new Float64Array(ticks);
      }
    });
    return rec;
  });
  const rows = gen.targets.map((ts) => new Float64Array(ts.series.length));
  for (let k = 0; k < ticks; k++) {
    const t = start + k * STEP;
    gen.targets.forEach((ts, i) => {
      ts.at(t, rows[i]);
      keys[i].forEach((key, s) => {
        const arr = series[i][key];
        if (arr) {
          arr[k] = rows[i][s];
        }
      });
    });
  }
  return { start, ticks, series };
}

/**
 * Running sum of a counter's increments: out[k] − out[k − w] is increase() over [k − w, k].
 * A decrease is a restart from zero, and the generator restarts every process at 0 after a
 * gap, so pairing each sample with the tick before it gives the same sums as Prometheus.
 */
export function cumulativeIncrease(values: Float64Array): Float64Array {
  const out = new Float64Array(values.length);
  for (let k = 1; k < values.length; k++) {
    const v = values[k];
    const p = values[k - 1];
    out[k] = out[k - 1] + (v === v && p === p ? (v >= p ? v - p : v) : 0);
  }
  return out;
}

/** Prometheus' histogram_quantile over cumulative bucket counts (bounds ascending, +Inf last). */
export function histogramQuantile(q: number, bounds: number[], cum: number[]): number {
  const total = cum[cum.length - 1];
  if (!(total > 0)) {
    return Number.NaN;
  }
  const rank = q * total;
  let b = 0;
  while (b < cum.length - 1 && cum[b] < rank) {
    b++;
  }
  if (b === cum.length - 1) {
    return bounds[bounds.length - 2];
  }
  const start = b === 0 ? 0 : bounds[b - 1];
  const below = b === 0 ? 0 : cum[b - 1];
  const count = cum[b] - below;
  return start + (bounds[b] - start) * ((rank - below) / count);
}

/** Intervals [from, to] (ticks) where cond held at every tick for at least forTicks: when `for` fires. */
export function firing(ticks: number, cond: (k: number) => boolean, forTicks: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let since = -1;
  for (let k = 0; k <= ticks; k++) {
    const c = k < ticks && cond(k);
    if (c && since < 0) {
      since = k;
    }
    if (!c && since >= 0) {
      if (k - 1 - since >= forTicks) {
        out.push([since + forTicks, k - 1]);
      }
      since = -1;
    }
  }
  return out;
}
