/*
 * What the SLO detail page derives from its queries: the burn-rate history per long window, the
 * periods that spent the budget, and the Explore link for the SLI's series. No React here.
 */
import { FieldType, type DataFrame } from '@grafana/data';

import type { SLO } from '../datasource/types';
import type { Burndown } from '../panels/slobudget/lib/model';
import { DATASOURCE_TYPE } from './grafanaApi';

export interface BurnRateSeries {
  /** The long window of the pair(s), as the backend labels it (`1h`). */
  window: string;
  time: number[];
  values: number[];
}

/** The `burnrate` output: one frame per long window, time and burn_rate{window}. */
export function burnRateSeries(frames: DataFrame[]): BurnRateSeries[] {
  const out: BurnRateSeries[] = [];
  for (const frame of frames) {
    const value = frame.fields.find((f) => f.name === 'burn_rate');
    const time = frame.fields.find((f) => f.type === FieldType.time);
    if (value && time) {
      out.push({ window: value.labels?.window ?? '?', time: [...time.values], values: [...value.values] });
    }
  }
  return out;
}

export interface SpendingPeriod {
  start: number;
  end: number;
  /** Share of the whole budget spent in the period (0.25 = a quarter of the budget). */
  spent: number;
}

/**
 * The stretches where the remaining budget fell without a rise between, largest first, at most
 * `top`: where the budget went. A flat step ends a stretch; NaN points are skipped.
 */
export function spendingPeriods(b: Burndown, top = 5): SpendingPeriod[] {
  const periods: SpendingPeriod[] = [];
  let current: SpendingPeriod | undefined;
  let prev: { t: number; v: number } | undefined;
  for (let i = 0; i < b.time.length; i++) {
    const v = b.remaining[i];
    if (!Number.isFinite(v)) {
      continue;
    }
    if (prev && v < prev.v) {
      if (!current) {
        current = { start: prev.t, end: b.time[i], spent: 0 };
        periods.push(current);
      }
      current.end = b.time[i];
      current.spent += prev.v - v;
    } else {
      current = undefined;
    }
    prev = { t: b.time[i], v };
  }
  return periods.sort((x, y) => y.spent - x.spent || x.start - y.start).slice(0, top);
}

/** The SLI's own series in PromQL: the total events, the histogram's buckets, or the 0/1 series. */
export function sliSeriesExpr(slo: SLO): string {
  const sli = slo.sli;
  switch (sli.kind) {
    case 'ratio':
      return sli.total ?? '';
    case 'latency':
      return `${sli.histogram}_bucket${sli.selector ?? ''}`;
    case 'availability':
      return sli.expr ?? '';
  }
}

/** Explore on the same datasource and range, with the SLI's series as a plain series query. */
export function exploreUrl(slo: SLO, datasourceUid: string, range: { from: string; to: string }): string {
  const datasource = { type: DATASOURCE_TYPE, uid: datasourceUid };
  const panes = {
    slo: {
      datasource: datasourceUid,
      queries: [{ refId: 'A', datasource, queryType: 'series', expr: sliSeriesExpr(slo) }],
      range,
    },
  };
  return `/explore?schemaVersion=1&orgId=1&panes=${encodeURIComponent(JSON.stringify(panes))}`;
}
