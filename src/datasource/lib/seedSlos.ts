import type { SLO } from '../types';

/**
 * The seed's three SLAs, as the catalog's "Add the seed SLAs" button inserts them. A copy of
 * the seed catalog the Go tests read; seedSlos.test.ts
 * compares it with testdata/seed-slos.json, that catalog.
 */
export const SEED_SLOS: SLO[] = [
  {
    id: 'availability',
    name: 'Availability',
    description:
      'Share of time the claude-enhancer targets are up (99.9 % over 30 days: 43.2 minutes of allowed downtime).',
    sli: { kind: 'availability', expr: 'up{job=~"claude-enhancer.*"}', gaps: 'down' },
    objective: 0.999,
    window: { kind: 'rolling', duration: '30d' },
    labels: { service: 'claude-enhancer', sla: 'availability' },
  },
  {
    id: 'latency-p95',
    name: 'Latency P95 < 200 ms',
    description:
      'Share of authentication requests served within 200 ms (P95 < 200 ms over 7 days ⇔ at least 95 % of requests ≤ 0.2 s).',
    sli: { kind: 'latency', histogram: 'auth_response_time', threshold: 0.2 },
    objective: 0.95,
    window: { kind: 'rolling', duration: '7d' },
    labels: { service: 'auth', sla: 'latency' },
    minEvents: 100,
  },
  {
    id: 'error-rate',
    name: 'Error rate < 0.1 %',
    description:
      'Share of authentication requests that do not fail with a 5xx status (error rate below 0.1 % over 24 hours; an alert after 30 minutes of continuous violation).',
    sli: { kind: 'ratio', bad: 'auth_requests_total{status=~"5.."}', total: 'auth_requests_total' },
    objective: 0.999,
    window: { kind: 'rolling', duration: '1d' },
    labels: { service: 'auth', sla: 'error-rate' },
    minEvents: 100,
    violationFor: '30m',
  },
];

/** The catalog with the seed SLAs it lacks appended; entries with a seed id are left as they are. */
export function withSeedSlos(catalog: SLO[]): SLO[] {
  const ids = new Set(catalog.map((slo) => slo.id));
  return [...catalog, ...SEED_SLOS.filter((slo) => !ids.has(slo.id))];
}
