/**
 * The incident timeline: what goes wrong, when, and to which processes. It is data
 * (`demo/timeline.json`), validated here, and repeats every `cycle` from `anchor`, so a live
 * generator meets the same incidents every week and any week-long window of history holds each
 * of them once.
 */
import { readFileSync } from 'fs';
import { join } from 'path';

import { parseDuration, parseWeekTime, STEP } from './time';
import { Environment, ServiceName, SERVICES, Target, TARGETS } from './topology';

/** The model quantities an anomaly can be injected into. */
export const CHANNELS = [
  'cpu',
  'memory',
  'disk',
  'db_connections',
  'cache_hit_ratio',
  'cache_size',
  'process_memory_rss',
  'active_workers',
  'user_sessions_active',
  'user_registrations',
  'mfa_success_rate',
] as const;
export type Channel = (typeof CHANNELS)[number];

/** How an anomaly deforms its channel; `value` means what the comment says. */
export const SHAPES = [
  'spike', // channel × value for a short time
  'levelShift', // channel + value (a step that persists for the incident)
  'variance', // noise × value, same mean
  'drift', // + value × progress (a ramp: trend change), ends in a process restart when restart=true
  'seasonalBreak', // the daily cycle is flattened to its night level (the expected peak is missing)
  'dropToZero', // channel = 0 (a rate stops)
  'dip', // channel = value
] as const;
export type Shape = (typeof SHAPES)[number];

export const KINDS = [
  'down', // the process is not running: no samples, up = 0; it restarts (counters from zero) at the end
  'errors', // share `ratio` of requests answer 5xx (70 % 500, 30 % 503)
  'latency', // request P95 becomes `p95` seconds (log-normal, same shape)
  'cpu', // CPU usage held at `level` percent
  'memoryLeak', // memory climbs linearly to `peak` percent, then the process is OOM-killed: down for `oom`, restart
  'diskFill', // disk climbs to `peak` percent over `ramp`, holds, and is cleaned at the end
  'queueBacklog', // workers stall: queue climbs by `peak` over `ramp`, holds, drains over `drain`
  'bruteForce', // `rate` extra failed logins per second, spread over the selected auth processes
  'anomaly', // `shape` applied to `channel` (see SHAPES)
] as const;
export type Kind = (typeof KINDS)[number];

export interface Selector {
  service?: ServiceName;
  instance?: string;
  environment?: Environment;
}

/** One entry of timeline.json, as written. */
export interface IncidentSpec {
  id: string;
  at: string;
  for: string;
  kind: Kind;
  targets: Selector;
  description: string;
  alerts?: string[];
  slo?: string[];
  anomaly?: string;
  // kind parameters
  ratio?: number;
  p95?: number;
  level?: number;
  peak?: number;
  oom?: string;
  ramp?: string;
  drain?: string;
  rate?: number;
  channel?: Channel;
  shape?: Shape;
  value?: number;
  restart?: boolean;
}

/** An incident resolved against the cycle and the topology, times in seconds. */
export interface Incident extends IncidentSpec {
  /** Offset of the start from the cycle's start. */
  offset: number;
  duration: number;
  targetIndexes: number[];
  rampSeconds: number;
  drainSeconds: number;
  oomSeconds: number;
  /** The process restarts (counters from zero) at the end. */
  restartsAtEnd: boolean;
}

export interface Timeline {
  cycle: number;
  anchor: number;
  incidents: Incident[];
}

export interface TimelineFile {
  description?: string;
  cycle: string;
  anchor: string;
  incidents: IncidentSpec[];
}

/** Where the default timeline lives: demo/timeline.json, next to src/ and dist/. */
export const DEFAULT_TIMELINE_PATH = join(__dirname, '..', 'timeline.json');

export function loadTimeline(path = DEFAULT_TIMELINE_PATH): Timeline {
  let parsed: TimelineFile;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`timeline ${path}: ${(e as Error).message}`);
  }
  return parseTimeline(parsed, path);
}

function matches(t: Target, s: Selector): boolean {
  return (
    (s.service === undefined || s.service === t.service) &&
    (s.instance === undefined || s.instance === t.instance) &&
    t.environment === (s.environment ?? 'production')
  );
}

/** Validates a timeline and resolves it; errors name the incident and the field. */
export function parseTimeline(file: TimelineFile, source = 'timeline'): Timeline {
  const fail = (msg: string): never => {
    throw new Error(`${source}: ${msg}`);
  };
  const cycle = parseDuration(file.cycle ?? fail('missing "cycle"'));
  if (cycle <= 0 || cycle % STEP !== 0) {
    fail(`cycle must be a positive multiple of ${STEP}s`);
  }
  const anchorMs = Date.parse(file.anchor ?? fail('missing "anchor"'));
  if (Number.isNaN(anchorMs) || anchorMs % (STEP * 1000) !== 0) {
    fail(`anchor ${JSON.stringify(file.anchor)} must be an ISO date on the ${STEP}s grid`);
  }
  const seen = new Set<string>();
  const incidents = (file.incidents ?? []).map((spec) => {
    const where = `incident ${JSON.stringify(spec.id)}`;
    const bad = (msg: string): never => fail(`${where}: ${msg}`);
    if (!/^[a-z0-9][a-z0-9-]*$/.test(spec.id ?? '')) {
      bad('id must be kebab-case');
    }
    if (seen.has(spec.id)) {
      bad('duplicate id');
    }
    seen.add(spec.id);
    if (!KINDS.includes(spec.kind)) {
      bad(`unknown kind ${JSON.stringify(spec.kind)} (one of ${KINDS.join(', ')})`);
    }
    if (!spec.description) {
      bad('missing description');
    }
    const offset = parseWeekTime(spec.at);
    const duration = parseDuration(spec.for);
    if (duration <= 0 || duration % STEP !== 0 || duration >= cycle || offset >= cycle) {
      bad(`"for" must be a positive multiple of ${STEP}s shorter than the cycle`);
    }
    const sel = spec.targets ?? bad('missing "targets"');
    if (sel.service !== undefined && !SERVICES.includes(sel.service)) {
      bad(`unknown service ${sel.service}`);
    }
    const targetIndexes = TARGETS.filter((t) => matches(t, sel)).map((t) => t.index);
    if (targetIndexes.length === 0) {
      bad(`targets ${JSON.stringify(sel)} match no process`);
    }
    const num = (name: keyof IncidentSpec, lo: number, hi: number): number => {
      const v = spec[name];
      if (typeof v !== 'number' || !(v >= lo && v <= hi)) {
        bad(`"${name}" must be a number in [${lo}, ${hi}]`);
      }
      return v as number;
    };
    const dur = (name: 'oom' | 'ramp' | 'drain'): number => {
      const v = spec[name];
      const d = typeof v === 'string' ? parseDuration(v) : bad(`"${name}" must be a duration`);
      if (d % STEP !== 0) {
        bad(`"${name}" must be a multiple of ${STEP}s`);
      }
      return d;
    };
    let rampSeconds = 0;
    let drainSeconds = 0;
    let oomSeconds = 0;
    switch (spec.kind) {
      case 'errors':
        num('ratio', 0, 1);
        break;
      case 'latency':
        num('p95', 0.01, 60);
        break;
      case 'cpu':
        num('level', 0, 100);
        break;
      case 'memoryLeak':
        num('peak', 0, 100);
        oomSeconds = dur('oom');
        break;
      case 'diskFill':
        num('peak', 0, 100);
        rampSeconds = dur('ramp');
        break;
      case 'queueBacklog':
        num('peak', 1, 1e6);
        rampSeconds = dur('ramp');
        drainSeconds = dur('drain');
        break;
      case 'bruteForce':
        if (targetIndexes.some((i) => TARGETS[i].service !== 'auth')) {
          bad('bruteForce targets auth processes only');
        }
        num('rate', 0, 1e4);
        break;
      case 'anomaly':
        if (!CHANNELS.includes(spec.channel as Channel)) {
          bad(`"channel" must be one of ${CHANNELS.join(', ')}`);
        }
        if (!SHAPES.includes(spec.shape as Shape)) {
          bad(`"shape" must be one of ${SHAPES.join(', ')}`);
        }
        if (spec.shape !== 'seasonalBreak' && spec.shape !== 'dropToZero') {
          num('value', -1e12, 1e12);
        }
        if (
          (spec.channel === 'user_sessions_active' ||
            spec.channel === 'user_registrations' ||
            spec.channel === 'mfa_success_rate') &&
          targetIndexes.some((i) => TARGETS[i].service !== 'auth')
        ) {
          bad(`channel ${spec.channel} exists on auth processes only`);
        }
        break;
      case 'down':
        break;
    }
    if (rampSeconds + drainSeconds + oomSeconds >= duration) {
      bad('ramp, drain and oom must fit inside "for"');
    }
    return {
      ...spec,
      offset,
      duration,
      targetIndexes,
      rampSeconds,
      drainSeconds,
      oomSeconds,
      restartsAtEnd:
        spec.kind === 'down' || spec.kind === 'memoryLeak' || (spec.kind === 'anomaly' && spec.restart === true),
    };
  });
  // Two outages of one process must not overlap: the restart that ends one would fall inside the other.
  for (const a of incidents) {
    for (const b of incidents) {
      if (a !== b && a.restartsAtEnd && b.restartsAtEnd && a.targetIndexes.some((i) => b.targetIndexes.includes(i))) {
        const overlap = mod(b.offset - a.offset, cycle) < a.duration || mod(a.offset - b.offset, cycle) < b.duration;
        if (overlap) {
          fail(`incidents ${a.id} and ${b.id} both restart a process and overlap`);
        }
      }
    }
  }
  return { cycle, anchor: anchorMs / 1000, incidents };
}

export function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}

/** Seconds since the start of the incident's current occurrence, or -1 when it is not active at t. */
export function elapsed(tl: Timeline, inc: Incident, t: number): number {
  const e = mod(t - tl.anchor - inc.offset, tl.cycle);
  return e < inc.duration ? e : -1;
}

export interface Occurrence {
  incident: Incident;
  start: number;
  end: number;
}

/** Occurrences that overlap [from, to], ordered by start. */
export function occurrences(tl: Timeline, from: number, to: number): Occurrence[] {
  const out: Occurrence[] = [];
  for (const inc of tl.incidents) {
    const first = Math.floor((from - tl.anchor - inc.offset - inc.duration) / tl.cycle);
    for (let n = first; ; n++) {
      const start = tl.anchor + n * tl.cycle + inc.offset;
      if (start > to) {
        break;
      }
      if (start + inc.duration > from) {
        out.push({ incident: inc, start, end: start + inc.duration });
      }
    }
  }
  return out.sort((a, b) => a.start - b.start || a.incident.id.localeCompare(b.incident.id));
}

/** The latest end (restart time) ≤ t of an occurrence of inc, or -Infinity. */
export function lastEnd(tl: Timeline, inc: Incident, t: number): number {
  const n = Math.floor((t - tl.anchor - inc.offset - inc.duration) / tl.cycle);
  return tl.anchor + n * tl.cycle + inc.offset + inc.duration;
}
