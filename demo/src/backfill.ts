/**
 * Backfill: history for [start, end] as OpenMetrics chunks, each turned into a TSDB block by
 * promtool while the next chunk is generated (generation and promtool each keep one core busy).
 */
import { spawn } from 'child_process';
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { Generator } from './engine';
import { planChunks, writeChunk } from './openmetrics';
import { isoTime, STEP } from './time';
import { GroundTruth, TruthAccumulator } from './truth';

export interface BackfillOptions {
  start: number;
  end: number;
  /** Write TSDB blocks here with promtool. */
  tsdb?: string;
  /** Keep the OpenMetrics chunks here (without tsdb: only write them). */
  omDir?: string;
  promtool?: string;
  truthPath?: string;
  timelineName?: string;
  coarseBefore?: number;
  coarseStep?: number;
  log?: (line: string) => void;
}

export interface BackfillReport {
  start: string;
  end: string;
  series: number;
  samples: number;
  openMetricsBytes: number;
  chunks: number;
  generateSeconds: number;
  promtoolSeconds: number;
  wallSeconds: number;
  tsdbBytes?: number;
}

function runPromtool(promtool: string, file: string, tsdb: string): Promise<number> {
  const began = Date.now();
  return new Promise((resolve, reject) => {
    const p = spawn(promtool, ['tsdb', 'create-blocks-from', 'openmetrics', '--max-block-duration=24h', file, tsdb], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    p.stderr.on('data', (d) => (err = (err + d).slice(-4000)));
    p.on('error', (e) => reject(new Error(`${promtool}: ${e.message} (apt-get install prometheus)`)));
    p.on('close', (code) =>
      code === 0
        ? resolve((Date.now() - began) / 1000)
        : reject(new Error(`promtool exited ${code} on ${file}:\n${err}`))
    );
  });
}

export function dirSize(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) {
    return st.size;
  }
  return readdirSync(path).reduce((n, name) => n + dirSize(join(path, name)), 0);
}

export async function backfill(
  gen: Generator,
  o: BackfillOptions
): Promise<{ report: BackfillReport; truth: GroundTruth }> {
  const log = o.log ?? (() => undefined);
  const began = Date.now();
  const work = o.omDir ?? mkdtempSync(join(tmpdir(), 'ce-backfill-'));
  mkdirSync(work, { recursive: true });
  if (o.tsdb) {
    mkdirSync(o.tsdb, { recursive: true });
  }
  const truth = new TruthAccumulator(gen, o.start, o.end, o.timelineName ?? 'timeline.json');
  const chunks = planChunks(o.start, o.end);
  let samples = 0;
  let bytes = 0;
  let generateSeconds = 0;
  let promtoolSeconds = 0;
  let pending: Promise<void> = Promise.resolve();
  try {
    for (const [from, to] of chunks) {
      const file = join(work, `chunk-${from}.om`);
      const t0 = Date.now();
      const fd = openSync(file, 'w');
      let stats;
      try {
        stats = await writeChunk(
          gen,
          from,
          to,
          { write: (s) => void writeSync(fd, s) },
          {
            truth,
            coarseBefore: o.coarseBefore,
            coarseStep: o.coarseStep,
          }
        );
      } finally {
        closeSync(fd);
      }
      generateSeconds += (Date.now() - t0) / 1000;
      samples += stats.samples;
      bytes += stats.bytes;
      log(`chunk ${isoTime(from)} .. ${isoTime(to)}: ${stats.samples} samples, ${(stats.bytes / 1e6).toFixed(1)} MB`);
      if (o.tsdb) {
        const tsdb = o.tsdb;
        const promtool = o.promtool ?? 'promtool';
        // One promtool at a time, overlapping with the generation of the next chunk.
        await pending;
        pending = runPromtool(promtool, file, tsdb).then((s) => {
          promtoolSeconds += s;
          if (!o.omDir) {
            rmSync(file, { force: true });
          }
        });
        pending.catch(() => undefined);
      }
    }
    await pending;
  } finally {
    if (!o.omDir) {
      rmSync(work, { recursive: true, force: true });
    }
  }
  const result = truth.result();
  if (o.truthPath) {
    writeFileSync(o.truthPath, JSON.stringify(result));
  }
  const report: BackfillReport = {
    start: isoTime(o.start),
    end: isoTime(o.end),
    series: gen.seriesCount(),
    samples,
    openMetricsBytes: bytes,
    chunks: chunks.length,
    generateSeconds: Math.round(generateSeconds * 10) / 10,
    promtoolSeconds: Math.round(promtoolSeconds * 10) / 10,
    wallSeconds: Math.round((Date.now() - began) / 100) / 10,
    ...(o.tsdb && { tsdbBytes: dirSize(o.tsdb) }),
  };
  return { report, truth: result };
}

/** Truth without writing samples: steps every tick of [start, end]. */
export function computeTruth(gen: Generator, start: number, end: number, timelineName = 'timeline.json'): GroundTruth {
  const truth = new TruthAccumulator(gen, start, end, timelineName);
  const rows = gen.targets.map((ts) => new Float64Array(ts.series.length));
  for (let t = start; t <= end; t += STEP) {
    gen.targets.forEach((ts, i) => ts.at(t, rows[i]));
    truth.add(t);
  }
  return truth.result();
}
