#!/usr/bin/env node
/** The demo workload's command line; see USAGE and demo/README.md. */
import { readFileSync, writeFileSync } from 'fs';

import { backfill, computeTruth } from './backfill';
import { FAMILIES, formatLe, seriesOf } from './catalogue';
import { DEFAULT_SEED, Generator } from './engine';
import { targetRegistry } from './exposition';
import { startLive } from './live';
import { BUCKETS } from './model';
import { prometheusConfig, replaceJobs, scrapeJobs } from './scrapeconfig';
import { floorTick, isoTime, parseDuration, parseTime } from './time';
import { DEFAULT_TIMELINE_PATH, loadTimeline, occurrences } from './timeline';
import { TARGETS } from './topology';

const USAGE = `Claude Enhancer 5.1 demo workload. Build with \`npm run demo:build\`, then:

  node demo/dist/cli.js live [--port 9464] [--host 0.0.0.0]
  node demo/dist/cli.js backfill --start now-3d [--end now] --tsdb DIR [--truth FILE] [--om-dir DIR]
                                 [--coarse-after 7d --coarse-step 60s] [--promtool promtool]
  node demo/dist/cli.js truth --start now-3d [--end now] [--out FILE]
  node demo/dist/cli.js snapshot --at TIME [--instance auth-1]
  node demo/dist/cli.js catalogue [--json]
  node demo/dist/cli.js timeline [--start now-7d] [--end now]
  node demo/dist/cli.js scrape-config --target HOST:PORT [--interval 15s] [--full [--self HOST:PORT]] [--write FILE]

Every command takes --seed N (default 20261127) and --timeline FILE (default demo/timeline.json).
Times are now, now-3d, unix seconds or ISO 8601.
`;

type Args = Record<string, string | boolean>;

function parseArgs(argv: string[]): { cmd: string; args: Args } {
  const [cmd = 'help', ...rest] = argv;
  const args: Args = {};
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (!a.startsWith('--')) {
      throw new Error(`unexpected argument ${a}`);
    }
    const [key, inline] = a.slice(2).split('=', 2);
    if (inline !== undefined) {
      args[key] = inline;
    } else if (i + 1 < rest.length && !rest[i + 1].startsWith('--')) {
      args[key] = rest[++i];
    } else {
      args[key] = true;
    }
  }
  return { cmd, args };
}

function str(args: Args, key: string, def?: string): string {
  const v = args[key];
  if (typeof v === 'string') {
    return v;
  }
  if (def === undefined) {
    throw new Error(`--${key} is required`);
  }
  return def;
}

const log = (line: string) => process.stderr.write(`[demo] ${line}\n`);

async function main(): Promise<void> {
  const { cmd, args } = parseArgs(process.argv.slice(2));
  const seed = Number(str(args, 'seed', String(DEFAULT_SEED)));
  if (!Number.isInteger(seed) || seed < 0) {
    throw new Error('--seed must be a non-negative integer');
  }
  const timelinePath = str(args, 'timeline', DEFAULT_TIMELINE_PATH);
  const timelineName = timelinePath === DEFAULT_TIMELINE_PATH ? 'timeline.json' : timelinePath;
  const now = Date.now() / 1000;
  const time = (key: string, def?: string) => floorTick(parseTime(str(args, key, def), now));

  switch (cmd) {
    case 'live': {
      const timeline = loadTimeline(timelinePath);
      const port = Number(str(args, 'port', '9464'));
      const host = str(args, 'host', '0.0.0.0');
      const srv = await startLive({ port, host, timeline, timelineName, seed, log });
      log(`live: http://${host}:${srv.port}/ (${TARGETS.length} targets, seed ${seed})`);
      const stop = () => {
        log('live: stopping');
        void srv.close().then(() => process.exit(0));
      };
      process.on('SIGTERM', stop);
      process.on('SIGINT', stop);
      return;
    }
    case 'backfill': {
      const gen = new Generator(loadTimeline(timelinePath), seed);
      const end = time('end', 'now');
      const start = time('start');
      const coarseAfter = typeof args['coarse-after'] === 'string' ? parseDuration(args['coarse-after']) : 0;
      const { report } = await backfill(gen, {
        start,
        end,
        tsdb: typeof args.tsdb === 'string' ? args.tsdb : undefined,
        omDir: typeof args['om-dir'] === 'string' ? args['om-dir'] : undefined,
        promtool: str(args, 'promtool', 'promtool'),
        truthPath: typeof args.truth === 'string' ? args.truth : undefined,
        timelineName,
        coarseBefore: coarseAfter > 0 ? end - coarseAfter : 0,
        coarseStep: parseDuration(str(args, 'coarse-step', '60s')),
        log,
      });
      process.stdout.write(JSON.stringify(report, null, 2) + '\n');
      return;
    }
    case 'truth': {
      const gen = new Generator(loadTimeline(timelinePath), seed);
      const truth = computeTruth(gen, time('start'), time('end', 'now'), timelineName);
      const out = JSON.stringify(truth);
      if (typeof args.out === 'string') {
        writeFileSync(args.out, out);
      } else {
        process.stdout.write(out + '\n');
      }
      return;
    }
    case 'snapshot': {
      // Exactly what live mode serves during the tick containing --at.
      const gen = new Generator(loadTimeline(timelinePath), seed);
      const t = time('at', 'now');
      const only = typeof args.instance === 'string' ? args.instance : undefined;
      for (const ts of gen.targets) {
        if (only && ts.target.instance !== only) {
          continue;
        }
        const values = new Float64Array(ts.series.length);
        ts.at(t, values);
        process.stdout.write(
          `# target ${ts.target.environment}/${ts.target.instance} at ${t} (${isoTime(t)})${values[0] === 0 ? ' DOWN' : ''}\n`
        );
        if (values[0] !== 0) {
          process.stdout.write(await targetRegistry(ts, () => values).metrics());
        }
      }
      return;
    }
    case 'catalogue': {
      const rows = FAMILIES.map((f) => {
        const series = TARGETS.reduce((n, t) => n + seriesOf(t, false).filter((s) => s.family === f).length, 0);
        const first = TARGETS.find((t) => f.services.includes(t.service))!;
        const labels = [
          ...new Set(
            seriesOf(first, false)
              .filter((s) => s.family === f)
              .flatMap((s) => Object.keys(s.labels))
          ),
        ];
        const buckets = f.histogram ? [...BUCKETS[f.histogram], Infinity].map(formatLe) : undefined;
        return {
          name: f.name,
          seedName: f.seedName,
          type: f.type,
          group: f.group,
          unit: f.unit,
          services: f.services,
          labels,
          buckets,
          series,
          help: f.help,
        };
      });
      if (args.json) {
        process.stdout.write(
          JSON.stringify(
            { families: rows, targets: TARGETS, series: new Generator(loadTimeline(timelinePath), seed).seriesCount() },
            null,
            2
          ) + '\n'
        );
      } else {
        process.stdout.write('| metric | type | extra labels | services | series |\n|---|---|---|---|---|\n');
        for (const r of rows) {
          const name = r.seedName ? `\`${r.name}\` (seed: \`${r.seedName}\`)` : `\`${r.name}\``;
          const labels = r.labels.map((l) => (l === 'le' ? `le (${r.buckets!.join(', ')})` : l)).join(', ') || '–';
          process.stdout.write(`| ${name} | ${r.type} | ${labels} | ${r.services.join(', ')} | ${r.series} |\n`);
        }
      }
      return;
    }
    case 'timeline': {
      const tl = loadTimeline(timelinePath);
      const rows = occurrences(tl, time('start', 'now-7d'), time('end', 'now'));
      for (const { incident: i, start, end } of rows) {
        process.stdout.write(
          `${isoTime(start)}  ${isoTime(end)}  ${i.id.padEnd(28)} ${(i.alerts ?? []).join(',') || i.anomaly || ''}\n`
        );
      }
      return;
    }
    case 'scrape-config': {
      const target = str(args, 'target');
      const interval = str(args, 'interval', '15s');
      let text: string;
      if (typeof args.write === 'string') {
        text = replaceJobs(readFileSync(args.write, 'utf8'), target, interval);
        writeFileSync(args.write, text);
        return;
      }
      text = args.full
        ? prometheusConfig(target, interval, str(args, 'self', 'localhost:9090'))
        : scrapeJobs(target, interval);
      process.stdout.write(text);
      return;
    }
    default:
      process.stdout.write(USAGE);
      if (cmd !== 'help' && cmd !== '--help') {
        throw new Error(`unknown command ${cmd}`);
      }
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`demo: ${(e as Error).message}\n`);
  process.exit(1);
});
