import * as common from '@grafana/grafana-foundation-sdk/common';

import { GREEN, ORANGE, RED } from './grafana';
import { buildDashboard, row, variables } from './layout';
import { prom, series, statPanel, timeseriesPanel } from './panels';
import { sel } from './promql';

const S = sel('', true);

export const system = buildDashboard({
  uid: 'ce-system',
  title: 'Claude Enhancer 5.1 - System resources & processes',
  description:
    'Host CPU, memory, disk and network of every process, and the processes themselves: memory, CPU, threads, file descriptors, restarts.',
  tags: ['system'],
  variables: variables(true),
  header: [
    statPanel({
      title: 'Busiest CPU',
      w: 6,
      h: 4,
      unit: 'percent',
      targets: [prom(`max(claude_enhancer_cpu_usage${S})`, 'CPU')],
      thresholds: [
        [GREEN, null],
        [ORANGE, 70],
        [RED, 80],
      ],
    }),
    statPanel({
      title: 'Fullest memory',
      w: 6,
      h: 4,
      unit: 'percent',
      targets: [prom(`max(claude_enhancer_memory_usage${S})`, 'memory')],
      thresholds: [
        [GREEN, null],
        [ORANGE, 85],
        [RED, 95],
      ],
    }),
    statPanel({
      title: 'Fullest disk',
      w: 6,
      h: 4,
      unit: 'percent',
      targets: [prom(`max(claude_enhancer_disk_usage${S})`, 'disk')],
      thresholds: [
        [GREEN, null],
        [ORANGE, 75],
        [RED, 85],
      ],
    }),
    statPanel({
      title: 'Process restarts in the time range',
      description: 'Counter resets of auth_requests_total{status="200"}: deploys, crashes and OOM kills.',
      w: 6,
      h: 4,
      unit: 'short',
      targets: [
        prom(`sum(resets(auth_requests_total${sel('status="200"', true)}[$__range]))`, 'restarts', { instant: true }),
      ],
      graphMode: common.BigValueGraphMode.None,
    }),
  ],
  rows: [
    row('Host', [
      timeseriesPanel({
        title: 'CPU usage',
        description: 'Served by the Claude Enhancer datasource. HighCpuUsage fires above 80 % for 15 minutes.',
        w: 12,
        h: 8,
        unit: 'percent',
        min: 0,
        max: 100,
        targets: [series(`claude_enhancer_cpu_usage${S}`, '{{instance}}')],
        thresholds: [
          [GREEN, null],
          [RED, 80],
        ],
        thresholdLines: true,
      }),
      timeseriesPanel({
        title: 'Memory usage',
        description: 'CriticalMemoryUsage fires above 95 % for 5 minutes.',
        w: 12,
        h: 8,
        unit: 'percent',
        min: 0,
        max: 100,
        targets: [prom(`claude_enhancer_memory_usage${S}`, '{{instance}}')],
        thresholds: [
          [GREEN, null],
          [RED, 95],
        ],
        thresholdLines: true,
      }),
      timeseriesPanel({
        title: 'Disk usage',
        description: 'LowDiskSpace fires above 85 % for 30 minutes.',
        w: 12,
        h: 8,
        unit: 'percent',
        min: 0,
        max: 100,
        targets: [prom(`claude_enhancer_disk_usage${S}`, '{{instance}}')],
        thresholds: [
          [GREEN, null],
          [RED, 85],
        ],
        thresholdLines: true,
      }),
      timeseriesPanel({
        title: 'Network traffic (received below the axis)',
        w: 12,
        h: 8,
        unit: 'Bps',
        targets: [
          prom(`sum by (instance) (rate(network_bytes_sent_total${S}[$__rate_interval]))`, '{{instance}} sent'),
          prom(`sum by (instance) (rate(network_bytes_recv_total${S}[$__rate_interval]))`, '{{instance}} received'),
        ],
        overrides: [
          {
            matcher: { id: 'byRegexp', options: '.* received' },
            properties: [{ id: 'custom.transform', value: 'negative-Y' }],
          },
        ],
      }),
    ]),
    row('Process', [
      timeseriesPanel({
        title: 'Resident memory',
        description: 'Grows slowly between restarts; a leak shows as a steeper ramp.',
        w: 12,
        h: 8,
        unit: 'bytes',
        min: 0,
        targets: [prom(`process_memory_rss${S}`, '{{instance}}')],
      }),
      timeseriesPanel({
        title: 'Process CPU',
        w: 12,
        h: 8,
        unit: 'percent',
        min: 0,
        targets: [prom(`process_cpu_percent${S}`, '{{instance}}')],
      }),
      timeseriesPanel({
        title: 'Threads',
        w: 12,
        h: 8,
        unit: 'short',
        min: 0,
        targets: [prom(`process_threads${S}`, '{{instance}}')],
      }),
      timeseriesPanel({
        title: 'Open file descriptors',
        w: 12,
        h: 8,
        unit: 'short',
        min: 0,
        targets: [prom(`process_open_fds${S}`, '{{instance}}')],
      }),
    ]),
  ],
});
