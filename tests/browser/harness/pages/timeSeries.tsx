import React from 'react';
import {
  applyFieldOverrides,
  CoreApp,
  rangeUtil,
  type DataFrame,
  type DataQuery,
  type DataQueryRequest,
  type GrafanaTheme2,
  type TimeRange,
} from '@grafana/data';
import { LegendDisplayMode } from '@grafana/schema';
import { Alert, TimeSeries } from '@grafana/ui';

/** The request a dashboard panel of this width sends over this range, at a 15 s minimum interval. */
export function panelRequest<Q extends DataQuery>(
  requestId: string,
  range: TimeRange,
  width: number,
  targets: Q[]
): DataQueryRequest<Q> {
  const { interval, intervalMs } = rangeUtil.calculateInterval(range, width, '15s');
  return {
    requestId,
    app: CoreApp.Dashboard,
    interval,
    intervalMs,
    maxDataPoints: width,
    range,
    scopedVars: {},
    targets,
    timezone: 'utc',
    startTime: Date.now(),
  };
}

/**
 * What a panel's query runner does before the visualization sees the frames: colors, display
 * names and value formatting. Callers set their config on the fields beforehand, because
 * applyFieldOverrides copies defaults only for options in Grafana's registry, which is filled by
 * Grafana itself, not by @grafana/data.
 */
export function withOverrides(frames: DataFrame[], theme: GrafanaTheme2): DataFrame[] {
  return applyFieldOverrides({
    data: frames,
    fieldConfig: { defaults: {}, overrides: [] },
    replaceVariables: (value) => value,
    theme,
    timeZone: 'utc',
  });
}

interface ChartProps {
  frames?: DataFrame[];
  error?: string;
  range: TimeRange;
  width: number;
  height: number;
  /** Reductions listed in the legend, e.g. ['mean', 'max']. */
  calcs: string[];
}

/** A stock time series panel's body: the query's error, nothing while loading, then the chart. */
export function TimeSeriesChart({ frames, error, range, width, height, calcs }: ChartProps) {
  if (error) {
    return <Alert title="Query failed">{error}</Alert>;
  }
  if (!frames) {
    return null;
  }
  return (
    <TimeSeries
      frames={frames}
      width={width}
      height={height}
      timeRange={range}
      timeZone="utc"
      legend={{ showLegend: true, displayMode: LegendDisplayMode.List, placement: 'bottom', calcs }}
    />
  );
}
