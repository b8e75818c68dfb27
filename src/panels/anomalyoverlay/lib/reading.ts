import type { AlignedData } from 'uplot';

import { nearestIndex } from './decimate';
import type { OverlaySeries } from './model';
import type { PlotData, Role } from './plotData';

/** Which drawn series a tooltip explains: the one under the cursor, else the first flagged at that time, else the first. */
export function seriesAt(plot: PlotData, dataIdx: number, uplotSeriesIdx: number | null): number {
  if (uplotSeriesIdx !== null && uplotSeriesIdx > 0 && plot.slots[uplotSeriesIdx - 1]) {
    return plot.slots[uplotSeriesIdx - 1].series;
  }
  const flagged = plot.flagged.findIndex((idx) => idx.includes(dataIdx));
  return Math.max(0, flagged);
}

/**
 * The index into plot.data of the point under the cursor. When uPlot draws decimated data, its
 * index is into that: the point nearest the cursor's time is read instead (or the drawn point's
 * time without a cursor position).
 */
export function sourceIndex(plot: PlotData, drawn: AlignedData, dataIdx: number, cursorTime?: number): number {
  if (drawn[0] === plot.x) {
    return dataIdx;
  }
  return nearestIndex(plot.x, cursorTime ?? Number(drawn[0][dataIdx]));
}

/**
 * The flagged point of a series whose marker is under the cursor, else `at`: where the chart has
 * more points than pixels, the point nearest the cursor may be the marker's neighbour, and
 * hovering a marker should explain the anomaly it marks. `from`–`to` is the time the cursor's
 * marker-sized neighbourhood spans; the flagged point nearest `at` within it wins.
 */
export function snapToMarker(flagged: number[], x: ArrayLike<number>, at: number, from: number, to: number): number {
  if (flagged.includes(at)) {
    return at;
  }
  let best = at;
  let bestDistance = Infinity;
  for (const k of flagged) {
    const d = Math.abs(x[k] - x[at]);
    if (x[k] >= from && x[k] <= to && d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}

/** The series' numbers at one index of the aligned data, by role; null where it has none. */
export function readAt(plot: PlotData, data: AlignedData, series: number, dataIdx: number) {
  const get = (role: Role): number | null => {
    const k = plot.slots.findIndex((s) => s.series === series && s.role === role);
    const v = k < 0 ? null : data[k + 1][dataIdx];
    return typeof v === 'number' ? v : null;
  };
  return {
    time: Number(data[0][dataIdx]),
    value: get('value'),
    baseline: get('baseline'),
    lower: get('lower') ?? get('forecastLower'),
    upper: get('upper') ?? get('forecastUpper'),
    score: plot.scores[series]?.[dataIdx] ?? null,
    flagged: plot.flagged[series].includes(dataIdx),
  };
}

/** Whether a time is past the series' last value, in its forecast. */
export function inForecast(s: OverlaySeries, time: number): boolean {
  return s.forecastFrom !== undefined && s.forecastFrom > 0 && time > s.time[s.forecastFrom - 1];
}

/** The end of the x range: the dashboard's end, or the end of a forecast reaching further. */
export function xEnd(series: OverlaySeries[], to: number): number {
  let end = to;
  for (const s of series) {
    if (s.forecastFrom !== undefined && s.time.length > 0) {
      end = Math.max(end, s.time[s.time.length - 1]);
    }
  }
  return end;
}
