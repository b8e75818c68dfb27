import type { OverlaySeries, Values } from './model';

/**
 * One x column for all series and each series' columns re-indexed onto it. Series from one
 * detection query share their timestamps (the backend's fixed detector step), which is the
 * fast path; otherwise times are merged and each series gets undefined where it has no point, which
 * uPlot draws across: nulls there would break every line and band at every other time.
 */
export function alignTimes(series: OverlaySeries[]): { x: number[]; index: (s: OverlaySeries, v: Values) => Values } {
  const first = series[0]?.time ?? [];
  if (series.every((s) => sameTimes(s.time, first))) {
    return { x: first, index: (_s, v) => v };
  }
  const x = Array.from(new Set(series.flatMap((s) => s.time))).sort((a, b) => a - b);
  const position = new Map(x.map((t, i) => [t, i]));
  return {
    x,
    index: (s, v) => {
      const out: Values = new Array(x.length).fill(undefined);
      s.time.forEach((t, i) => (out[position.get(t)!] = v[i]));
      return out;
    },
  };
}

function sameTimes(a: number[], b: number[]): boolean {
  if (a === b) {
    return true;
  }
  if (a.length !== b.length) {
    return false;
  }
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) {
      return false;
    }
  }
  return true;
}
