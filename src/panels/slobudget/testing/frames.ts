import { createDataFrame, FieldType, type DataFrame, type FieldConfig } from '@grafana/data';

import { BURN_RATES_FRAME, SUMMARY_FRAME } from '../lib/parse';

/** A row of the backend's slo_summary frame, in its field names. */
export interface SummaryRow {
  id: string;
  name: string;
  state: string;
  sli: number;
  objective: number;
  window: string;
  budget_remaining_ratio: number;
  budget_remaining: number;
  budget_allowed: number;
  budget_unit: string;
  exhaustion_seconds: number;
  partial_history: boolean;
  coverage: number;
  total_events: number;
  /** Sent by backends since the sli_kind column; the fixtures below leave it out unless a test sets it. */
  sli_kind?: string;
}

/**
 * The availability seed SLA midway: 99.9 % over 30 d allows 43m 12s (2592 s) of downtime;
 * 1872 s (31m 12s) are left after 720 s down, a ratio of 1872 / 2592 = 0.7222….
 */
export const AVAILABILITY: SummaryRow = {
  id: 'availability',
  name: 'Availability',
  state: 'ok',
  sli: 0.99972,
  objective: 0.999,
  window: '30d',
  budget_remaining_ratio: 1872 / 2592,
  budget_remaining: 1872,
  budget_allowed: 2592,
  budget_unit: 'seconds',
  exhaustion_seconds: 11400,
  partial_history: false,
  coverage: 1,
  total_events: 2592000,
};

/** An event budget: 0.1 % of 43.2 M requests allows 43,200 errors; 12,345 are left (ratio 0.2858). */
export const ERROR_RATE: SummaryRow = {
  id: 'error-rate',
  name: 'Error rate < 0.1 %',
  state: 'warning',
  sli: 0.99928,
  objective: 0.999,
  window: '24h',
  budget_remaining_ratio: 12345 / 43200,
  budget_remaining: 12345,
  budget_allowed: 43200,
  budget_unit: 'events',
  exhaustion_seconds: Infinity,
  partial_history: false,
  coverage: 1,
  total_events: 43_200_000,
};

/** Overspent: 243 s more downtime than the 2592 s allowed. */
export const OVERSPENT: SummaryRow = {
  ...AVAILABILITY,
  id: 'checkout',
  name: 'Checkout availability',
  state: 'breaching',
  sli: 0.99891,
  budget_remaining_ratio: -243 / 2592,
  budget_remaining: -243,
  exhaustion_seconds: 0,
};

/** Two days of history in a 7 d window. */
export const PARTIAL: SummaryRow = {
  id: 'latency-p95',
  name: 'Latency P95 < 200 ms',
  state: 'partial_history',
  sli: 0.9712,
  objective: 0.95,
  window: '7d',
  budget_remaining_ratio: 0.424,
  budget_remaining: 1234.5,
  budget_allowed: 2143.2,
  budget_unit: 'events',
  exhaustion_seconds: NaN,
  partial_history: true,
  coverage: 2 / 7,
  total_events: 12_345,
};

/** No events at all: every figure NaN. */
export const NO_DATA: SummaryRow = {
  id: 'idle',
  name: 'Idle service',
  state: 'no_data',
  sli: NaN,
  objective: 0.99,
  window: '24h',
  budget_remaining_ratio: NaN,
  budget_remaining: NaN,
  budget_allowed: NaN,
  budget_unit: 'events',
  exhaustion_seconds: NaN,
  partial_history: true,
  coverage: 0,
  total_events: 0,
};

const NUMBER_FIELDS = new Set([
  'sli',
  'objective',
  'budget_remaining_ratio',
  'budget_remaining',
  'budget_allowed',
  'exhaustion_seconds',
  'coverage',
  'total_events',
]);

/** A slo_summary frame as the backend sends it, one row per SLO. */
export function summaryFrame(rows: SummaryRow[], ratioConfig: FieldConfig = {}): DataFrame {
  const names = [
    ...(Object.keys(AVAILABILITY) as Array<keyof SummaryRow>),
    ...(rows.some((r) => r.sli_kind !== undefined) ? (['sli_kind'] as const) : []),
  ];
  return createDataFrame({
    name: SUMMARY_FRAME,
    refId: 'A',
    fields: names.map((name) => ({
      name,
      type: NUMBER_FIELDS.has(name)
        ? FieldType.number
        : name === 'partial_history'
          ? FieldType.boolean
          : FieldType.string,
      values: rows.map((r) => r[name]),
      config: name === 'budget_remaining_ratio' ? ratioConfig : {},
    })),
  });
}

export interface BurnRateRow {
  id: string;
  severity: 'page' | 'ticket';
  long_window: string;
  short_window: string;
  threshold: number;
  long_burn: number;
  short_burn: number;
  firing: boolean;
  feasible: boolean;
}

/** The Workbook's four pairs for a 30 d SLO: the fast page firing, the slow ticket firing, the rest quiet. */
export function workbookPairs(id: string): BurnRateRow[] {
  const row = (
    severity: 'page' | 'ticket',
    long: string,
    short: string,
    threshold: number,
    lb: number,
    sb: number
  ) => ({
    id,
    severity,
    long_window: long,
    short_window: short,
    threshold,
    long_burn: lb,
    short_burn: sb,
    firing: lb > threshold && sb > threshold,
    feasible: true,
  });
  return [
    row('page', '1h', '5m', 14.4, 15.2, 18.9),
    row('page', '6h', '30m', 6, 3.1, 0.8),
    row('ticket', '1d', '2h', 3, 1.25, 0.4),
    row('ticket', '3d', '6h', 1, 1.7, 1.1),
  ];
}

export function burnRatesFrame(rows: BurnRateRow[]): DataFrame {
  const num = new Set(['threshold', 'long_burn', 'short_burn']);
  const bools = new Set(['firing', 'feasible']);
  const names = [
    'id',
    'severity',
    'long_window',
    'short_window',
    'threshold',
    'long_burn',
    'short_burn',
    'firing',
    'feasible',
  ] as const;
  return createDataFrame({
    name: BURN_RATES_FRAME,
    refId: 'A',
    fields: names.map((name) => ({
      name,
      type: num.has(name) ? FieldType.number : bools.has(name) ? FieldType.boolean : FieldType.string,
      values: rows.map((r) => r[name]),
    })),
  });
}

/**
 * A burndown frame: hourly points from `start` over `hours`, the remaining ratio falling
 * linearly to `end`, NaN for the first `missing` points (history starting late).
 */
export function burndownFrame(
  id: string | undefined,
  start: number,
  hours: number,
  end: number,
  missing = 0
): DataFrame {
  const n = hours + 1;
  const time = Array.from({ length: n }, (_, i) => start + i * 3_600_000);
  const remaining = time.map((_, i) => (i < missing ? NaN : 1 - ((1 - end) * i) / hours));
  const ideal = time.map((_, i) => 1 - i / (hours * 1.5));
  const labels = id ? { slo: id } : undefined;
  return createDataFrame({
    name: 'burndown',
    refId: 'B',
    fields: [
      { name: 'time', type: FieldType.time, values: time },
      { name: 'remaining', type: FieldType.number, values: remaining, labels },
      { name: 'ideal', type: FieldType.number, values: ideal, labels },
    ],
  });
}
