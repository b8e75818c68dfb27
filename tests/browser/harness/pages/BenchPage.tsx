import React, { useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { dateTime, EventBusSrv, LoadingState, ThemeContext, type GrafanaTheme2, type TimeRange } from '@grafana/data';
import { UPlotConfigBuilder, useTheme2 } from '@grafana/ui';
import uPlot from 'uplot';

import { AnomalyOverlayPanel } from '../../../../src/panels/anomalyoverlay/components/AnomalyOverlayPanel';
import { DEFAULT_OPTIONS } from '../../../../src/panels/anomalyoverlay/types';
import { BENCH_POINTS, BENCH_SERIES, BENCH_START, BENCH_STEP, benchData, type BenchData } from './benchFrames';

const WIDTH = 1152;
const HEIGHT = 480;

// Every uPlot built through @grafana/ui's config builder reports its draws here: the
// benchmark's clock stops when the chart has drawn, not when React has committed.
let onDraw: ((at: number) => void) | undefined;
const instrumented = new WeakSet<object>();
const getConfig = UPlotConfigBuilder.prototype.getConfig;
UPlotConfigBuilder.prototype.getConfig = function (this: UPlotConfigBuilder) {
  const config = getConfig.call(this);
  if (!instrumented.has(config)) {
    instrumented.add(config);
    config.hooks = { ...config.hooks, draw: [...(config.hooks?.draw ?? []), () => onDraw?.(performance.now())] };
  }
  return config;
};

function nextDraw(): Promise<number> {
  return new Promise((resolve) => {
    onDraw = (at) => {
      onDraw = undefined;
      resolve(at);
    };
  });
}

/**
 * Resolves once the browser has painted what is on screen. Canvas drawing is rasterised at paint
 * time, so without this a measurement would pay for painting the previous chart.
 */
function settled(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve))));
}

const range = (from: number, to: number): TimeRange => ({
  from: dateTime(from),
  to: dateTime(to),
  raw: { from: dateTime(from), to: dateTime(to) },
});
const FULL = range(BENCH_START, BENCH_START + (BENCH_POINTS - 1) * BENCH_STEP);
/** Zoomed to the middle tenth, as a drag over a tenth of the chart does. */
const ZOOM = range(BENCH_START + 0.45 * BENCH_POINTS * BENCH_STEP, BENCH_START + 0.55 * BENCH_POINTS * BENCH_STEP);

interface Timing {
  first: number;
  zoom: number;
}

/** The overlay panel from frames: parse, legend, layout, uPlot; then a new time range. */
async function timeOverlay(el: HTMLElement, data: BenchData, theme: GrafanaTheme2): Promise<Timing> {
  const root = createRoot(el);
  // Grafana keeps these between renders; a zoom changes the time range only.
  const options = { ...DEFAULT_OPTIONS, topN: BENCH_SERIES };
  const fieldConfig = { defaults: {}, overrides: [] };
  const eventBus = new EventBusSrv();
  const noop = () => {};
  const replaceVariables = (v: string) => v;
  const panel = (timeRange: TimeRange) => (
    <ThemeContext.Provider value={theme}>
      <AnomalyOverlayPanel
        id={1}
        data={{ series: data.frames, state: LoadingState.Done, timeRange }}
        timeRange={timeRange}
        timeZone="utc"
        options={options}
        fieldConfig={fieldConfig}
        transparent={false}
        width={WIDTH}
        height={HEIGHT}
        renderCounter={0}
        title="bench"
        eventBus={eventBus}
        replaceVariables={replaceVariables}
        onOptionsChange={noop}
        onFieldConfigChange={noop}
        onChangeTimeRange={noop}
      />
    </ThemeContext.Provider>
  );
  await settled();
  let drawn = nextDraw();
  const t0 = performance.now();
  root.render(panel(FULL));
  const first = (await drawn) - t0;
  await settled();
  drawn = nextDraw();
  const t1 = performance.now();
  root.render(panel(ZOOM));
  const zoom = (await drawn) - t1;
  root.unmount();
  return { first, zoom };
}

/** A plain uPlot of the same points (value, baseline and both band edges, the band filled), no markers. */
async function timePlain(el: HTMLElement, data: BenchData, theme: GrafanaTheme2): Promise<Timing> {
  const palette = theme.visualization.palette;
  const series: uPlot.Series[] = [{}];
  const bands: uPlot.Band[] = [];
  for (let s = 0; s < BENCH_SERIES; s++) {
    const color = theme.visualization.getColorByName(palette[s % palette.length]);
    const k = 1 + 4 * s;
    series.push(
      { stroke: color, width: 1.5 },
      { stroke: theme.colors.text.secondary, dash: [6, 4] },
      { width: 0 },
      { width: 0 }
    );
    bands.push({ series: [k + 3, k + 2], fill: `${color}26` });
  }
  await settled();
  let drawn = nextDraw();
  const t0 = performance.now();
  const u = new uPlot(
    {
      width: WIDTH,
      height: HEIGHT,
      series,
      bands,
      scales: { x: { time: true, min: FULL.from.valueOf(), max: FULL.to.valueOf() } },
      hooks: { draw: [() => onDraw?.(performance.now())] },
    },
    data.aligned,
    el
  );
  const first = (await drawn) - t0;
  await settled();
  drawn = nextDraw();
  const t1 = performance.now();
  u.setScale('x', { min: ZOOM.from.valueOf(), max: ZOOM.to.valueOf() });
  const zoom = (await drawn) - t1;
  u.destroy();
  return { first, zoom };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Runs both charts `runs` times, alternating, after one unmeasured run of each (JIT warm-up). */
async function runBench(runs: number, theme: GrafanaTheme2) {
  const data = benchData();
  const stage = document.getElementById('bench-stage')!;
  const fresh = () => {
    stage.replaceChildren();
    const el = document.createElement('div');
    stage.appendChild(el);
    return el;
  };
  await timeOverlay(fresh(), data, theme);
  await timePlain(fresh(), data, theme);
  const overlay: Timing[] = [];
  const plain: Timing[] = [];
  for (let i = 0; i < runs; i++) {
    overlay.push(await timeOverlay(fresh(), data, theme));
    plain.push(await timePlain(fresh(), data, theme));
  }
  const summary = (t: Timing[]) => ({
    firstMs: median(t.map((x) => x.first)),
    zoomMs: median(t.map((x) => x.zoom)),
    runs: t,
  });
  return {
    series: BENCH_SERIES,
    points: BENCH_POINTS,
    flagged: data.flagged,
    overlay: summary(overlay),
    plain: summary(plain),
  };
}

declare global {
  interface Window {
    runOverlayBench?: (runs: number) => ReturnType<typeof runBench>;
  }
}

/** Exposes window.runOverlayBench(runs) to the benchmark spec; the charts are drawn in #bench-stage. */
export function BenchPage() {
  const theme = useTheme2();
  useEffect(() => {
    window.runOverlayBench = (runs) => runBench(runs, theme);
    return () => {
      delete window.runOverlayBench;
    };
  }, [theme]);
  return <div id="bench-stage" data-testid="bench-stage" style={{ width: WIDTH, height: HEIGHT + 100 }} />;
}
