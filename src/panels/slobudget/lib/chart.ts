import type { Burndown } from './model';

/** Room around the plot for the axis labels, in px. */
export const CHART_PADDING = { top: 8, right: 12, bottom: 22, left: 44 };

export interface BurndownScale {
  x: (t: number) => number;
  y: (ratio: number) => number;
  /** Ratios to label on the y axis, top to bottom: 100 %, 50 %, 0 % and the overspent bottom. */
  yTicks: number[];
  /** Times to label on the x axis: round times (see timeTicks) between the window start and now. */
  xTicks: number[];
  /** Index of the point nearest to a horizontal position, for the hover readout. */
  indexAt: (px: number) => number;
}

/**
 * The burndown from its first covered instant on. Under partial history the backend sends the
 * whole window with no remaining ratio before the data starts; drawn as is, the ideal line spans
 * the window while the data fills its last few percent. Cut there, both lines and the time axis
 * start where the data does. A burndown with data from its first point is returned as is.
 */
export function fromFirstCovered(b: Burndown): Burndown {
  const first = b.remaining.findIndex(Number.isFinite);
  if (first <= 0) {
    return b;
  }
  return { time: b.time.slice(first), remaining: b.remaining.slice(first), ideal: b.ideal.slice(first) };
}

/**
 * Scales for a burndown drawn in width × height px: time over the frame's own span (the SLO's
 * window, not the dashboard's range), ratio from min(0, lowest point) to 1, so an overspent
 * budget shows below the zero line.
 */
export function burndownScale(b: Burndown, width: number, height: number): BurndownScale {
  const { top, right, bottom, left } = CHART_PADDING;
  const t0 = b.time[0] ?? 0;
  const t1 = b.time[b.time.length - 1] ?? t0 + 1;
  const span = t1 > t0 ? t1 - t0 : 1;
  const finite = [...b.remaining, ...b.ideal].filter(Number.isFinite);
  const low = Math.min(0, ...finite);
  // Down to a multiple of 25 %, so the bottom tick is a round number.
  const yMin = Math.floor(low * 4) / 4;
  const yMax = Math.max(1, ...finite);
  const plotW = Math.max(1, width - left - right);
  const plotH = Math.max(1, height - top - bottom);
  const x = (t: number) => left + ((t - t0) / span) * plotW;
  const y = (r: number) => top + ((yMax - r) / (yMax - yMin)) * plotH;
  const yTicks = [yMax, yMax / 2, 0, ...(yMin < 0 ? [yMin] : [])];
  const xTicks = timeTicks(t0, t1, Math.max(2, Math.floor(plotW / 90)));
  const indexAt = (px: number) => {
    const t = t0 + ((px - left) / plotW) * span;
    let best = 0;
    for (let i = 1; i < b.time.length; i++) {
      if (Math.abs(b.time[i] - t) < Math.abs(b.time[best] - t)) {
        best = i;
      }
    }
    return best;
  };
  return { x, y, yTicks, xTicks, indexAt };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const TICK_STEPS = [
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
  14 * DAY,
];

/**
 * At most `max` round times in [t0, t1]: multiples of the smallest step in TICK_STEPS that
 * keeps them under `max` (multiples since the epoch, so whole UTC hours and days).
 */
export function timeTicks(t0: number, t1: number, max: number): number[] {
  const span = t1 - t0;
  if (!(span > 0)) {
    return [t0];
  }
  const step = TICK_STEPS.find((s) => Math.floor(t1 / s) - Math.ceil(t0 / s) + 1 <= max) ?? 30 * DAY;
  const ticks: number[] = [];
  for (let t = Math.ceil(t0 / step) * step; t <= t1; t += step) {
    ticks.push(t);
  }
  return ticks;
}

/** Whether ticks this far apart need dates rather than times of day. */
export function ticksNeedDates(ticks: number[]): boolean {
  return ticks.length > 1 ? ticks[1] - ticks[0] >= DAY : false;
}

/** An SVG path through the finite points, broken where values are NaN (before the data starts). */
export function linePath(time: number[], values: number[], s: Pick<BurndownScale, 'x' | 'y'>): string {
  let d = '';
  let pen = false;
  for (let i = 0; i < time.length; i++) {
    if (!Number.isFinite(values[i])) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${round(s.x(time[i]))},${round(s.y(values[i]))}`;
    pen = true;
  }
  return d;
}

/** The area between the line and the zero line, one closed shape per unbroken run. */
export function areaPath(time: number[], values: number[], s: Pick<BurndownScale, 'x' | 'y'>): string {
  const zero = round(s.y(0));
  let d = '';
  let run: number[] = [];
  const flush = () => {
    if (run.length > 0) {
      const first = round(s.x(time[run[0]]));
      const last = round(s.x(time[run[run.length - 1]]));
      d += `M${first},${zero}` + run.map((i) => `L${round(s.x(time[i]))},${round(s.y(values[i]))}`).join('');
      d += `L${last},${zero}Z`;
    }
    run = [];
  };
  for (let i = 0; i < time.length; i++) {
    if (Number.isFinite(values[i])) {
      run.push(i);
    } else {
      flush();
    }
  }
  flush();
  return d;
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}
