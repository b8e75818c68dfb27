import { FieldType, type DataFrame } from '@grafana/data';
import type { AlignedData } from 'uplot';

export const BENCH_SERIES = 20;
export const BENCH_POINTS = 10_000;
export const BENCH_STEP = 15_000;
export const BENCH_START = Date.UTC(2026, 10, 20);

/** A small deterministic PRNG (mulberry32), so every run draws the same points. */
function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface BenchData {
  frames: DataFrame[];
  /** The same points as uPlot columns: time, then per series value, yhat, yhat_lower, yhat_upper. */
  aligned: AlignedData;
  flagged: number;
}

/**
 * 20 series × 10,000 points in the bands contract: a daily sine plus noise, a baseline and a
 * ±3σ band (null for the first 240 points, the detector's warm-up), and a spike every ~200 points.
 */
export function benchData(): BenchData {
  const rand = mulberry32(12);
  const time = Array.from({ length: BENCH_POINTS }, (_, i) => BENCH_START + i * BENCH_STEP);
  const aligned: Array<Array<number | null>> = [];
  const frames: DataFrame[] = [];
  let flagged = 0;
  for (let s = 0; s < BENCH_SERIES; s++) {
    const level = 100 + 20 * s;
    const yhat: Array<number | null> = [];
    const lower: Array<number | null> = [];
    const upper: Array<number | null> = [];
    const value: number[] = [];
    const score: Array<number | null> = [];
    const flag: number[] = [];
    for (let i = 0; i < BENCH_POINTS; i++) {
      const base = level + 10 * Math.sin((2 * Math.PI * i) / 5760 + s);
      const spike = rand() < 0.005 ? 15 + 10 * rand() : 0;
      const v = base + 2 * (rand() - 0.5) + spike;
      const warm = i < 240;
      value.push(v);
      yhat.push(warm ? null : base);
      lower.push(warm ? null : base - 3);
      upper.push(warm ? null : base + 3);
      const z = warm ? null : Math.abs(v - base) / 3;
      score.push(z);
      flag.push(z !== null && z > 1 ? 1 : 0);
      flagged += z !== null && z > 1 ? 1 : 0;
    }
    aligned.push(value, yhat, lower, upper);
    const name = `svc-${String(s).padStart(2, '0')}`;
    const num = (n: string, values: unknown[]) => ({
      name: n,
      type: FieldType.number,
      values,
      labels: { service: name },
      config: { displayNameFromDS: n === 'value' ? name : `${name} ${n}` },
    });
    frames.push({
      name,
      refId: 'A',
      length: BENCH_POINTS,
      fields: [
        { name: 'time', type: FieldType.time, values: time, config: {} },
        num('value', value),
        num('yhat', yhat),
        num('yhat_lower', lower),
        num('yhat_upper', upper),
        num('anomaly_score', score),
        num('anomaly', flag),
      ],
    });
  }
  return { frames, aligned: [time, ...aligned] as AlignedData, flagged };
}
