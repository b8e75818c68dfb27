import React, { useEffect, useState } from 'react';
import {
  applyFieldOverrides,
  CoreApp,
  FieldColorModeId,
  FieldType,
  rangeUtil,
  type DataFrame,
  type DataQueryRequest,
  type FieldConfig,
  type TimeRange,
} from '@grafana/data';
import { LegendDisplayMode } from '@grafana/schema';
import { Alert, PanelChrome, TimeSeries, useTheme2 } from '@grafana/ui';

import type { DataSource } from '../../../../src/datasource/datasource';
import type { SeriesQuery } from '../../../../src/datasource/types';

/** The query the README shows: request rates of the fixture's two counters, one line per status code. */
export const SERIES_QUERY: SeriesQuery = {
  refId: 'A',
  queryType: 'series',
  expr: 'rate(ce_requests_total[5m])',
  legendFormat: '{{service}} {{code}}',
};

/** The panel's field options: requests per second, Grafana's classic palette, thin lines over a light fill. */
const VALUE_CONFIG: FieldConfig = {
  unit: 'reqps',
  color: { mode: FieldColorModeId.PaletteClassic },
  custom: { lineWidth: 1, fillOpacity: 12, gradientMode: 'opacity', showPoints: 'never' },
};

interface Props {
  datasource: DataSource;
  range: TimeRange;
  width: number;
  height: number;
}

/** Runs SERIES_QUERY through DataSource.query (so /api/ds/query and the Go backend) and draws the frames. */
export function SeriesPage({ datasource, range, width, height }: Props) {
  const theme = useTheme2();
  const [frames, setFrames] = useState<DataFrame[]>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    const { interval, intervalMs } = rangeUtil.calculateInterval(range, width, '15s');
    const request: DataQueryRequest<SeriesQuery> = {
      requestId: 'harness-series',
      app: CoreApp.Dashboard,
      interval,
      intervalMs,
      maxDataPoints: width,
      range,
      scopedVars: {},
      targets: [SERIES_QUERY],
      timezone: 'utc',
      startTime: Date.now(),
    };
    const subscription = datasource.query(request).subscribe((response) => {
      if (response.errors?.length) {
        setError(response.errors.map((e) => e.message).join('\n'));
        return;
      }
      // What a panel's query runner does before the visualization sees the frames: colors,
      // display names and value formatting. The config is set on the fields because
      // applyFieldOverrides copies defaults only for options in Grafana's registry, which is
      // filled by Grafana itself, not by @grafana/data.
      const frames = response.data.map((frame: DataFrame) => ({
        ...frame,
        fields: frame.fields.map((field) =>
          field.type === FieldType.number ? { ...field, config: { ...field.config, ...VALUE_CONFIG } } : field
        ),
      }));
      setFrames(
        applyFieldOverrides({
          data: frames,
          fieldConfig: { defaults: {}, overrides: [] },
          replaceVariables: (value) => value,
          theme,
          timeZone: 'utc',
        })
      );
    });
    return () => subscription.unsubscribe();
  }, [datasource, range, width, theme]);

  return (
    <PanelChrome title="Requests per second by service and status code" width={width} height={height}>
      {(innerWidth, innerHeight) => {
        if (error) {
          return <Alert title="Query failed">{error}</Alert>;
        }
        if (!frames) {
          return null;
        }
        return (
          <TimeSeries
            frames={frames}
            width={innerWidth}
            height={innerHeight}
            timeRange={range}
            timeZone="utc"
            legend={{
              showLegend: true,
              displayMode: LegendDisplayMode.List,
              placement: 'bottom',
              calcs: ['mean', 'max'],
            }}
          />
        );
      }}
    </PanelChrome>
  );
}
