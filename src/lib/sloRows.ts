/*
 * The SLOs home's rows: one per SLO of every datasource, with what its summary query and the
 * alerting API said, sorted by urgency and filtered by label. No React here.
 */
import type { SLO } from '../datasource/types';
import { SLO_STATES, type BurnRate, type SloState, type SloSummary } from '../panels/slobudget/lib/model';
import { countAlerts, type SloAlert } from './sloAlerts';

export interface SloRow {
  datasourceUid: string;
  datasourceName: string;
  slo: SLO;
  summary?: SloSummary;
  burnRates: BurnRate[];
  alerts: SloAlert[];
  /** Why the summary is missing: the query's error. */
  error?: string;
}

/** The pair burning fastest relative to its threshold (long and short both count: a pair fires on their minimum). */
export function fastestBurn(burnRates: BurnRate[]): BurnRate | undefined {
  const score = (b: BurnRate) => Math.min(b.longBurn, b.shortBurn) / b.threshold;
  return burnRates
    .filter((b) => Number.isFinite(score(b)))
    .reduce<BurnRate | undefined>((best, b) => (!best || score(b) > score(best) ? b : best), undefined);
}

/** breaching, warning, partial history, ok, no data; an SLO whose query failed sits with no data. */
export function rowState(row: SloRow): SloState {
  return row.summary?.state ?? 'no_data';
}

const finiteOr = (n: number | undefined, fallback: number) => (n !== undefined && Number.isFinite(n) ? n : fallback);

/**
 * Most urgent first: firing alerts, then state (breaching … no data), then pending alerts, then the
 * soonest exhaustion, then the least budget left; ties by name.
 */
export function byUrgency(a: SloRow, b: SloRow): number {
  const ca = countAlerts(a.alerts);
  const cb = countAlerts(b.alerts);
  return (
    Number(cb.firing > 0) - Number(ca.firing > 0) ||
    SLO_STATES.indexOf(rowState(a)) - SLO_STATES.indexOf(rowState(b)) ||
    cb.pending - ca.pending ||
    finiteOr(a.summary?.exhaustionSeconds, Infinity) - finiteOr(b.summary?.exhaustionSeconds, Infinity) ||
    finiteOr(a.summary?.remainingRatio, Infinity) - finiteOr(b.summary?.remainingRatio, Infinity) ||
    (a.slo.name || a.slo.id).localeCompare(b.slo.name || b.slo.id)
  );
}

/**
 * Whether the row matches a filter: space-separated terms, each `label=value` (exact, `service`
 * included) or free text found in the SLO's id, name, description, labels or datasource name.
 */
export function matchesFilter(row: SloRow, filter: string): boolean {
  const labels = { ...row.slo.labels };
  return filter
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .every((term) => {
      const eq = term.indexOf('=');
      if (eq > 0) {
        return labels[term.slice(0, eq)] === term.slice(eq + 1).replace(/^"(.*)"$/, '$1');
      }
      const text = [
        row.slo.id,
        row.slo.name,
        row.slo.description,
        row.datasourceName,
        ...Object.entries(labels).map(([k, v]) => `${k}=${v}`),
      ]
        .join(' ')
        .toLowerCase();
      return text.includes(term.toLowerCase());
    });
}

/** The values of `service` (or another label) across the rows, for the filter's quick picks. */
export function labelValues(rows: SloRow[], label: string): string[] {
  return [...new Set(rows.map((r) => r.slo.labels?.[label]).filter((v): v is string => Boolean(v)))].sort();
}
