import { bandsFrame, plainFrame } from '../testing/frames';
import { parseFrames } from './parse';
import { buildPlotData, plotView } from './plotData';
import { sourceIndex } from './reading';
import { visibleSeries } from './rank';

describe('buildPlotData', () => {
  it('lays out value, baseline and both band edges per series, and no NaN anywhere', () => {
    const series = parseFrames([
      bandsFrame({ name: 'a', warmup: 3 }),
      bandsFrame({ name: 'b', gap: 'null', warmup: 3 }),
    ]);
    const plot = buildPlotData(series, { band: true, baseline: true });
    expect(plot.slots.map((s) => `${s.series}:${s.role}`)).toEqual([
      '0:value',
      '0:baseline',
      '0:lower',
      '0:upper',
      '1:value',
      '1:baseline',
      '1:lower',
      '1:upper',
    ]);
    const numbers = plot.data.slice(1).flatMap((col) => Array.from(col as ArrayLike<number | null>));
    expect(numbers.some((v) => typeof v === 'number' && Number.isNaN(v))).toBe(false);
  });

  it('leaves band and baseline out when they are switched off', () => {
    const plot = buildPlotData(parseFrames([bandsFrame({ name: 'a' })]), { band: false, baseline: false });
    expect(plot.slots.map((s) => s.role)).toEqual(['value']);
  });

  it("merges series with different timestamps onto one time axis, drawn across the other series' times", () => {
    const a = parseFrames([plainFrame('a', 3)])[0];
    a.value = [a.value[0], null, a.value[2]];
    const b = { ...parseFrames([plainFrame('b', 3)])[0] };
    b.time = b.time.map((t) => t + 30_000);
    const plot = buildPlotData([a, b], { band: true, baseline: true });
    expect(plot.x).toHaveLength(6);
    // undefined where only b has a point: uPlot joins across it (null would break the line at every
    // other time); a's own gap stays null.
    expect(plot.data[1]).toEqual([a.value[0], undefined, null, undefined, a.value[2], undefined]);
    expect(plot.data[2]).toEqual([undefined, b.value[0], undefined, b.value[1], undefined, b.value[2]]);
  });

  it('marks the flagged points of each series', () => {
    const plot = buildPlotData(parseFrames([bandsFrame({ name: 'a', flagged: [4, 9] })]), {
      band: true,
      baseline: true,
    });
    expect(plot.flagged).toEqual([[4, 9]]);
    expect(plot.scores[0]![4]).toBe(5);
  });
});

describe('plotView', () => {
  const plot = buildPlotData(parseFrames([bandsFrame({ name: 'a', n: 2000, warmup: 100, flagged: [1500] })]), {
    band: true,
    baseline: true,
  });
  const [from, to] = [plot.x[0], plot.x[1999]];

  it('hands uPlot every point when the plot has a pixel for every four', () => {
    expect(plotView(plot, from, to, 500)).toBe(plot.data);
  });

  it('decimates every column onto one shared time axis when there are more points than that', () => {
    const view = plotView(plot, from, to, 100);
    expect(view).toHaveLength(plot.data.length);
    expect(view[0].length).toBeLessThanOrEqual(4 * 101 + 2);
    expect(view.every((c) => c.length === view[0].length)).toBe(true);
    // The flagged spike is its pixel column's largest value: kept.
    expect(view[1]).toContain(plot.data[1][1500]);
    expect(Math.max(...(view[1] as number[]))).toBe(Math.max(...(plot.data[1] as number[])));
  });

  it('reads a tooltip from every point: the one nearest the cursor when uPlot draws decimated data', () => {
    const view = plotView(plot, from, to, 100);
    expect(sourceIndex(plot, plot.data, 42)).toBe(42);
    expect(sourceIndex(plot, view, 7, plot.x[1500] + 1)).toBe(1500);
    expect(sourceIndex(plot, view, 0)).toBe(0);
  });
});

describe('visibleSeries', () => {
  const all = parseFrames([
    bandsFrame({ name: 'quiet' }),
    bandsFrame({ name: 'loud', flagged: [3] }),
    bandsFrame({ name: 'also quiet' }),
  ]);
  it('keeps the top N by peak score, ties in query order', () => {
    expect(visibleSeries(all, [], 2).map((s) => s.name)).toEqual(['loud', 'quiet']);
  });
  it('draws the picked series, in the order picked, ignoring names that are gone', () => {
    expect(visibleSeries(all, ['also quiet', 'gone', 'quiet'], 1).map((s) => s.name)).toEqual(['also quiet', 'quiet']);
  });
});
