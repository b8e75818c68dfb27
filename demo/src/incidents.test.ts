/**
 * Each incident of the default timeline must fire the seed alert rules it names — evaluated on the
 * generator's own samples with the timeline's reference expressions — and a week of the workload
 * must fire nothing else. This sizes the incidents without a Prometheus; the integration tests
 * run real PromQL on the same data.
 */
import { formatLe } from './catalogue';
import { Generator } from './engine';
import { BUCKETS } from './model';
import { cumulativeIncrease, firing, histogramQuantile, record, Recording } from './testing/promql';
import { loadTimeline, Occurrence, occurrences } from './timeline';
import { STEP } from './time';
import { Environment, ServiceName, TARGETS } from './topology';

const timeline = loadTimeline();
const START = Date.parse('2026-11-16T00:00:00Z') / 1000; // a Monday: the cycle's start
const END = START + 7 * 86400 + 3600;
const M5 = 300 / STEP;
const M1 = 60 / STEP;

const GAUGES = [
  'up',
  'queue_size',
  'claude_enhancer_cpu_usage',
  'claude_enhancer_memory_usage',
  'claude_enhancer_disk_usage',
];
const gen = new Generator(timeline);
const rec: Recording = record(gen, START, END, (key) => {
  const name = key.split('{')[0];
  return (
    GAUGES.includes(name) ||
    name === 'auth_requests_total' ||
    name === 'login_failures_total' ||
    name === 'request_duration_seconds_bucket'
  );
});
const ticks = rec.ticks;

const cache = new Map<string, Float64Array>();

/**
 * Running sum, over the selected targets and series, of counter increments (see
 * cumulativeIncrease); computed once per selection.
 */
function running(name: string, targets: (i: number) => boolean, key: (s: string) => boolean): Float64Array {
  let sum = cache.get(name);
  if (!sum) {
    sum = new Float64Array(ticks);
    rec.series.forEach((series, i) => {
      if (targets(i)) {
        for (const [n, values] of Object.entries(series)) {
          if (key(n)) {
            const c = cumulativeIncrease(values);
            for (let k = 0; k < ticks; k++) {
              sum![k] += c[k];
            }
          }
        }
      }
    });
    cache.set(name, sum);
  }
  return sum;
}

/** Σ increase() over the last w ticks. */
function sumIncrease(
  name: string,
  k: number,
  w: number,
  targets: (i: number) => boolean,
  key: (s: string) => boolean
): number {
  const r = running(name, targets, key);
  return r[k] - r[Math.max(0, k - w)];
}

const ofEnvironment = (e: Environment) => (i: number) => TARGETS[i].environment === e;
const ofService = (e: Environment, s: ServiceName) => (i: number) =>
  TARGETS[i].environment === e && TARGETS[i].service === s;
const isStatus5xx = (name: string) => /^auth_requests_total\{status="5/.test(name);
const isRequests = (name: string) => name.startsWith('auth_requests_total');

interface Rule {
  alert: string;
  /** Label values the alert fires for (an instance, or an environment and service), each with its condition per tick. */
  instances: Array<[string, (k: number) => boolean]>;
  forTicks: number;
}

function perTarget(gauge: string, cond: (v: number) => boolean): Rule['instances'] {
  return TARGETS.map((t, i) => [
    t.instance,
    (k: number) => {
      const v = rec.series[i][gauge][k];
      return v === v && cond(v);
    },
  ]);
}

function p95(env: Environment, service: ServiceName, k: number): number {
  const bounds = [...BUCKETS.request_duration_seconds, Infinity];
  const cum = bounds.map((b) => {
    const key = `request_duration_seconds_bucket{le="${formatLe(b)}"}`;
    return sumIncrease(`${env}/${service}/${key}`, k, M5, ofService(env, service), (n) => n === key);
  });
  return histogramQuantile(0.95, bounds, cum);
}

/** The 5xx share of an environment's (or, with a service, that service's) requests over the last 5 minutes. */
function errorRatio(env: Environment, service: ServiceName | undefined, k: number): number {
  const key = service ? `${env}/${service}` : env;
  const sel = service ? ofService(env, service) : ofEnvironment(env);
  return sumIncrease(`${key}/5xx`, k, M5, sel, isStatus5xx) / sumIncrease(`${key}/all`, k, M5, sel, isRequests);
}

function loginFailuresPerSecond(env: Environment, k: number): number {
  return sumIncrease(`${env}/failures`, k, M1, ofEnvironment(env), (n) => n.startsWith('login_failures_total')) / 60;
}

const environments: Environment[] = ['production', 'staging'];
const services: ServiceName[] = ['auth', 'api-gateway', 'dashboard'];
/** The seed's rules are evaluated per environment and, where the metric has one, per service. */
function perService(
  cond: (env: Environment, s: ServiceName, k: number) => boolean,
  only?: ServiceName
): Rule['instances'] {
  return environments.flatMap((env) =>
    services
      .filter((s) => only === undefined || s === only)
      .map((s): [string, (k: number) => boolean] => [`${env}/${s}`, (k) => cond(env, s, k)])
  );
}
const RULES: Rule[] = [
  { alert: 'ServiceDown', instances: perTarget('up', (v) => v === 0), forTicks: 120 / STEP },
  { alert: 'HighErrorRate', instances: perService((e, s, k) => errorRatio(e, s, k) > 0.05), forTicks: M5 },
  {
    alert: 'AuthServiceUnavailable',
    instances: perService((e, s, k) => 1 - errorRatio(e, s, k) < 0.9, 'auth'),
    forTicks: 180 / STEP,
  },
  { alert: 'HighResponseTime', instances: perService((e, s, k) => p95(e, s, k) > 1), forTicks: 600 / STEP },
  { alert: 'CriticalResponseTime', instances: perService((e, s, k) => p95(e, s, k) > 5), forTicks: M5 },
  { alert: 'QueueBacklog', instances: perTarget('queue_size', (v) => v > 1000), forTicks: M5 },
  { alert: 'HighCpuUsage', instances: perTarget('claude_enhancer_cpu_usage', (v) => v > 80), forTicks: 900 / STEP },
  { alert: 'CriticalMemoryUsage', instances: perTarget('claude_enhancer_memory_usage', (v) => v > 95), forTicks: M5 },
  { alert: 'LowDiskSpace', instances: perTarget('claude_enhancer_disk_usage', (v) => v > 85), forTicks: 1800 / STEP },
  {
    alert: 'SuspiciousAuthFailures',
    instances: perService((e, _, k) => loginFailuresPerSecond(e, k) > 10, 'auth'),
    forTicks: 120 / STEP,
  },
  {
    alert: 'MassiveAuthFailures',
    instances: perService((e, _, k) => loginFailuresPerSecond(e, k) > 50, 'auth'),
    forTicks: M1,
  },
  {
    // The seed's error-rate SLA (< 0.1 %), violated for 30 continuous minutes.
    alert: 'ErrorRateSLAViolation',
    instances: environments.map((e): [string, (k: number) => boolean] => [
      e,
      (k) => errorRatio(e, undefined, k) > 0.001,
    ]),
    forTicks: 1800 / STEP,
  },
];

/** The labels an incident's alerts may carry: its processes, their environment and service, their environment. */
function labelsOf(o: Occurrence): Set<string> {
  return new Set(
    o.incident.targetIndexes.flatMap((i) => {
      const t = TARGETS[i];
      return [t.instance, `${t.environment}/${t.service}`, t.environment];
    })
  );
}

describe('a week of the default timeline', () => {
  const incidents = occurrences(timeline, START, END);

  describe.each(RULES.map((r) => [r.alert, r] as const))('%s', (alert, rule) => {
    const fired = rule.instances.flatMap(([label, cond]) =>
      firing(ticks, cond, rule.forTicks).map(([a, b]) => ({ label, from: START + a * STEP, to: START + b * STEP }))
    );
    const expected = incidents.filter((o) => (o.incident.alerts ?? []).includes(alert));
    const belongs = (f: (typeof fired)[number], o: Occurrence) =>
      f.from >= o.start && f.from <= o.end + 300 && labelsOf(o).has(f.label);

    it('fires during each incident that names it, for the incident’s processes, environment and service', () => {
      expect(expected.length).toBeGreaterThan(0);
      for (const o of expected) {
        const during = fired.filter((f) => belongs(f, o));
        expect({ incident: o.incident.id, fired: during.length > 0 }).toEqual({ incident: o.incident.id, fired: true });
      }
    });

    it('fires at no other time and for no other environment or service', () => {
      const stray = fired.filter((f) => !expected.some((o) => belongs(f, o)));
      expect(stray).toEqual([]);
    });
  });
});
