/**
 * The workload model: what one simulated process does during one 15 s tick. Every quantity is a
 * pure function of (seed, process, tick) — daily and weekly seasonality, smooth and white noise
 * from hashes, incidents from the timeline — so the same tick always yields the same frame.
 * Counters are not kept here: the model yields their increments, and the engine integrates them.
 */
import { Noise, stochasticRound } from './rng';
import { clamp, lognormalCdf, round, smoothstep, Z95 } from './stats';
import { Channel, elapsed, Incident, lastEnd, mod, Timeline } from './timeline';
import { STEP } from './time';
import { ServiceName, Target } from './topology';

/** Bucket upper bounds of each histogram (+Inf is implicit and last). */
export const BUCKETS = {
  auth_response_time: [0.025, 0.05, 0.1, 0.2, 0.5, 1, 2.5, 5],
  request_duration_seconds: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  database_query_duration: [0.005, 0.025, 0.1, 0.5, 1, 2.5],
  password_strength_score: [0, 1, 2, 3, 4],
  session_duration: [60, 300, 900, 1800, 3600, 14400],
} as const;
export type HistogramName = keyof typeof BUCKETS;

/** One tick of a histogram: increments of count, sum and each cumulative bucket (+Inf last). */
export class HistogramTick {
  count = 0;
  sum = 0;
  readonly cum: Float64Array;

  constructor(buckets: number) {
    this.cum = new Float64Array(buckets + 1);
  }
}

/** Everything one process reports for one tick. Increments are per tick; gauges are levels. */
export class Frame {
  /** The process is not running: it exports nothing and its target is down. */
  down = false;
  /** The process started this tick: counters restart from zero and this tick's events are lost. */
  restart = false;

  // auth_requests_total increments by status
  req200 = 0;
  req401 = 0;
  req500 = 0;
  req503 = 0;

  // gauges
  cpu = 0;
  memory = 0;
  disk = 0;
  rss = 0;
  procCpu = 0;
  threads = 0;
  fds = 0;
  queue = 0;
  workers = 0;
  dbConnections = 0;
  cacheHitRatio = 0;
  cacheSize = 0;
  sessions = 0;
  mfaRate = 0;

  // counter increments
  netSent = 0;
  netRecv = 0;
  tasks = 0;
  cacheGetHit = 0;
  cacheGetMiss = 0;
  cacheSet = 0;
  registrations = 0;
  failInvalidPassword = 0;
  failUnknownUser = 0;
  failMfa = 0;
  failLocked = 0;
  dbSlow = 0;

  readonly hist: Record<HistogramName, HistogramTick> = {
    auth_response_time: new HistogramTick(BUCKETS.auth_response_time.length),
    request_duration_seconds: new HistogramTick(BUCKETS.request_duration_seconds.length),
    database_query_duration: new HistogramTick(BUCKETS.database_query_duration.length),
    password_strength_score: new HistogramTick(BUCKETS.password_strength_score.length),
    session_duration: new HistogramTick(BUCKETS.session_duration.length),
  };
}

interface ServiceProfile {
  /** Requests per second of the whole service in production at load 1. */
  rps: number;
  /** Hour (UTC) of the daily peak and the daily swing (load = 1 ± amp). */
  peakHour: number;
  amp: number;
  /** Median auth latency (s) at load 1; requests take 1.3× as long end to end. */
  latency: number;
  /** Share of requests answered 401 (expired tokens); the auth service's 401s are failed logins. */
  unauthorized: number;
  /** Host CPU percent per unit of load (production; the daily peak stays under the 80 % alert). */
  cpuPerLoad: number;
}

export const PROFILES: Record<ServiceName, ServiceProfile> = {
  auth: { rps: 36, peakHour: 9, amp: 0.45, latency: 0.055, unauthorized: 0, cpuPerLoad: 35 },
  'api-gateway': { rps: 140, peakHour: 14, amp: 0.4, latency: 0.045, unauthorized: 0.012, cpuPerLoad: 35 },
  dashboard: { rps: 24, peakHour: 10.5, amp: 0.6, latency: 0.065, unauthorized: 0.008, cpuPerLoad: 30 },
};

const ENV_SCALE = { production: 1, staging: 0.04 };
/** Weekday factors, Monday first (UTC days). */
const WEEKDAYS = [1.0, 1.04, 1.05, 1.02, 0.94, 0.6, 0.55];
const LATENCY_SIGMA = 0.65;
const END_TO_END = 1.3;
/** Baseline share of requests answered 5xx: 0.03 %, a 0.3× burn of the 0.1 % error SLO. */
const BASE_ERRORS = 0.0003;
/** Failed logins as a share of auth requests, by reason. */
const LOGIN_FAILURES = { invalidPassword: 0.02, unknownUser: 0.006, mfa: 0.003, locked: 0.001 };
/** Password strength (zxcvbn-like score 0–4) distribution, cumulative. */
const PASSWORD_CDF = [0.05, 0.2, 0.5, 0.8, 1];
const MB = 1024 * 1024;
const DAY = 86400;
/** Rolling deploys restart every process once a day, staggered by 3 minutes. */
const DEPLOY_AT = 4 * 3600;
const DEPLOY_STAGGER = 180;

/** Mondays 00:00 UTC: the week the seasonality follows (1970-01-05 was a Monday). */
const MONDAY = 4 * DAY;

/** Daily × weekly traffic shape around 1, continuous across midnights. */
export function load(t: number, peakHour: number, amp: number): number {
  const hour = mod(t, DAY) / 3600;
  const daily =
    1 +
    amp * Math.cos((2 * Math.PI * (hour - peakHour)) / 24) +
    0.08 * Math.cos((4 * Math.PI * (hour - peakHour + 3)) / 24);
  return daily * weekly(t);
}

function weekly(t: number): number {
  const x = mod(t - MONDAY, 7 * DAY) / DAY;
  const i = Math.floor(x);
  const f = x - i;
  const cur = WEEKDAYS[i];
  // Blend over ±2 h around midnight so weekends do not start with a step.
  if (f < 1 / 12) {
    const prev = WEEKDAYS[(i + 6) % 7];
    return prev + (cur - prev) * smoothstep(0.5 + f * 6);
  }
  if (f > 11 / 12) {
    const next = WEEKDAYS[(i + 1) % 7];
    return cur + (next - cur) * smoothstep((f - 11 / 12) * 6);
  }
  return cur;
}

function fillHistogram(
  h: HistogramTick,
  buckets: readonly number[],
  n: number,
  median: number,
  sigma: number,
  u: number
): void {
  h.count = n;
  // Cumulative counts share one rounding offset u, so they stay monotone in le and ≤ n.
  for (let i = 0; i < buckets.length; i++) {
    h.cum[i] = Math.floor(n * lognormalCdf(buckets[i], median, sigma) + u);
  }
  h.cum[buckets.length] = n;
  h.sum = round(n * median * Math.exp((sigma * sigma) / 2), 3);
}

/** Names of the noise streams of a process (each an independent hash stream). */
const NOISE = [
  '401',
  '500',
  'attack',
  'bad',
  'cache-size',
  'cpu',
  'cpu-slow',
  'db',
  'disk',
  'ended',
  'fail',
  'fds',
  'gets',
  'hist',
  'hit',
  'hit-slow',
  'hits',
  'lat',
  'mem',
  'mem-slow',
  'mfa',
  'mfa-slow',
  'n',
  'pcpu',
  'pw',
  'pwchange',
  'queries',
  'queue',
  'reg',
  'rps',
  'rss',
  'rx',
  'sessions',
  'sets',
  'tasks',
  'threads',
  'tx',
  'wander',
] as const;
type NoiseName = (typeof NOISE)[number];
type NoiseKey<N extends string> = N extends `${infer A}-${infer B}`
  ? `${A}_${NoiseKey<B>}`
  : N extends `${number}`
    ? `n${N}`
    : N;
type Noises = { [N in NoiseName as NoiseKey<N>]: Noise };

/** The model of one process. */
export class TargetModel {
  readonly profile: ServiceProfile;
  readonly incidents: Incident[];
  private readonly restartIncidents: Incident[];
  private readonly scale: number;
  private readonly nz: Noises;
  /** Incidents active at the tick being stepped, with their elapsed seconds. */
  private readonly act: Array<[Incident, number]> = [];

  constructor(
    readonly target: Target,
    readonly timeline: Timeline,
    readonly seed: number
  ) {
    this.profile = PROFILES[target.service];
    this.incidents = timeline.incidents.filter((i) => i.targetIndexes.includes(target.index));
    this.restartIncidents = this.incidents.filter((i) => i.restartsAtEnd);
    // Each process gets a slightly different share (±3 %), as load balancers do.
    const jitter = new Noise(seed, `share/${target.instance}`).signed(0) * 0.03;
    this.scale = this.profile.rps * ENV_SCALE[target.environment] * target.share * (1 + jitter);
    const nz: Record<string, Noise> = {};
    for (const name of NOISE) {
      const key = name.replace(/-/g, '_').replace(/^(\d)/, 'n$1');
      nz[key] = new Noise(seed, `${target.environment}/${target.instance}/${name}`);
    }
    this.nz = nz as Noises;
  }

  /** The tick of the last restart at or before t: a daily deploy or the end of an outage. */
  lastRestart(t: number): number {
    const day = Math.floor(t / DAY) * DAY;
    let deploy = day + DEPLOY_AT + this.target.index * DEPLOY_STAGGER;
    if (deploy > t) {
      deploy -= DAY;
    }
    let last = deploy;
    for (const inc of this.restartIncidents) {
      last = Math.max(last, lastEnd(this.timeline, inc, t));
    }
    return last;
  }

  /** Is the process down at t (no samples, up = 0)? */
  isDown(t: number): boolean {
    for (const inc of this.restartIncidents) {
      const e = elapsed(this.timeline, inc, t);
      if (e >= 0 && (inc.kind === 'down' || e >= inc.duration - inc.oomSeconds)) {
        return true;
      }
    }
    return false;
  }

  /** Applies the active anomalies of channel at t to level + noise. */
  private channel(ch: Channel, level: number, noise: number, seasonal?: { flat: number }): number {
    let v = level + noise;
    for (const [inc, e] of this.act) {
      if (inc.kind !== 'anomaly' || inc.channel !== ch) {
        continue;
      }
      const value = inc.value ?? 0;
      switch (inc.shape) {
        case 'spike':
          v = level * value + noise;
          break;
        case 'levelShift':
          v += value;
          break;
        case 'variance':
          v = level + noise * value;
          break;
        case 'drift':
          v += (value * e) / inc.duration;
          break;
        case 'seasonalBreak':
          v = (seasonal?.flat ?? level) + noise;
          break;
        case 'dropToZero':
          v = 0;
          break;
        case 'dip':
          v = value + noise * 0.2;
          break;
      }
    }
    return v;
  }

  /** Elapsed seconds of the first active incident of the given kind, with it; or undefined. */
  private active(kind: Incident['kind']): [Incident, number] | undefined {
    for (const a of this.act) {
      if (a[0].kind === kind) {
        return a;
      }
    }
    return undefined;
  }

  /** Fills f with tick t (a multiple of STEP). */
  step(t: number, f: Frame): void {
    const tick = t / STEP;
    const tg = this.target;
    const p = this.profile;
    f.down = this.isDown(t);
    f.restart = !f.down && this.lastRestart(t) === t;
    if (f.down) {
      // A process that is not running exports nothing: the rest of the frame is not read.
      return;
    }
    this.act.length = 0;
    for (const inc of this.incidents) {
      const e = elapsed(this.timeline, inc, t);
      if (e >= 0) {
        this.act.push([inc, e]);
      }
    }
    const prod = tg.environment === 'production';

    const ld = load(t, p.peakHour, p.amp);
    const wander = 1 + 0.08 * this.nz.wander.smooth(t, 3600);
    const rps = Math.max(0, this.scale * ld * wander * (1 + 0.04 * this.nz.rps.normal(tick)));
    const n = stochasticRound(rps * STEP, this.nz.n.unit(tick));

    // --- requests and their status ---------------------------------------------------------
    const errInc = this.active('errors');
    const errRatio = Math.max(BASE_ERRORS, errInc ? errInc[0].ratio! : 0);
    const bad = Math.min(n, stochasticRound(n * errRatio, this.nz.bad.unit(tick)));
    f.req500 = Math.min(bad, stochasticRound(bad * 0.7, this.nz.n500.unit(tick)));
    f.req503 = bad - f.req500;
    if (tg.service === 'auth') {
      const u = this.nz.fail;
      f.failInvalidPassword = stochasticRound(n * LOGIN_FAILURES.invalidPassword, u.unit(tick * 4));
      f.failUnknownUser = stochasticRound(n * LOGIN_FAILURES.unknownUser, u.unit(tick * 4 + 1));
      f.failMfa = stochasticRound(n * LOGIN_FAILURES.mfa, u.unit(tick * 4 + 2));
      f.failLocked = stochasticRound(n * LOGIN_FAILURES.locked, u.unit(tick * 4 + 3));
      const legit = f.failInvalidPassword + f.failUnknownUser + f.failMfa + f.failLocked;
      f.req200 = Math.max(0, n - bad - legit);
      const attack = this.active('bruteForce');
      if (attack) {
        // The attack's rate is for the whole selection; each process takes its share of it.
        const share = 1 / attack[0].targetIndexes.length;
        const a = stochasticRound(attack[0].rate! * share * STEP, this.nz.attack.unit(tick));
        const unknown = Math.floor(a * 0.2);
        const locked = Math.floor(a * 0.05);
        f.failUnknownUser += unknown;
        f.failLocked += locked;
        f.failInvalidPassword += a - unknown - locked;
      }
      f.req401 = f.failInvalidPassword + f.failUnknownUser + f.failMfa + f.failLocked;
    } else {
      f.req401 = Math.min(n - bad, stochasticRound(n * p.unauthorized, this.nz.n401.unit(tick)));
      f.req200 = n - bad - f.req401;
    }
    const total = f.req200 + f.req401 + f.req500 + f.req503;

    // --- latency ------------------------------------------------------------------------------
    let median = p.latency * (1 + 0.35 * (ld - 1)) * (1 + 0.05 * this.nz.lat.smooth(t, 1800));
    const lat = this.active('latency');
    if (lat) {
      median = lat[0].p95! / Math.exp(Z95 * LATENCY_SIGMA) / END_TO_END;
    }
    const uh = this.nz.hist;
    fillHistogram(
      f.hist.auth_response_time,
      BUCKETS.auth_response_time,
      total,
      median,
      LATENCY_SIGMA,
      uh.unit(tick * 5)
    );
    fillHistogram(
      f.hist.request_duration_seconds,
      BUCKETS.request_duration_seconds,
      total,
      median * END_TO_END,
      LATENCY_SIGMA,
      uh.unit(tick * 5 + 1)
    );

    // --- system resources ---------------------------------------------------------------------
    const cpuLevel = prod ? 15 + p.cpuPerLoad * ld : 6 + 12 * ld;
    let cpu = this.channel('cpu', cpuLevel + 3 * this.nz.cpu_slow.smooth(t, 1200), 1.5 * this.nz.cpu.normal(tick));
    const hot = this.active('cpu');
    if (hot) {
      cpu = hot[0].level! + 1.5 * this.nz.cpu.normal(tick);
    }
    f.cpu = round(clamp(cpu, 0, 100), 2);

    let memory = 48 + 12 * ld + 4 * this.nz.mem_slow.smooth(t, 6 * 3600);
    const leak = this.active('memoryLeak');
    let leakShare = 0;
    if (leak) {
      leakShare = Math.min(1, leak[1] / (leak[0].duration - leak[0].oomSeconds));
      memory += (leak[0].peak! - memory) * leakShare;
    }
    f.memory = round(clamp(this.channel('memory', memory, 0.4 * this.nz.mem.normal(tick)), 0, 100), 2);

    // Logs grow through the week and are rotated on Sunday night.
    const weekShare = mod(t - MONDAY - 2 * 3600, 7 * DAY) / (7 * DAY);
    let disk = 52 + 6 * weekShare + (tg.index % 3);
    const fill = this.active('diskFill');
    if (fill) {
      disk += (fill[0].peak! - disk) * Math.min(1, fill[1] / fill[0].rampSeconds);
    }
    f.disk = round(clamp(this.channel('disk', disk, 0.05 * this.nz.disk.normal(tick)), 0, 100), 2);

    f.netSent = Math.round(total * 18_000 * (1 + 0.1 * this.nz.tx.normal(tick)) + 40_000 * STEP);
    f.netRecv = Math.round(total * 2_500 * (1 + 0.1 * this.nz.rx.normal(tick)) + 25_000 * STEP);

    // --- the process ----------------------------------------------------------------------------
    const sinceStart = t - this.lastRestart(t);
    const rss =
      280 * MB + ((35 * MB) / DAY) * sinceStart + 10 * MB * this.nz.rss.smooth(t, 900) + leakShare * 1500 * MB;
    f.rss = Math.round(this.channel('process_memory_rss', rss, 0));
    f.procCpu = round(clamp(f.cpu * 0.8 + this.nz.pcpu.normal(tick), 0, 100), 2);

    // --- work queue -----------------------------------------------------------------------------
    const workers = this.channel('active_workers', Math.round(prod ? 6 + 10 * ld : 2 + 2 * ld), 0);
    f.workers = Math.max(0, Math.round(workers));
    let queue = 3 + 25 * ld + 8 * Math.abs(this.nz.queue.normal(tick));
    let taskFactor = 1;
    const backlog = this.active('queueBacklog');
    if (backlog) {
      const [inc, e] = backlog;
      const holdEnd = inc.duration - inc.drainSeconds;
      const level = e < holdEnd ? Math.min(1, e / inc.rampSeconds) : 1 - (e - holdEnd) / inc.drainSeconds;
      queue += inc.peak! * level;
      taskFactor = e < holdEnd ? 0.1 : 1.5;
    }
    f.queue = Math.round(queue);
    f.tasks = stochasticRound(0.6 * rps * STEP * taskFactor, this.nz.tasks.unit(tick));
    f.threads = 24 + f.workers + Math.round(2 * this.nz.threads.smooth(t, 600));

    // --- database ------------------------------------------------------------------------------
    const conn = this.channel('db_connections', prod ? 10 + 25 * ld : 3 + 3 * ld, 2 * this.nz.db.normal(tick));
    f.dbConnections = Math.max(0, Math.round(conn));
    f.fds = 60 + f.dbConnections + Math.round(rps * 0.5) + Math.round(3 * this.nz.fds.smooth(t, 300));
    const queries = stochasticRound(total * 2.2, this.nz.queries.unit(tick));
    const dbMedian = 0.008 * (1 + 0.5 * (ld - 1));
    const q = f.hist.database_query_duration;
    fillHistogram(q, BUCKETS.database_query_duration, queries, dbMedian, 1.1, uh.unit(tick * 5 + 2));
    // Slow queries are the ones over 1 s: exactly count − bucket{le="1"}.
    f.dbSlow = q.count - q.cum[BUCKETS.database_query_duration.indexOf(1)];

    // --- cache ---------------------------------------------------------------------------------
    const hitLevel = 0.93 - 0.01 * (ld - 1) + 0.015 * this.nz.hit_slow.smooth(t, 3600);
    f.cacheHitRatio = round(
      clamp(this.channel('cache_hit_ratio', hitLevel, 0.003 * this.nz.hit.normal(tick)), 0, 1),
      4
    );
    const gets = stochasticRound(total * 3, this.nz.gets.unit(tick));
    f.cacheGetHit = Math.min(gets, stochasticRound(gets * f.cacheHitRatio, this.nz.hits.unit(tick)));
    f.cacheGetMiss = gets - f.cacheGetHit;
    f.cacheSet = f.cacheGetMiss + stochasticRound(total * 0.1, this.nz.sets.unit(tick));
    const size = 512 * MB * (0.75 + 0.1 * this.nz.cache_size.smooth(t, 12 * 3600) + 0.05 * ld);
    f.cacheSize = Math.max(0, Math.round(this.channel('cache_size', size, 0)));

    // --- users (auth processes) ------------------------------------------------------------------
    if (tg.service === 'auth') {
      // Sessions follow logins with an hour's lag; the flat level is the night trough.
      const sessionScale = 900 * ENV_SCALE[tg.environment] * tg.share;
      const sessions = sessionScale * load(t - 3600, p.peakHour, p.amp);
      const night = sessionScale * (1 - p.amp) * weekly(t);
      f.sessions = Math.max(
        0,
        Math.round(this.channel('user_sessions_active', sessions, 8 * this.nz.sessions.normal(tick), { flat: night }))
      );
      const regRate = this.channel('user_registrations', 0.05 * ENV_SCALE[tg.environment] * tg.share * ld, 0);
      f.registrations = stochasticRound(Math.max(0, regRate) * STEP, this.nz.reg.unit(tick));
      // Strength is scored on registration and on password changes (twice as many).
      const scored = f.registrations + stochasticRound(regRate * 2 * STEP, this.nz.pwchange.unit(tick));
      const pw = f.hist.password_strength_score;
      const upw = this.nz.pw.unit(tick);
      pw.count = scored;
      let sum = 0;
      for (let i = 0; i < PASSWORD_CDF.length; i++) {
        pw.cum[i] = Math.floor(scored * PASSWORD_CDF[i] + upw);
        sum += i * (pw.cum[i] - (i > 0 ? pw.cum[i - 1] : 0));
      }
      pw.cum[PASSWORD_CDF.length] = scored;
      pw.sum = sum;
      const mfa = this.channel(
        'mfa_success_rate',
        0.965 + 0.01 * this.nz.mfa_slow.smooth(t, 7200),
        0.004 * this.nz.mfa.normal(tick)
      );
      f.mfaRate = round(clamp(mfa, 0, 1), 4);
      const ended = stochasticRound((f.sessions / 1500) * STEP, this.nz.ended.unit(tick));
      fillHistogram(f.hist.session_duration, BUCKETS.session_duration, ended, 1200, 1, uh.unit(tick * 5 + 3));
    }
  }
}
