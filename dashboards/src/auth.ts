import { GREEN, ORANGE, RED } from './grafana';
import { buildDashboard, row } from './layout';
import { bargaugePanel, prom, statPanel, timeseriesPanel } from './panels';
import { sel } from './promql';

const S = sel();
const quantiles = (metric: string, s: string) =>
  [0.5, 0.95, 0.99].map((q) =>
    prom(`histogram_quantile(${q}, sum by (le) (rate(${metric}_bucket${s}[$__rate_interval])))`, `P${q * 100}`)
  );

export const auth = buildDashboard({
  uid: 'ce-auth',
  title: 'Claude Enhancer 5.1 - Authentication & users',
  description:
    'Authentication outcomes and latency of every service, failed logins by reason, sessions, registrations, MFA and password strength.',
  tags: ['auth'],
  header: [
    statPanel({
      title: '认证成功率 · Auth success rate',
      description:
        'Answers that are not 5xx / all answers. AuthServiceUnavailable fires for the auth service below 90 % for 3 minutes.',
      w: 6,
      h: 4,
      unit: 'percentunit',
      decimals: 2,
      targets: [
        prom(
          `sum(rate(auth_requests_total${sel('status!~"5.."')}[$__rate_interval])) / sum(rate(auth_requests_total${S}[$__rate_interval]))`,
          'success'
        ),
      ],
      thresholds: [
        [RED, null],
        [ORANGE, 0.9],
        [GREEN, 0.99],
      ],
    }),
    statPanel({
      title: 'Failed logins / s',
      w: 6,
      h: 4,
      unit: 'short',
      decimals: 1,
      targets: [prom(`sum(rate(login_failures_total${S}[$__rate_interval]))`, 'failed logins')],
      thresholds: [
        [GREEN, null],
        [ORANGE, 10],
        [RED, 50],
      ],
    }),
    statPanel({
      title: 'Active sessions',
      w: 6,
      h: 4,
      unit: 'short',
      targets: [prom(`sum(user_sessions_active${S})`, 'sessions')],
    }),
    statPanel({
      title: 'MFA success rate',
      w: 6,
      h: 4,
      unit: 'percentunit',
      decimals: 1,
      targets: [prom(`avg(mfa_success_rate${S})`, 'MFA')],
      thresholds: [
        [RED, null],
        [ORANGE, 0.9],
        [GREEN, 0.95],
      ],
    }),
  ],
  rows: [
    row('Authentication', [
      timeseriesPanel({
        title: 'Auth requests by status',
        w: 12,
        h: 8,
        unit: 'reqps',
        min: 0,
        stack: true,
        targets: [prom(`sum by (status) (rate(auth_requests_total${S}[$__rate_interval]))`, '{{status}}')],
      }),
      timeseriesPanel({
        title: 'Auth latency (P50 / P95 / P99)',
        description: 'auth_response_time. The latency SLO asks 95 % of requests within 200 ms.',
        w: 12,
        h: 8,
        unit: 's',
        min: 0,
        targets: quantiles('auth_response_time', S),
        thresholds: [
          [GREEN, null],
          [RED, 0.2],
        ],
        thresholdLines: true,
      }),
      timeseriesPanel({
        title: 'Failed logins by reason',
        description:
          'A brute-force attack shows as invalid_password and unknown_user. Alert thresholds: 10/s and 50/s.',
        w: 12,
        h: 8,
        unit: 'short',
        min: 0,
        stack: true,
        targets: [prom(`sum by (reason) (rate(login_failures_total${S}[$__rate_interval]))`, '{{reason}}')],
        thresholds: [
          [GREEN, null],
          [ORANGE, 10],
          [RED, 50],
        ],
        thresholdLines: true,
      }),
      timeseriesPanel({
        title: 'Requests answered within 200 ms',
        description: 'le="0.2" bucket / count of auth_response_time: the event-based latency SLI (objective 95 %).',
        w: 12,
        h: 8,
        unit: 'percentunit',
        max: 1,
        targets: [
          prom(
            `sum(rate(auth_response_time_bucket${sel('le="0.2"')}[$__rate_interval])) / sum(rate(auth_response_time_count${S}[$__rate_interval]))`,
            'within 200 ms'
          ),
        ],
        thresholds: [
          [RED, null],
          [GREEN, 0.95],
        ],
        thresholdLines: true,
      }),
    ]),
    row('User behaviour', [
      timeseriesPanel({
        title: 'Active sessions',
        w: 8,
        h: 8,
        unit: 'short',
        min: 0,
        targets: [prom(`sum by (instance) (user_sessions_active${S})`, '{{instance}}')],
      }),
      timeseriesPanel({
        title: 'Registrations per hour',
        w: 8,
        h: 8,
        unit: 'short',
        min: 0,
        targets: [prom(`sum(rate(user_registrations_total${S}[$__rate_interval])) * 3600`, 'registrations / h')],
      }),
      timeseriesPanel({
        title: 'MFA success rate',
        w: 8,
        h: 8,
        unit: 'percentunit',
        max: 1,
        targets: [prom(`mfa_success_rate${S}`, '{{instance}}')],
        thresholds: [
          [RED, null],
          [GREEN, 0.9],
        ],
        thresholdLines: true,
      }),
      timeseriesPanel({
        title: 'Session duration (P50 / P95)',
        w: 12,
        h: 8,
        unit: 's',
        min: 0,
        targets: quantiles('session_duration', S).slice(0, 2),
      }),
      bargaugePanel({
        title: 'Password strength of passwords set in the time range',
        description: 'Cumulative: passwords scoring at most each value (0 weakest – 4 strongest).',
        w: 12,
        h: 8,
        unit: 'short',
        min: 0,
        targets: [
          prom(`sum by (le) (increase(password_strength_score_bucket${S}[$__range]))`, 'score ≤ {{le}}', {
            instant: true,
          }),
        ],
      }),
    ]),
  ],
});
