import { areaPath, burndownScale, CHART_PADDING, fromFirstCovered, linePath, ticksNeedDates, timeTicks } from './chart';

const H = 3_600_000;
const burndown = {
  time: [0, H, 2 * H, 3 * H, 4 * H],
  remaining: [NaN, 1, 0.5, NaN, -0.2],
  ideal: [1, 0.75, 0.5, 0.25, 0],
};

describe('burndownScale', () => {
  const width = 100 + CHART_PADDING.left + CHART_PADDING.right;
  const height = 100 + CHART_PADDING.top + CHART_PADDING.bottom;
  const s = burndownScale(burndown, width, height);

  it('spans the frame’s own time range across the plot', () => {
    expect(s.x(0)).toBe(CHART_PADDING.left);
    expect(s.x(4 * H)).toBe(CHART_PADDING.left + 100);
  });

  it('extends below zero to a multiple of 25 % when the budget is overspent', () => {
    // From 1 down to −0.25: 1.25 over 100 px.
    expect(s.y(1)).toBe(CHART_PADDING.top);
    expect(s.y(-0.25)).toBe(CHART_PADDING.top + 100);
    expect(s.yTicks).toEqual([1, 0.5, 0, -0.25]);
  });

  it('finds the point nearest to a position', () => {
    expect(s.indexAt(CHART_PADDING.left + 60)).toBe(2);
  });
});

describe('paths', () => {
  const s = { x: (t: number) => t / H, y: (r: number) => 10 - 10 * r };

  it('break where the remaining budget is unknown', () => {
    expect(linePath(burndown.time, burndown.remaining, s)).toBe('M1,0L2,5M4,12');
  });

  it('close each unbroken run on the zero line', () => {
    expect(areaPath(burndown.time, burndown.remaining, s)).toBe('M1,10L1,0L2,5L2,10ZM4,10L4,12L4,10Z');
  });
});

describe('timeTicks', () => {
  const t0 = Date.UTC(2026, 10, 25, 11, 55);
  it('labels a day at round hours', () => {
    const ticks = timeTicks(t0, t0 + 24 * H, 6);
    expect(ticks.map((t) => new Date(t).toISOString().slice(11, 16))).toEqual(['12:00', '18:00', '00:00', '06:00']);
    expect(ticksNeedDates(ticks)).toBe(false);
  });
  it('labels thirty days at midnights, a week apart', () => {
    const ticks = timeTicks(t0 - 29 * 24 * H, t0 + 24 * H, 6);
    // 2 d steps would make 15, 7 d steps make 5.
    expect(ticks).toHaveLength(5);
    expect(ticks.every((t) => t % (24 * H) === 0)).toBe(true);
    expect(ticksNeedDates(ticks)).toBe(true);
  });
});

describe('fromFirstCovered', () => {
  it('cuts the points before the data starts, so the ideal line starts with the data', () => {
    const b = { time: [0, 1, 2, 3], remaining: [NaN, NaN, 0.9, 0.8], ideal: [1, 0.75, 0.5, 0.25] };
    expect(fromFirstCovered(b)).toEqual({ time: [2, 3], remaining: [0.9, 0.8], ideal: [0.5, 0.25] });
  });
  it('keeps a burndown covered from its start, and one without any data', () => {
    const full = { time: [0, 1], remaining: [1, 0.9], ideal: [1, 0.5] };
    const none = { time: [0, 1], remaining: [NaN, NaN], ideal: [1, 0.5] };
    expect(fromFirstCovered(full)).toBe(full);
    expect(fromFirstCovered(none)).toBe(none);
  });
});
