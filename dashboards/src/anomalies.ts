import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';

import type { AnomalyQuery, ForecastQuery, TrendQuery } from '../../src/datasource/types';
import { ANOMALY, ours } from './grafana';
import { buildDashboard, row } from './layout';
import { anomalyOverlayPanel } from './ourpanels';
import { sel } from './promql';

const S = sel();

/**
 * The seed's key signals, in the PromQL of the panels that show them elsewhere (overview, auth,
 * performance, system), so an overlay here and the plain chart there draw the same series.
 */
export const SIGNALS = {
  requests: { expr: `sum by (service) (rate(auth_requests_total${S}[$__rate_interval]))`, legendFormat: '{{service}}' },
  errors: {
    expr: `100 * sum by (service) (rate(auth_requests_total${sel('status=~"5.."')}[$__rate_interval])) / sum by (service) (rate(auth_requests_total${S}[$__rate_interval]))`,
    legendFormat: '{{service}}',
  },
  authLatency: {
    expr: `histogram_quantile(0.95, sum by (le) (rate(auth_response_time_bucket${S}[$__rate_interval])))`,
    legendFormat: 'P95',
  },
  cpu: { expr: `max by (service) (claude_enhancer_cpu_usage${S})`, legendFormat: '{{service}}' },
  memory: { expr: `max by (service) (claude_enhancer_memory_usage${S})`, legendFormat: '{{service}}' },
  disk: { expr: `max by (service) (claude_enhancer_disk_usage${S})`, legendFormat: '{{service}}' },
  queue: { expr: `max by (service) (queue_size${S})`, legendFormat: '{{service}}' },
  cacheHits: { expr: `cache_hit_ratio${S}`, legendFormat: '{{instance}}' },
} as const;

type Signal = (typeof SIGNALS)[keyof typeof SIGNALS];
type Detection<Q> = Omit<Q, 'refId' | 'queryType' | 'expr' | 'legendFormat'>;

const anomaly = (s: Signal, o: Detection<AnomalyQuery>) => ours({ queryType: 'anomaly', ...s, ...o });
const trend = (s: Signal, o: Detection<TrendQuery> = {}) => ours({ queryType: 'trend', ...s, ...o });
const forecast = (s: Signal, o: Detection<ForecastQuery>) => ours({ queryType: 'forecast', ...s, ...o });

/**
 * Detection per signal. Traffic has a daily shape, so its baseline is the same time of the previous
 * days (`seasonal`); ratios and latencies are flat with rare spikes, so a median and MAD band
 * (`robust`) with a persistence rule ignores single-scrape blips; `ewma` follows a slowly moving
 * level such as memory. The error ratio's settings (threshold 4, persistence 3/5) are those that
 * bring the demo history's robust events down to its injected incidents.
 */
export const DETECTIONS = {
  requests: { method: 'seasonal', season: '1d', threshold: 4, persistence: '3/5', direction: 'both' },
  errors: { method: 'robust', threshold: 4, persistence: '3/5', direction: 'up', minDeviation: 0.5 },
  authLatency: { method: 'robust', threshold: 4, persistence: '3/5', direction: 'up' },
  cpu: { method: 'seasonal', season: '1d', direction: 'up' },
  memory: { method: 'ewma', direction: 'up' },
  queue: { method: 'robust', threshold: 4, persistence: '3/5', direction: 'up' },
  cacheHits: { method: 'robust', persistence: '3/5', direction: 'down' },
} as const satisfies Record<string, Detection<AnomalyQuery>>;

/**
 * Anomaly events (the `anomaly` query's `events` output: time, timeEnd, title, text, tags, which
 * Grafana maps onto annotation regions by name) of the error ratio per service, with the detection
 * of its panel here, for the overview: one region per run of flagged points. The request rate's
 * seasonal events are left to its panel: the demo's traffic has a weekly shape (demo/src/model.ts),
 * so on a Monday a daily baseline (the median of Sunday, Saturday and Friday) flags about a dozen
 * events in 6 incident-free hours — too many for annotations drawn on every panel.
 */
export function anomalyAnnotations(): dashboard.AnnotationQueryBuilder[] {
  return [
    new dashboard.AnnotationQueryBuilder()
      .name('Anomalies · error ratio')
      .datasource(ANOMALY)
      .enable(true)
      .hide(false)
      .iconColor('red')
      .target(ours({ refId: 'Anno', queryType: 'anomaly', ...SIGNALS.errors, ...DETECTIONS.errors, output: 'events' })),
  ];
}

export const anomalies = buildDashboard({
  uid: 'ce-anomalies',
  title: 'Claude Enhancer 5.1 - Anomalies',
  description:
    'The key signals against the band each one is expected in: request rate and error ratio per service, auth latency, CPU, memory, disk with its forecast to full, queue size and cache hit ratio; then the trend changes of the last hour.',
  tags: ['anomaly'],
  time: 'now-24h',
  refresh: '1m',
  rows: [
    row('Traffic, errors and latency', [
      anomalyOverlayPanel({
        title: 'Request rate by service',
        description:
          'Seasonal baseline: the same time on the previous days, so the daily peak is expected and a quiet peak hour is not.',
        w: 8,
        h: 9,
        unit: 'reqps',
        min: 0,
        targets: [anomaly(SIGNALS.requests, DETECTIONS.requests)],
      }),
      anomalyOverlayPanel({
        title: 'Error ratio by service',
        description:
          'Robust band (median ± 4 scaled MADs), flagged when 3 of 5 points are above it and at least 0.5 percentage points off the median.',
        w: 8,
        h: 9,
        unit: 'percent',
        min: 0,
        targets: [anomaly(SIGNALS.errors, DETECTIONS.errors)],
      }),
      anomalyOverlayPanel({
        title: 'Auth latency P95',
        description: 'Robust band on the P95 of auth_response_time; only slower than usual counts.',
        w: 8,
        h: 9,
        unit: 's',
        min: 0,
        targets: [anomaly(SIGNALS.authLatency, DETECTIONS.authLatency)],
      }),
    ]),
    row('Saturation', [
      anomalyOverlayPanel({
        title: 'CPU (busiest process per service)',
        description: 'Seasonal baseline: CPU follows the daily traffic; only busier than usual counts.',
        w: 8,
        h: 9,
        unit: 'percent',
        min: 0,
        max: 100,
        targets: [anomaly(SIGNALS.cpu, DETECTIONS.cpu)],
      }),
      anomalyOverlayPanel({
        title: 'Memory (fullest process per service)',
        description: 'EWMA baseline, which follows a slowly moving level: a leak shows where its ramp leaves the band.',
        w: 8,
        h: 9,
        unit: 'percent',
        min: 0,
        max: 100,
        targets: [anomaly(SIGNALS.memory, DETECTIONS.memory)],
      }),
      anomalyOverlayPanel({
        title: 'Disk (fullest per service) · forecast to full',
        description:
          'Linear fit of the last 6 hours extended 6 hours ahead with its 95 % interval; the time until it reaches 100 % is the LowDiskSpace lead time.',
        w: 8,
        h: 9,
        unit: 'percent',
        min: 0,
        max: 100,
        targets: [
          forecast(SIGNALS.disk, { forecastMethod: 'linear', training: '6h', horizon: '6h', forecastThreshold: 100 }),
        ],
      }),
      anomalyOverlayPanel({
        title: 'Queue size (longest per service)',
        description: 'Robust band; a backlog counts when 3 of 5 points are above it.',
        w: 12,
        h: 9,
        unit: 'short',
        min: 0,
        targets: [anomaly(SIGNALS.queue, DETECTIONS.queue)],
      }),
      anomalyOverlayPanel({
        title: 'Cache hit ratio',
        description: 'Robust band; only a lower hit ratio than usual counts.',
        w: 12,
        h: 9,
        unit: 'percentunit',
        min: 0,
        max: 1,
        targets: [anomaly(SIGNALS.cacheHits, DETECTIONS.cacheHits)],
      }),
    ]),
    row('Trend changes', [
      anomalyOverlayPanel({
        title: 'Request rate · trend change',
        description:
          'The last hour against the hour before (Welch’s t-test and effect size), the fitted trend and CUSUM level shifts.',
        w: 8,
        h: 8,
        unit: 'reqps',
        min: 0,
        targets: [trend(SIGNALS.requests)],
      }),
      anomalyOverlayPanel({
        title: 'Auth latency P95 · trend change',
        description: 'The last hour against the hour before, the fitted trend and CUSUM level shifts.',
        w: 8,
        h: 8,
        unit: 's',
        min: 0,
        targets: [trend(SIGNALS.authLatency)],
      }),
      anomalyOverlayPanel({
        title: 'Memory · trend change',
        description: 'The last 6 hours against the 6 before: a leak shows as a significant rise.',
        w: 8,
        h: 8,
        unit: 'percent',
        min: 0,
        max: 100,
        targets: [trend(SIGNALS.memory, { trendWindow: '6h' })],
      }),
    ]),
  ],
});
