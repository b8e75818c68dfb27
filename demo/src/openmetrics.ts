/**
 * History as OpenMetrics text for `promtool tsdb create-blocks-from openmetrics`: one HELP/TYPE
 * per family, the samples of a family together, each series' samples ascending, timestamps in
 * seconds, `# EOF` last.
 *
 * promtool re-reads its whole input once per block it writes, so history is cut into chunks
 * aligned on its block length (18 h for --max-block-duration=24h): each chunk is one file, one
 * pass and one block, and a 35-day backfill stays linear in its length.
 */
import { Family, FAMILIES, UP } from './catalogue';
import { Generator } from './engine';
import { STEP } from './time';
import { TruthAccumulator } from './truth';

/** promtool's block length for --max-block-duration=24h (its ranges are 2h·3^k). */
export const CHUNK = 18 * 3600;

export interface Sink {
  write(text: string): void | Promise<void>;
}

export interface ChunkOptions {
  /** Before this time, emit one sample per `coarseStep` instead of every tick (0: never). */
  coarseBefore?: number;
  coarseStep?: number;
  truth?: TruthAccumulator;
}

export interface ChunkStats {
  samples: number;
  bytes: number;
}

/** The chunks covering [start, end]: [from, to] tick ranges, split at multiples of CHUNK. */
export function planChunks(start: number, end: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let from = start;
  while (from <= end) {
    const boundary = (Math.floor(from / CHUNK) + 1) * CHUNK;
    const to = Math.min(end, boundary - STEP);
    out.push([from, to]);
    from = to + STEP;
  }
  return out;
}

function counterFamily(name: string): string {
  return name.endsWith('_total') ? name.slice(0, -'_total'.length) : name;
}

function escapeHelp(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/**
 * Writes the samples of ticks [from, to] (multiples of STEP) as one OpenMetrics document. The
 * generator's targets are evaluated tick by tick (counters carry on from the previous chunk when
 * chunks are written in order) and the truth accumulator, if any, sees every tick.
 */
export async function writeChunk(
  gen: Generator,
  from: number,
  to: number,
  sink: Sink,
  opts: ChunkOptions = {}
): Promise<ChunkStats> {
  const coarseBefore = opts.coarseBefore ?? 0;
  const coarseStep = opts.coarseStep ?? STEP;
  const ticks: number[] = [];
  for (let t = from; t <= to; t += STEP) {
    if (t >= coarseBefore || t % coarseStep === 0) {
      ticks.push(t);
    }
  }
  const targets = gen.targets;
  const values = targets.map((ts) => new Float64Array(ts.series.length * ticks.length));
  const row = targets.map((ts) => new Float64Array(ts.series.length));
  let e = 0;
  for (let t = from; t <= to; t += STEP) {
    const emit = e < ticks.length && ticks[e] === t;
    for (let i = 0; i < targets.length; i++) {
      targets[i].at(t, row[i]);
      if (emit) {
        const v = values[i];
        const r = row[i];
        const n = ticks.length;
        for (let s = 0; s < r.length; s++) {
          v[s * n + e] = r[s];
        }
      }
    }
    opts.truth?.add(t);
    if (emit) {
      e++;
    }
  }

  const stamps = ticks.map((t) => ` ${t}\n`);
  let buf = '';
  let samples = 0;
  let bytes = 0;
  const flush = async (force: boolean) => {
    if (buf.length >= 1 << 20 || (force && buf.length > 0)) {
      bytes += buf.length;
      const p = sink.write(buf);
      buf = '';
      if (p) {
        await p;
      }
    }
  };
  const families: Family[] = [UP, ...FAMILIES];
  for (const fam of families) {
    const famName = fam.type === 'counter' ? counterFamily(fam.name) : fam.name;
    buf += `# HELP ${famName} ${escapeHelp(fam.help)}\n# TYPE ${famName} ${fam.type}\n`;
    for (let i = 0; i < targets.length; i++) {
      const ts = targets[i];
      const v = values[i];
      const n = ticks.length;
      for (let s = 0; s < ts.series.length; s++) {
        if (ts.series[s].family !== fam) {
          continue;
        }
        const prefix = ts.selectors[s] + ' ';
        const base = s * n;
        for (let k = 0; k < n; k++) {
          const x = v[base + k];
          if (x === x) {
            buf += prefix + x + stamps[k];
            samples++;
          }
        }
        await flush(false);
      }
    }
  }
  buf += '# EOF\n';
  await flush(true);
  return { samples, bytes };
}
