import type { AlignedData } from 'uplot';

import { alignTimes } from './align';
import { decimate } from './decimate';
import type { OverlaySeries, Values } from './model';

/** What a uPlot series draws for its overlay series. */
export type Role = 'value' | 'baseline' | 'lower' | 'upper' | 'trend' | 'forecastLower' | 'forecastUpper';

export interface Slot {
  /** Index into the drawn overlay series. */
  series: number;
  role: Role;
}

export interface Shown {
  band: boolean;
  baseline: boolean;
}

export interface PlotData {
  data: AlignedData;
  /** slots[k] describes uPlot series k + 1 (series 0 is time). */
  slots: Slot[];
  /** Per drawn series: indexes (into x) of flagged points, for the markers. */
  flagged: number[][];
  /** Per drawn series: its anomaly scores on x, when it has them. */
  scores: Array<Values | undefined>;
  x: number[];
}

/**
 * uPlot's columns for the drawn series: time, then per series its value, baseline, band edges,
 * trend line and forecast interval edges (the part of the band past the last value) when present.
 */
export function buildPlotData(series: OverlaySeries[], shown: Shown): PlotData {
  const { x, index } = alignTimes(series);
  const columns: Values[] = [];
  const slots: Slot[] = [];
  const add = (i: number, role: Role, v: Values | undefined) => {
    if (v) {
      columns.push(index(series[i], v));
      slots.push({ series: i, role });
    }
  };
  series.forEach((s, i) => {
    add(i, 'value', s.value);
    if (shown.baseline) {
      add(i, 'baseline', s.baseline);
    }
    if (shown.band && s.lower && s.upper) {
      add(i, 'lower', s.lower);
      add(i, 'upper', s.upper);
    }
    add(i, 'trend', s.trend);
    if (s.forecastFrom !== undefined && s.lower && s.upper) {
      add(i, 'forecastLower', tail(s.lower, s.forecastFrom - 1));
      add(i, 'forecastUpper', tail(s.upper, s.forecastFrom - 1));
    }
  });
  const flagged = series.map((s) => {
    const idx: number[] = [];
    const flag = s.flag ? index(s, s.flag) : undefined;
    flag?.forEach((f, k) => f === 1 && idx.push(k));
    return idx;
  });
  const scores = series.map((s) => (s.score ? index(s, s.score) : undefined));
  return { data: [x, ...columns] as AlignedData, slots, flagged, scores, x };
}

/** The values from `from` on, null before: the forecast's interval, joined to the last data point. */
function tail(v: Values, from: number): Values {
  return v.map((y, i) => (i >= Math.max(0, from) ? y : null));
}

/**
 * What uPlot is given for the x range [from, to] on a plot `pixels` wide: the columns decimated to
 * what the pixels can show (decimate.ts), or plot.data itself when there are few enough points.
 * The markers and tooltips read plot.data, so they keep every point.
 */
export function plotView(plot: PlotData, from: number, to: number, pixels: number): AlignedData {
  const d = decimate(plot.x, plot.data.slice(1) as Values[], from, to, pixels);
  return d ? ([d.x, ...d.columns] as AlignedData) : plot.data;
}
