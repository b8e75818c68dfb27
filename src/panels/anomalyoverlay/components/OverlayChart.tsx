import React, { memo, useId, useLayoutEffect, useMemo, useState } from 'react';
import {
  FieldType,
  type DataFrame,
  type DataQueryRequest,
  type EventBus,
  type FieldConfig,
  type LinkModel,
  type TimeRange,
} from '@grafana/data';
import { DashboardCursorSync } from '@grafana/schema';
import { EventBusPlugin, TooltipPlugin2, UPlotChart, usePanelContext, useTheme2 } from '@grafana/ui';
import type uPlot from 'uplot';

import { seriesColor } from '../lib/colors';
import { buildChartConfig } from '../lib/config';
import { displayFor, formatValue, valueConfig } from '../lib/display';
import { exploreLink } from '../lib/links';
import type { OverlaySeries } from '../lib/model';
import { buildPlotData, plotView } from '../lib/plotData';
import { PlotHandle } from '../lib/plotHandle';
import { inForecast, readAt, seriesAt, snapToMarker, sourceIndex, xEnd } from '../lib/reading';
import { testIds } from '../testIds';
import type { Options } from '../types';
import { PointTooltip } from './PointTooltip';
import { ScoreStrip } from './ScoreStrip';

export interface OverlayChartProps {
  series: OverlaySeries[];
  options: Options;
  defaults: FieldConfig;
  width: number;
  height: number;
  timeRange: TimeRange;
  timeZone: string;
  eventBus?: EventBus;
  request?: DataQueryRequest;
  onChangeTimeRange: (range: { from: number; to: number }) => void;
  /** Called after each draw of the chart, with the plot (the benchmark's clock). */
  onDraw?: (u: uPlot) => void;
}

/** Width of the y axes when the score strip is shown, so both plots share their x pixels. */
const Y_AXIS_SIZE = 64;
/** CSS pixels either side of the cursor a marker is hovered within: about the radius of a small one. */
const MARKER_HIT = 4;

/** Room under the chart for the score strip: a fifth of the height, 36 to 80 px. */
export const stripHeight = (height: number) => Math.round(Math.min(80, Math.max(36, height * 0.2)));

/**
 * The overlay's uPlot chart with its tooltip, zoom, shared crosshair and optional score strip. A
 * new time range (zoom, dashboard picker) moves the x scale through the plot handle and does not
 * re-render the chart: the data and config stay, and React's work would double a zoom's cost.
 */
export function OverlayChart(props: OverlayChartProps) {
  const { series, timeRange, onDraw } = props;
  const from = timeRange.from.valueOf();
  const to = xEnd(series, timeRange.to.valueOf());
  const [handle] = useState(() => new PlotHandle(from, to));
  useLayoutEffect(() => handle.listen(onDraw), [handle, onDraw]);
  useLayoutEffect(() => handle.setRange(from, to), [handle, from, to]);
  return <ChartBody {...props} timeRange={undefined} handle={handle} />;
}

type BodyProps = Omit<OverlayChartProps, 'timeRange'> & { timeRange?: undefined; handle: PlotHandle };

const ChartBody = memo(function ChartBody(props: BodyProps) {
  const { series, options, defaults, width, height, timeZone, eventBus, request, handle } = props;
  const theme = useTheme2();
  const { sync, eventsScope } = usePanelContext();
  const cursorSync = sync?.() ?? DashboardCursorSync.Off;
  // The chart and its score strip share a cursor; with the dashboard's shared crosshair on, every panel does.
  const localKey = useId();
  const syncKey = cursorSync !== DashboardCursorSync.Off ? '__global_' : localKey;

  const plot = useMemo(
    () => buildPlotData(series, { band: options.showBand, baseline: options.showBaseline }),
    [series, options.showBand, options.showBaseline]
  );
  // Decimated to the chart's device pixels for the current range; a zoom re-decimates through the handle.
  const pixels = Math.ceil(width * (window.devicePixelRatio || 1));
  const view = useMemo(() => plotView(plot, ...handle.getRange(), pixels), [plot, handle, pixels]);
  useLayoutEffect(() => handle.setView((from, to) => plotView(plot, from, to, pixels)), [handle, plot, pixels]);
  const display = useMemo(() => displayFor(series[0], defaults, theme), [series, defaults, theme]);
  const strip = options.showScoreStrip && plot.scores.some(Boolean) ? stripHeight(height) : 0;
  const config = useMemo(() => {
    const first = series[0] ? valueConfig(series[0], defaults) : defaults;
    const builder = buildChartConfig({
      series,
      plot,
      theme,
      timeZone,
      getXRange: handle.getRange,
      display,
      min: first.min,
      max: first.max,
      thresholds: first.thresholds,
      showMarkers: options.showMarkers,
      formatSize: (s, size) => `${size >= 0 ? '+' : '−'}${formatValue(displayFor(s, defaults, theme), Math.abs(size))}`,
      syncKey,
      yAxisSize: strip > 0 ? Y_AXIS_SIZE : undefined,
    });
    builder.addHook('init', handle.attach);
    builder.addHook('draw', handle.drawn);
    return builder;
  }, [series, plot, theme, timeZone, handle, display, defaults, options.showMarkers, syncKey, strip]);

  const hoverFrame = useMemo<DataFrame>(
    () => ({ fields: [{ name: 'time', type: FieldType.time, config: {}, values: plot.x }], length: plot.x.length }),
    [plot.x]
  );
  const colors = useMemo(() => series.map((s, i) => seriesColor(s, i, theme)), [series, theme]);
  const linksAt = (i: number): LinkModel[] => {
    const s = series[i];
    const [from, to] = handle.getRange();
    const explore = options.exploreLink ? exploreLink(request, s.refId, { from, to }) : undefined;
    const own = (valueConfig(s, defaults).links ?? []).map((l): LinkModel => ({
      href: l.url,
      title: l.title,
      target: l.targetBlank ? '_blank' : '_self',
      origin: {},
    }));
    return explore ? [explore, ...own] : own;
  };

  return (
    <div data-testid={testIds.chart}>
      <UPlotChart config={config} data={view} width={width} height={height - strip}>
        <TooltipPlugin2
          config={config}
          hoverMode={1 /* TooltipHoverMode.xAll; a const enum, which isolated modules cannot read */}
          syncMode={cursorSync}
          syncScope={eventsScope}
          queryZoom={props.onChangeTimeRange}
          render={(u, dataIdxs, seriesIdx, isPinned) => {
            const dataIdx = dataIdxs.find((d) => d != null);
            if (dataIdx == null) {
              return null;
            }
            const left = u.cursor.left ?? -1;
            const nearest = sourceIndex(plot, u.data, dataIdx, left >= 0 ? u.posToVal(left, 'x') : undefined);
            const i = seriesAt(plot, nearest, seriesIdx);
            const at =
              left >= 0
                ? snapToMarker(
                    plot.flagged[i],
                    plot.x,
                    nearest,
                    u.posToVal(left - MARKER_HIT, 'x'),
                    u.posToVal(left + MARKER_HIT, 'x')
                  )
                : nearest;
            const r = readAt(plot, plot.data, i, at);
            const s = series[i];
            return (
              <PointTooltip
                reading={{ ...r, series: s, color: colors[i], forecast: inForecast(s, r.time) }}
                display={displayFor(s, defaults, theme)}
                timeZone={timeZone}
                links={isPinned ? linksAt(i) : []}
              />
            );
          }}
        />
        {eventBus && cursorSync !== DashboardCursorSync.Off && (
          <EventBusPlugin config={config} eventBus={eventBus} frame={hoverFrame} />
        )}
      </UPlotChart>
      {strip > 0 && (
        <ScoreStrip
          plot={plot}
          colors={colors}
          width={width}
          height={strip}
          timeZone={timeZone}
          getXRange={handle.getRange}
          syncKey={syncKey}
          yAxisSize={Y_AXIS_SIZE}
        />
      )}
    </div>
  );
});
