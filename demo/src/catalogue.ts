/**
 * The metric catalogue of the seed, as this generator exports it: one family per seed metric,
 * with its Prometheus type, labels and the services that emit it. Counters whose seed name lacks
 * `_total` get it (`completed_tasks` → `completed_tasks_total`), as OpenMetrics requires of
 * counter samples and Prometheus' naming convention asks; everything else keeps the seed's name.
 */
import { BUCKETS, Frame, HistogramName } from './model';
import { ServiceName, Target, targetLabels } from './topology';

export type MetricType = 'counter' | 'gauge' | 'histogram';

export interface Family {
  /** The name queried in PromQL (counters end in _total; histograms add _bucket/_sum/_count). */
  name: string;
  /** The seed catalogue's name for it, when different. */
  seedName?: string;
  type: MetricType;
  help: string;
  /** Seed section: auth, user behaviour, system, process, performance, database, cache. */
  group: string;
  /** Grafana unit id, used by the dashboards and the README table. */
  unit: string;
  /** Services that export it. */
  services: readonly ServiceName[];
  /** Extra labels beyond the target's (job, instance, service, environment), with the values read for each. */
  variants: ReadonlyArray<{ labels: Record<string, string>; read: (f: Frame) => number }>;
  /** For histograms: which model histogram feeds it. */
  histogram?: HistogramName;
}

const ALL: readonly ServiceName[] = ['auth', 'api-gateway', 'dashboard'];
const AUTH: readonly ServiceName[] = ['auth'];

function one(read: (f: Frame) => number): Family['variants'] {
  return [{ labels: {}, read }];
}

function histogram(
  name: HistogramName,
  group: string,
  unit: string,
  help: string,
  services: readonly ServiceName[]
): Family {
  return { name, type: 'histogram', group, unit, help, services, variants: [], histogram: name };
}

export const FAMILIES: readonly Family[] = [
  // --- authentication (seed: 认证相关) ---
  {
    name: 'auth_requests_total',
    type: 'counter',
    group: 'auth',
    unit: 'reqps',
    help: 'Authenticated requests handled, by HTTP status (every service authenticates its requests; 401 on the auth service is a failed login).',
    services: ALL,
    variants: [
      { labels: { status: '200' }, read: (f) => f.req200 },
      { labels: { status: '401' }, read: (f) => f.req401 },
      { labels: { status: '500' }, read: (f) => f.req500 },
      { labels: { status: '503' }, read: (f) => f.req503 },
    ],
  },
  histogram('auth_response_time', 'auth', 's', 'Time spent authenticating a request, in seconds.', ALL),
  {
    name: 'user_sessions_active',
    type: 'gauge',
    group: 'auth',
    unit: 'short',
    help: 'Active user sessions.',
    services: AUTH,
    variants: one((f) => f.sessions),
  },
  histogram(
    'password_strength_score',
    'auth',
    'short',
    'Strength score (0 weakest – 4 strongest) of passwords set at registration or change.',
    AUTH
  ),
  {
    name: 'mfa_success_rate',
    type: 'gauge',
    group: 'auth',
    unit: 'percentunit',
    help: 'Share of MFA challenges passed over the last minute (0–1).',
    services: AUTH,
    variants: one((f) => f.mfaRate),
  },
  // --- user behaviour (seed: 用户行为) ---
  {
    name: 'user_registrations_total',
    type: 'counter',
    group: 'user behaviour',
    unit: 'short',
    help: 'User registrations completed.',
    services: AUTH,
    variants: one((f) => f.registrations),
  },
  {
    name: 'login_failures_total',
    type: 'counter',
    group: 'user behaviour',
    unit: 'short',
    help: 'Failed logins, by reason.',
    services: AUTH,
    variants: [
      { labels: { reason: 'invalid_password' }, read: (f) => f.failInvalidPassword },
      { labels: { reason: 'unknown_user' }, read: (f) => f.failUnknownUser },
      { labels: { reason: 'mfa_failed' }, read: (f) => f.failMfa },
      { labels: { reason: 'locked_out' }, read: (f) => f.failLocked },
    ],
  },
  histogram('session_duration', 'user behaviour', 's', 'Duration of ended user sessions, in seconds.', AUTH),
  // --- system resources (seed: 资源使用) ---
  {
    name: 'claude_enhancer_cpu_usage',
    type: 'gauge',
    group: 'system',
    unit: 'percent',
    help: 'Host CPU usage in percent (0–100).',
    services: ALL,
    variants: one((f) => f.cpu),
  },
  {
    name: 'claude_enhancer_memory_usage',
    type: 'gauge',
    group: 'system',
    unit: 'percent',
    help: 'Host memory usage in percent (0–100).',
    services: ALL,
    variants: one((f) => f.memory),
  },
  {
    name: 'claude_enhancer_disk_usage',
    type: 'gauge',
    group: 'system',
    unit: 'percent',
    help: 'Data volume usage in percent (0–100).',
    services: ALL,
    variants: one((f) => f.disk),
  },
  {
    name: 'network_bytes_sent_total',
    seedName: 'network_bytes_sent',
    type: 'counter',
    group: 'system',
    unit: 'Bps',
    help: 'Bytes sent on the network.',
    services: ALL,
    variants: one((f) => f.netSent),
  },
  {
    name: 'network_bytes_recv_total',
    seedName: 'network_bytes_recv',
    type: 'counter',
    group: 'system',
    unit: 'Bps',
    help: 'Bytes received from the network.',
    services: ALL,
    variants: one((f) => f.netRecv),
  },
  // --- process (seed: 进程指标) ---
  {
    name: 'process_memory_rss',
    type: 'gauge',
    group: 'process',
    unit: 'bytes',
    help: 'Resident set size of the service process, in bytes.',
    services: ALL,
    variants: one((f) => f.rss),
  },
  {
    name: 'process_cpu_percent',
    type: 'gauge',
    group: 'process',
    unit: 'percent',
    help: 'CPU used by the service process, in percent of the host.',
    services: ALL,
    variants: one((f) => f.procCpu),
  },
  {
    name: 'process_threads',
    type: 'gauge',
    group: 'process',
    unit: 'short',
    help: 'Threads of the service process.',
    services: ALL,
    variants: one((f) => f.threads),
  },
  {
    name: 'process_open_fds',
    type: 'gauge',
    group: 'process',
    unit: 'short',
    help: 'Open file descriptors of the service process.',
    services: ALL,
    variants: one((f) => f.fds),
  },
  // --- performance (seed: 响应性能) ---
  histogram('request_duration_seconds', 'performance', 's', 'End-to-end request duration, in seconds.', ALL),
  {
    name: 'queue_size',
    type: 'gauge',
    group: 'performance',
    unit: 'short',
    help: 'Tasks waiting in the background work queue.',
    services: ALL,
    variants: one((f) => f.queue),
  },
  {
    name: 'active_workers',
    type: 'gauge',
    group: 'performance',
    unit: 'short',
    help: 'Busy background workers.',
    services: ALL,
    variants: one((f) => f.workers),
  },
  {
    name: 'completed_tasks_total',
    seedName: 'completed_tasks',
    type: 'counter',
    group: 'performance',
    unit: 'short',
    help: 'Background tasks completed.',
    services: ALL,
    variants: one((f) => f.tasks),
  },
  // --- database (seed: 数据库性能) ---
  {
    name: 'database_connections',
    type: 'gauge',
    group: 'database',
    unit: 'short',
    help: 'Open database connections of the process pool.',
    services: ALL,
    variants: one((f) => f.dbConnections),
  },
  histogram('database_query_duration', 'database', 's', 'Database query duration, in seconds.', ALL),
  {
    name: 'database_slow_queries_total',
    seedName: 'database_slow_queries',
    type: 'counter',
    group: 'database',
    unit: 'short',
    help: 'Database queries slower than 1 s.',
    services: ALL,
    variants: one((f) => f.dbSlow),
  },
  // --- cache (seed: 缓存性能) ---
  {
    name: 'cache_hit_ratio',
    type: 'gauge',
    group: 'cache',
    unit: 'percentunit',
    help: 'Share of cache reads that hit (0–1).',
    services: ALL,
    variants: one((f) => f.cacheHitRatio),
  },
  {
    name: 'cache_size',
    type: 'gauge',
    group: 'cache',
    unit: 'bytes',
    help: 'Memory used by the cache, in bytes.',
    services: ALL,
    variants: one((f) => f.cacheSize),
  },
  {
    name: 'cache_operations_total',
    type: 'counter',
    group: 'cache',
    unit: 'ops',
    help: 'Cache operations, by operation and result.',
    services: ALL,
    variants: [
      { labels: { operation: 'get', result: 'hit' }, read: (f) => f.cacheGetHit },
      { labels: { operation: 'get', result: 'miss' }, read: (f) => f.cacheGetMiss },
      { labels: { operation: 'set', result: 'ok' }, read: (f) => f.cacheSet },
    ],
  },
];

/** Formats a bucket bound the way Prometheus 3 normalises `le` (`1` → `1.0`), so 2.x and 3.x store the same series. */
export function formatLe(bound: number): string {
  if (bound === Infinity) {
    return '+Inf';
  }
  return Number.isInteger(bound) ? bound.toFixed(1) : String(bound);
}

/** One exported time series of one target. */
export interface SeriesDef {
  family: Family;
  /** Sample name: the family name, or <family>_bucket/_sum/_count. */
  name: string;
  /** Labels beyond the target's (status, le, …). */
  labels: Record<string, string>;
  /** Cumulative: the model gives increments and the engine integrates them. */
  cumulative: boolean;
  read: (f: Frame) => number;
}

/** `up`, synthetic in backfill (Prometheus makes its own when it scrapes). */
export const UP: Family = {
  name: 'up',
  type: 'gauge',
  group: 'availability',
  unit: 'short',
  help: '1 if the target answered its last scrape, 0 if not (synthetic in backfill; Prometheus writes it when scraping).',
  services: ALL,
  variants: [],
};

/** The series a target exports, in a fixed order; `up` first. */
export function seriesOf(target: Target, includeUp = true): SeriesDef[] {
  const out: SeriesDef[] = [];
  if (includeUp) {
    out.push({ family: UP, name: 'up', labels: {}, cumulative: false, read: (f) => (f.down ? 0 : 1) });
  }
  for (const fam of FAMILIES) {
    if (!fam.services.includes(target.service)) {
      continue;
    }
    if (fam.histogram) {
      const h = fam.histogram;
      const bounds = [...BUCKETS[h], Infinity];
      bounds.forEach((b, i) => {
        out.push({
          family: fam,
          name: `${fam.name}_bucket`,
          labels: { le: formatLe(b) },
          cumulative: true,
          read: (f) => f.hist[h].cum[i],
        });
      });
      out.push({ family: fam, name: `${fam.name}_sum`, labels: {}, cumulative: true, read: (f) => f.hist[h].sum });
      out.push({ family: fam, name: `${fam.name}_count`, labels: {}, cumulative: true, read: (f) => f.hist[h].count });
      continue;
    }
    for (const v of fam.variants) {
      out.push({ family: fam, name: fam.name, labels: v.labels, cumulative: fam.type === 'counter', read: v.read });
    }
  }
  return out;
}

/** The full label set of a series: the target's labels plus its own. */
export function fullLabels(target: Target, s: SeriesDef): Record<string, string> {
  return { ...targetLabels(target), ...s.labels };
}

function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

/** `name{a="1",b="2"}` with labels sorted by name. */
export function selector(name: string, labels: Record<string, string>): string {
  const keys = Object.keys(labels).sort();
  if (keys.length === 0) {
    return name;
  }
  return `${name}{${keys.map((k) => `${k}="${escapeLabel(labels[k])}"`).join(',')}}`;
}
