/*
 * Options of the slo query kind: outputs, and the bucket step with the checks of
 * pkg/models/slo.go (bucketStep). No React here.
 */
import type { SelectableValue } from '@grafana/data';

import type { SLOOutput, SLOQuery, SLOWindow } from '../types';
import { formatSLODuration, parseDurationMs } from './duration';
import { DEFAULT_SCRAPE_INTERVAL } from './settings';
import { hasProblems, nominalWindowMs, readWindow, validateSLO } from './sloCatalog';
import { ALL_SLOS, allSLOsOutputError, parseSLOFilter } from './sloFilter';
import { hasVariable } from './templating';

export const DEFAULT_SLO_OUTPUT: SLOOutput = 'summary';

export const SLO_OUTPUT_OPTIONS: Array<SelectableValue<SLOOutput>> = [
  {
    value: 'summary',
    label: 'Summary',
    description:
      'SLI, remaining budget, time to exhaustion and the burn-rate pairs, as two tables: for stats, gauges and the SLA-budget panel.',
  },
  {
    value: 'burndown',
    label: 'Burndown',
    description: 'Remaining error budget over the window against the ideal line, for time series.',
  },
  { value: 'burnrate', label: 'Burn rate', description: 'Burn rate over time for each long window, for time series.' },
  {
    value: 'alert',
    label: 'Alert',
    description:
      'For alert rules: query → Reduce (last) → Threshold > 1. One number per multiwindow pair, above 1 when the pair fires.',
  },
  {
    value: 'budget',
    label: 'Budget',
    description: 'Remaining error budget as one number (1 untouched, 0 spent): for stats, alert and recording rules.',
  },
];

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** The most buckets one SLO query may fetch (models.MaxSLOBuckets). */
const MAX_BUCKETS = 200_000;

/** The backend's bucket step when the query sets none: 1m up to a 7d window, 5m above. */
export function defaultBucketStep(window: SLOWindow | undefined): string {
  return (nominalWindowMs(window) ?? 0) > 7 * DAY_MS ? '5m' : '1m';
}

/** The longest the window can be: a calendar period plus an hour of DST (models.maxLength). */
function longestWindowMs(window: SLOWindow | undefined): number | undefined {
  const w = readWindow(window);
  if (w.kind === 'calendar') {
    const longest = { week: 7, month: 31, quarter: 92 }[w.unit];
    return longest === undefined ? undefined : longest * DAY_MS + HOUR_MS;
  }
  return w.kind === 'rolling' ? w.ms : undefined;
}

export interface BucketStepContext {
  /** The SLO's window, when known: it sets the default and the bucket limit. */
  window?: SLOWindow;
  /** The datasource's scrape interval (jsonData.timeInterval). */
  scrapeInterval?: string;
}

/**
 * Why the backend would refuse the bucket step, or undefined. Empty is the default; a variable
 * is checked once resolved.
 */
export function bucketStepError(
  text: string | undefined,
  { window, scrapeInterval }: BucketStepContext
): string | undefined {
  if (text === undefined || text.trim() === '' || hasVariable(text)) {
    return undefined;
  }
  const step = parseDurationMs(text);
  if (step === undefined || step <= 0) {
    return 'Enter a duration such as 1m or 5m.';
  }
  if (step % 1000 !== 0 || step > HOUR_MS || HOUR_MS % step !== 0) {
    return 'Use whole seconds that divide an hour, such as 30s, 1m, 5m or 15m.';
  }
  const scrape = parseDurationMs(scrapeInterval || DEFAULT_SCRAPE_INTERVAL) ?? 15_000;
  if (step < 2 * scrape) {
    return `Use at least two scrape intervals (${formatSLODuration(2 * scrape)}), so that every bucket holds two samples.`;
  }
  const longest = longestWindowMs(window);
  const nominal = nominalWindowMs(window);
  if (longest !== undefined && nominal !== undefined && Math.floor((longest + nominal / 10) / step) > MAX_BUCKETS) {
    return `Too many buckets for a ${formatSLODuration(nominal)} window: use ${smallestStep(longest + nominal / 10)} or more.`;
  }
  return undefined;
}

/** The smallest step of whole seconds dividing an hour that keeps the span within the bucket limit. */
function smallestStep(spanMs: number): string {
  for (let s = 1; s <= 3600; s++) {
    if (3600 % s === 0 && Math.floor(spanMs / (s * 1000)) <= MAX_BUCKETS) {
      return formatSLODuration(s * 1000);
    }
  }
  return formatSLODuration(HOUR_MS);
}

/** Whether the query names an SLO the backend could evaluate; the catalog is checked by the backend. */
export function sloQueryRunnable(query: SLOQuery, context: BucketStepContext): boolean {
  if (!query.slo && query.sloId?.trim() === ALL_SLOS) {
    const filter = query.sloFilter ?? '';
    return (
      allSLOsOutputError(query.output) === undefined &&
      (hasVariable(filter) || parseSLOFilter(filter).error === undefined) &&
      bucketStepError(query.bucketStep, context) === undefined
    );
  }
  const named = query.slo ? !hasProblems(validateSLO(query.slo, { requireId: false })) : Boolean(query.sloId?.trim());
  return named && bucketStepError(query.bucketStep, context) === undefined;
}
