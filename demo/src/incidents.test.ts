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
import { loadTimeline, occurrences } from './timeline';
import { STEP } from './time';
import { ServiceName, TARGETS } from './topology';

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

const ofService = (s: ServiceName) => (i: number) => TARGETS[i].service === s;
const isStatus5xx = (name: string) => /^auth_requests_total\{status="5/.test(name);
const isRequests = (name: string) => name.startsWith('auth_requests_total');

interface Rule {
  alert: string;
  /** Label values the alert fires for (an instance or a service), each with its condition per tick. */
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

function p95(service: ServiceName, k: number): number {
  const bounds = [...BUCKETS.request_duration_seconds, Infinity];
  const cum = bounds.map((b) => {
    const key = `request_duration_seconds_bucket{le="${formatLe(b)}"}`;
    return sumIncrease(`${service}/${key}`, k, M5, ofService(service), (n) => n === key);
  });
  return histogramQuantile(0.95, bounds, cum);
}

const services: ServiceName[] = ['auth', 'api-gateway', 'dashboard'];
const RULES: Rule[] = [
  { alert: 'ServiceDown', instances: perTarget('up', (v) => v === 0), forTicks: 120 / STEP },
  {
    alert: 'HighErrorRate',
    instances: services.map((s) => [
      s,
      (k: number) =>
        sumIncrease(`${s}/5xx`, k, M5, ofService(s), isStatus5xx) /
          sumIncrease(`${s}/all`, k, M5, ofService(s), isRequests) >
        0.05,
    ]),
    forTicks: M5,
  },
  {
    alert: 'AuthServiceUnavailable',
    instances: [
      [
        'auth',
        (k) =>
          1 -
            sumIncrease('auth/5xx', k, M5, ofService('auth'), isStatus5xx) /
              sumIncrease('auth/all', k, M5, ofService('auth'), isRequests) <
          0.9,
      ],
    ],
    forTicks: 180 / STEP,
  },
  {
    alert: 'HighResponseTime',
    instances: services.map((s) => [s, (k: number) => p95(s, k) > 1]),
    forTicks: 600 / STEP,
  },
  { alert: 'CriticalResponseTime', instances: services.map((s) => [s, (k: number) => p95(s, k) > 5]), forTicks: M5 },
  { alert: 'QueueBacklog', instances: perTarget('queue_size', (v) => v > 1000), forTicks: M5 },
  { alert: 'HighCpuUsage', instances: perTarget('claude_enhancer_cpu_usage', (v) => v > 80), forTicks: 900 / STEP },
  { alert: 'CriticalMemoryUsage', instances: perTarget('claude_enhancer_memory_usage', (v) => v > 95), forTicks: M5 },
  { alert: 'LowDiskSpace', instances: perTarget('claude_enhancer_disk_usage', (v) => v > 85), forTicks: 1800 / STEP },
  {
    alert: 'SuspiciousAuthFailures',
    instances: [
      [
        'all',
        (k) =>
          sumIncrease(
            'failures',
            k,
            M1,
            () => true,
            (n) => n.startsWith('login_failures_total')
          ) /
            60 >
          10,
      ],
    ],
    forTicks: 120 / STEP,
  },
  {
    alert: 'MassiveAuthFailures',
    instances: [
      [
        'all',
        (k) =>
          sumIncrease(
            'failures',
            k,
            M1,
            () => true,
            (n) => n.startsWith('login_failures_total')
          ) /
            60 >
          50,
      ],
    ],
    forTicks: M1,
  },
];

describe('a week of the default timeline', () => {
  const incidents = occurrences(timeline, START, END);

  describe.each(RULES.map((r) => [r.alert, r] as const))('%s', (alert, rule) => {
    const fired = rule.instances.flatMap(([label, cond]) =>
      firing(ticks, cond, rule.forTicks).map(([a, b]) => ({ label, from: START + a * STEP, to: START + b * STEP }))
    );
    const expected = incidents.filter((o) => (o.incident.alerts ?? []).includes(alert));

    it('fires during each incident that names it', () => {
      expect(expected.length).toBeGreaterThan(0);
      for (const o of expected) {
        const during = fired.filter((f) => f.from >= o.start && f.from <= o.end + 300);
        expect({ incident: o.incident.id, fired: during.length > 0 }).toEqual({ incident: o.incident.id, fired: true });
      }
    });

    it('fires at no other time', () => {
      const stray = fired.filter((f) => !expected.some((o) => f.from >= o.start && f.from <= o.end + 300));
      expect(stray).toEqual([]);
    });
  });
});
