import * as common from '@grafana/grafana-foundation-sdk/common';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';

import { anomalyAnnotations } from './anomalies';
import { drill, GREEN, ORANGE, RED } from './grafana';
import { buildDashboard, row } from './layout';
import { sloBudgetPanel } from './ourpanels';
import { prom, statPanel, timeseriesPanel } from './panels';
import { increaseOver, increaseOverRange, sel } from './promql';
import { p95LatencyByService } from './performance';
import { sloSummaries } from './sla';

const S = sel();
const S5xx = sel('status=~"5.."');

/**
 * The seed's "Claude Enhancer 5.1 - 企业级监控": key figures first (system status from `up`, the three
 * SLIs with the seed's PromQL), then traffic, errors and latency by service, then saturation, each
 * with a link down to the dashboard that explains it.
 *
 * The seed's latency and error SLIs are rate(x[5m]) ratios; here the rates are the 5-minute increases
 * of promql.ts (a ratio of rates over one window is the ratio of its increases), which count every
 * event of the window on Prometheus 2 and 3 alike.
 */
export const SLI = {
  availability: `(sum(up${S}) / count(up${S})) * 100`,
  // The seed writes sum(rate(...)) without `by (le)`, which leaves histogram_quantile nothing to read.
  latency: `histogram_quantile(0.95, sum by (le) (${increaseOver(`auth_response_time_bucket${S}`, '5m')}))`,
  errors: `(sum(${increaseOver(`auth_requests_total${S5xx}`, '5m')}) / sum(${increaseOver(`auth_requests_total${S}`, '5m')})) * 100`,
};

const toPerformance = drill(
  'Performance of ${__field.labels.service}',
  'ce-performance',
  'claude-enhancer-performance',
  'var-service=${__field.labels.service}'
);
const toAuth = drill(
  'Authentication of ${__field.labels.service}',
  'ce-auth',
  'claude-enhancer-authentication',
  'var-service=${__field.labels.service}'
);
const toSystem = drill(
  'System resources of ${__field.labels.service}',
  'ce-system',
  'claude-enhancer-system',
  'var-service=${__field.labels.service}'
);

/** The seed's three SLAs from the provisioned catalog, least budget left first, each opening the SLA dashboard. */
const sloBudgets = sloBudgetPanel({
  title: '错误预算 · Error budgets',
  description:
    'Remaining error budget of the three seed SLAs (availability 99.9 % / 30 d, P95 < 200 ms / 7 d, errors < 0.1 % / 24 h), least left first. A name opens the SLA dashboard.',
  w: 24,
  h: 7,
  targets: sloSummaries(),
  options: {
    mode: 'list',
    sortBy: 'remaining',
    drilldownUrl: '/d/ce-sla/sla-budgets?${__url_time_range}',
  },
});

export const overview = buildDashboard({
  uid: 'ce-overview',
  title: 'Claude Enhancer 5.1 - 企业级监控',
  description:
    'Overview of the Claude Enhancer 5.1 services: status, the three SLIs, RED signals by service and saturation, with drill-down links.',
  tags: ['overview'],
  annotations: anomalyAnnotations(),
  header: [
    statPanel({
      title: '系统状态概览 · System status',
      description:
        'One tile per process: `up{job=~"claude-enhancer.*"}`, the seed’s status panel. Red means Prometheus cannot scrape it.',
      w: 8,
      h: 5,
      unit: 'none',
      targets: [prom(`up${S}`, '{{instance}}', { instant: true })],
      mappings: [
        {
          type: dashboard.MappingType.ValueToText,
          options: { '0': { text: 'DOWN', color: RED, index: 0 }, '1': { text: 'UP', color: GREEN, index: 1 } },
        },
      ],
      thresholds: [
        [RED, null],
        [GREEN, 1],
      ],
      colorMode: common.BigValueColorMode.Background,
      graphMode: common.BigValueGraphMode.None,
    }),
    statPanel({
      title: '可用性 SLI · Availability',
      description: 'Share of targets up now (seed SLI). Target 99.9 % over 30 days.',
      w: 4,
      h: 5,
      unit: 'percent',
      decimals: 2,
      targets: [prom(SLI.availability, 'availability')],
      thresholds: [
        [RED, null],
        [GREEN, 99.9],
      ],
    }),
    statPanel({
      title: '延迟 SLI · P95 latency',
      description:
        'P95 of auth_response_time over 5 minutes (seed SLI), from the 5-minute bucket increases, exact on Prometheus 2 and 3. Target 200 ms.',
      w: 4,
      h: 5,
      unit: 's',
      targets: [prom(SLI.latency, 'P95')],
      thresholds: [
        [GREEN, null],
        [RED, 0.2],
      ],
    }),
    statPanel({
      title: '错误率 SLI · Error rate',
      description:
        'Share of 5xx answers over 5 minutes (seed SLI), from the 5-minute increases, exact on Prometheus 2 and 3. Target below 0.1 %.',
      w: 4,
      h: 5,
      unit: 'percent',
      decimals: 3,
      targets: [prom(SLI.errors, 'error rate')],
      thresholds: [
        [GREEN, null],
        [RED, 0.1],
      ],
    }),
    statPanel({
      title: 'Requests / s',
      w: 4,
      h: 5,
      unit: 'reqps',
      targets: [prom(`sum(rate(auth_requests_total${S}[$__rate_interval]))`, 'requests')],
    }),
    statPanel({
      title: 'Availability over the time range',
      description:
        'Up samples / all samples of the selected targets over the dashboard’s time range (its start excluded: `offset -1ms` makes Prometheus 2 and 3 read the same samples).',
      w: 6,
      h: 4,
      unit: 'percentunit',
      decimals: 3,
      targets: [
        prom(
          `sum(sum_over_time(up${S}[$__range] offset -1ms)) / sum(count_over_time(up${S}[$__range] offset -1ms))`,
          'availability',
          { instant: true }
        ),
      ],
      thresholds: [
        [RED, null],
        [GREEN, 0.999],
      ],
      graphMode: common.BigValueGraphMode.None,
    }),
    statPanel({
      title: 'Requests ≤ 200 ms over the time range',
      description:
        'Event-based latency SLI: requests in the le="0.2" bucket / all requests, summed per scrape (exact on Prometheus 2 and 3). Objective 95 %.',
      w: 6,
      h: 4,
      unit: 'percentunit',
      decimals: 2,
      targets: [
        prom(
          `sum(${increaseOverRange(`auth_response_time_bucket${sel('le="0.2"')}`)}) / sum(${increaseOverRange(`auth_response_time_count${S}`)})`,
          'within 200 ms',
          { instant: true }
        ),
      ],
      thresholds: [
        [RED, null],
        [GREEN, 0.95],
      ],
      graphMode: common.BigValueGraphMode.None,
    }),
    statPanel({
      title: '5xx over the time range',
      description:
        '5xx answers / all answers over the dashboard’s time range, summed per scrape (exact on Prometheus 2 and 3). SLA: below 0.1 %.',
      w: 6,
      h: 4,
      unit: 'percentunit',
      decimals: 3,
      targets: [
        prom(
          `sum(${increaseOverRange(`auth_requests_total${S5xx}`)}) / sum(${increaseOverRange(`auth_requests_total${S}`)})`,
          '5xx',
          { instant: true }
        ),
      ],
      thresholds: [
        [GREEN, null],
        [RED, 0.001],
      ],
      graphMode: common.BigValueGraphMode.None,
    }),
    statPanel({
      title: 'Process downtime over the time range',
      description: 'Summed time the selected processes failed their scrapes (15 s per failed scrape).',
      w: 6,
      h: 4,
      unit: 's',
      targets: [
        prom(
          `sum(count_over_time(up${S}[$__range] offset -1ms) - sum_over_time(up${S}[$__range] offset -1ms)) * 15`,
          'downtime',
          {
            instant: true,
          }
        ),
      ],
      thresholds: [
        [GREEN, null],
        [ORANGE, 60],
        [RED, 2592],
      ],
      graphMode: common.BigValueGraphMode.None,
    }),
  ],
  rows: [
    row('Error budgets', [sloBudgets]),
    row('Traffic, errors and latency by service', [
      timeseriesPanel({
        title: '请求速率 (RPS)',
        description:
          'The seed’s `sum(rate(auth_requests_total[5m])) by (service)`. Click a series for its performance dashboard.',
        w: 8,
        h: 8,
        unit: 'reqps',
        min: 0,
        targets: [prom(`sum by (service) (rate(auth_requests_total${S}[$__rate_interval]))`, '{{service}}')],
        links: [toPerformance],
      }),
      timeseriesPanel({
        title: 'Error rate by service',
        description: '5xx share of answers. The HighErrorRate alert fires above 5 % for 5 minutes.',
        w: 8,
        h: 8,
        unit: 'percent',
        min: 0,
        targets: [
          prom(
            `100 * sum by (service) (rate(auth_requests_total${S5xx}[$__rate_interval])) / sum by (service) (rate(auth_requests_total${S}[$__rate_interval]))`,
            '{{service}}'
          ),
        ],
        thresholds: [
          [GREEN, null],
          [RED, 5],
        ],
        thresholdLines: true,
        links: [toAuth],
      }),
      timeseriesPanel({
        ...p95LatencyByService(
          'HighResponseTime fires above 1 s for 10 minutes, CriticalResponseTime above 5 s for 5 minutes.'
        ),
        links: [toPerformance],
      }),
    ]),
    row('SLIs (seed PromQL)', [
      timeseriesPanel({
        title: '可用性 SLI · Availability %',
        w: 8,
        h: 7,
        unit: 'percent',
        max: 100,
        targets: [prom(SLI.availability, 'availability')],
        thresholds: [
          [RED, null],
          [GREEN, 99.9],
        ],
        thresholdLines: true,
      }),
      timeseriesPanel({
        title: '延迟 SLI · P95 auth latency',
        w: 8,
        h: 7,
        unit: 's',
        min: 0,
        targets: [prom(SLI.latency, 'P95')],
        thresholds: [
          [GREEN, null],
          [RED, 0.2],
        ],
        thresholdLines: true,
      }),
      timeseriesPanel({
        title: '错误率 SLI · Error rate %',
        w: 8,
        h: 7,
        unit: 'percent',
        min: 0,
        targets: [prom(SLI.errors, 'error rate')],
        thresholds: [
          [GREEN, null],
          [RED, 0.1],
        ],
        thresholdLines: true,
      }),
    ]),
    row('Saturation', [
      timeseriesPanel({
        title: 'CPU (busiest process per service)',
        w: 6,
        h: 7,
        unit: 'percent',
        min: 0,
        max: 100,
        targets: [prom(`max by (service) (claude_enhancer_cpu_usage${S})`, '{{service}}')],
        thresholds: [
          [GREEN, null],
          [RED, 80],
        ],
        thresholdLines: true,
        links: [toSystem],
      }),
      timeseriesPanel({
        title: 'Memory (fullest process per service)',
        w: 6,
        h: 7,
        unit: 'percent',
        min: 0,
        max: 100,
        targets: [prom(`max by (service) (claude_enhancer_memory_usage${S})`, '{{service}}')],
        thresholds: [
          [GREEN, null],
          [RED, 95],
        ],
        thresholdLines: true,
        links: [toSystem],
      }),
      timeseriesPanel({
        title: 'Queue size (longest per service)',
        w: 6,
        h: 7,
        unit: 'short',
        min: 0,
        targets: [prom(`max by (service) (queue_size${S})`, '{{service}}')],
        thresholds: [
          [GREEN, null],
          [RED, 1000],
        ],
        thresholdLines: true,
        links: [toPerformance],
      }),
      timeseriesPanel({
        title: 'Failed logins / s',
        description:
          'SuspiciousAuthFailures fires above 10/s for 2 minutes, MassiveAuthFailures above 50/s for 1 minute.',
        w: 6,
        h: 7,
        unit: 'short',
        min: 0,
        targets: [prom(`sum(rate(login_failures_total${S}[$__rate_interval]))`, 'failed logins')],
        thresholds: [
          [GREEN, null],
          [ORANGE, 10],
          [RED, 50],
        ],
        thresholdLines: true,
        links: [drill('Authentication', 'ce-auth', 'claude-enhancer-authentication', '${service:queryparam}')],
      }),
    ]),
  ],
});
