import { GREEN, ORANGE, RED } from './grafana';
import { buildDashboard, row } from './layout';
import { type PanelOptions, prom, series, statPanel, timeseriesPanel } from './panels';
import { sel } from './promql';

const S = sel();

/** P95 request latency per service against the seed's HighResponseTime and CriticalResponseTime
 * thresholds; the overview and the performance dashboard both show it. */
export function p95LatencyByService(description: string): PanelOptions {
  return {
    title: 'P95 request latency by service',
    description,
    w: 8,
    h: 8,
    unit: 's',
    min: 0,
    targets: [
      prom(
        `histogram_quantile(0.95, sum by (service, le) (rate(request_duration_seconds_bucket${S}[$__rate_interval])))`,
        '{{service}}'
      ),
    ],
    thresholds: [
      [GREEN, null],
      [ORANGE, 1],
      [RED, 5],
    ],
    thresholdLines: true,
  };
}

export const performance = buildDashboard({
  uid: 'ce-performance',
  title: 'Claude Enhancer 5.1 - Performance',
  description: 'Requests and latency by service, the background work queue, the database and the cache.',
  tags: ['performance'],
  header: [
    statPanel({
      title: 'Requests / s',
      w: 6,
      h: 4,
      unit: 'reqps',
      targets: [prom(`sum(rate(request_duration_seconds_count${S}[$__rate_interval]))`, 'requests')],
    }),
    statPanel({
      title: 'P95 request latency',
      w: 6,
      h: 4,
      unit: 's',
      targets: [
        prom(
          `histogram_quantile(0.95, sum by (le) (rate(request_duration_seconds_bucket${S}[$__rate_interval])))`,
          'P95'
        ),
      ],
      thresholds: [
        [GREEN, null],
        [ORANGE, 1],
        [RED, 5],
      ],
    }),
    statPanel({
      title: 'Longest queue',
      w: 6,
      h: 4,
      unit: 'short',
      targets: [prom(`max(queue_size${S})`, 'queue')],
      thresholds: [
        [GREEN, null],
        [ORANGE, 500],
        [RED, 1000],
      ],
    }),
    statPanel({
      title: 'Cache hit ratio',
      w: 6,
      h: 4,
      unit: 'percentunit',
      decimals: 1,
      targets: [
        prom(
          `sum(rate(cache_operations_total${sel('operation="get", result="hit"')}[$__rate_interval])) / sum(rate(cache_operations_total${sel('operation="get"')}[$__rate_interval]))`,
          'hit ratio'
        ),
      ],
      thresholds: [
        [RED, null],
        [ORANGE, 0.8],
        [GREEN, 0.9],
      ],
    }),
  ],
  rows: [
    row('Requests', [
      timeseriesPanel({
        title: 'Request rate by service',
        w: 8,
        h: 8,
        unit: 'reqps',
        min: 0,
        targets: [prom(`sum by (service) (rate(request_duration_seconds_count${S}[$__rate_interval]))`, '{{service}}')],
      }),
      timeseriesPanel({
        ...p95LatencyByService(
          'HighResponseTime above 1 s for 10 minutes; CriticalResponseTime above 5 s for 5 minutes.'
        ),
      }),
      timeseriesPanel({
        title: 'Request latency (P50 / P95 / P99)',
        w: 8,
        h: 8,
        unit: 's',
        min: 0,
        targets: [0.5, 0.95, 0.99].map((q) =>
          prom(
            `histogram_quantile(${q}, sum by (le) (rate(request_duration_seconds_bucket${S}[$__rate_interval])))`,
            `P${q * 100}`
          )
        ),
      }),
    ]),
    row('Work queue', [
      timeseriesPanel({
        title: 'Queue size',
        description: 'Served by the Claude Enhancer datasource. QueueBacklog fires above 1000 for 5 minutes.',
        w: 8,
        h: 8,
        unit: 'short',
        min: 0,
        targets: [series(`queue_size${S}`, '{{instance}}')],
        thresholds: [
          [GREEN, null],
          [RED, 1000],
        ],
        thresholdLines: true,
      }),
      timeseriesPanel({
        title: 'Active workers',
        w: 8,
        h: 8,
        unit: 'short',
        min: 0,
        targets: [series(`active_workers${S}`, '{{instance}}')],
      }),
      timeseriesPanel({
        title: 'Completed tasks / s',
        w: 8,
        h: 8,
        unit: 'ops',
        min: 0,
        targets: [series(`sum by (instance) (rate(completed_tasks_total${S}[$__rate_interval]))`, '{{instance}}')],
      }),
    ]),
    row('Database', [
      timeseriesPanel({
        title: 'Connections',
        w: 6,
        h: 8,
        unit: 'short',
        min: 0,
        targets: [series(`database_connections${S}`, '{{instance}}')],
      }),
      timeseriesPanel({
        title: 'Query latency P95',
        w: 6,
        h: 8,
        unit: 's',
        min: 0,
        targets: [
          prom(
            `histogram_quantile(0.95, sum by (service, le) (rate(database_query_duration_bucket${S}[$__rate_interval])))`,
            '{{service}}'
          ),
        ],
      }),
      timeseriesPanel({
        title: 'Queries / s',
        w: 6,
        h: 8,
        unit: 'ops',
        min: 0,
        targets: [prom(`sum by (service) (rate(database_query_duration_count${S}[$__rate_interval]))`, '{{service}}')],
      }),
      timeseriesPanel({
        title: 'Slow queries / min',
        description: 'Queries slower than 1 s.',
        w: 6,
        h: 8,
        unit: 'short',
        min: 0,
        targets: [
          prom(`sum by (instance) (rate(database_slow_queries_total${S}[$__rate_interval])) * 60`, '{{instance}}'),
        ],
      }),
    ]),
    row('Cache', [
      timeseriesPanel({
        title: 'Hit ratio',
        w: 8,
        h: 8,
        unit: 'percentunit',
        max: 1,
        targets: [series(`cache_hit_ratio${S}`, '{{instance}}')],
      }),
      timeseriesPanel({
        title: 'Operations / s',
        w: 8,
        h: 8,
        unit: 'ops',
        min: 0,
        stack: true,
        targets: [
          prom(
            `sum by (operation, result) (rate(cache_operations_total${S}[$__rate_interval]))`,
            '{{operation}} {{result}}'
          ),
        ],
      }),
      timeseriesPanel({
        title: 'Cache size',
        w: 8,
        h: 8,
        unit: 'bytes',
        min: 0,
        targets: [prom(`sum by (instance) (cache_size${S})`, '{{instance}}')],
      }),
    ]),
  ],
});
