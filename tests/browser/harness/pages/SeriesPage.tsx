import React, { useEffect, useState } from 'react';
import { FieldColorModeId, FieldType, type DataFrame, type FieldConfig, type TimeRange } from '@grafana/data';
import { PanelChrome, useTheme2 } from '@grafana/ui';

import type { DataSource } from '../../../../src/datasource/datasource';
import type { SeriesQuery } from '../../../../src/datasource/types';
import { panelRequest, TimeSeriesChart, withOverrides } from './timeSeries';

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
    const request = panelRequest('harness-series', range, width, [SERIES_QUERY]);
    const subscription = datasource.query(request).subscribe((response) => {
      if (response.errors?.length) {
        setError(response.errors.map((e) => e.message).join('\n'));
        return;
      }
      // The config goes on the fields: see withOverrides.
      const frames = response.data.map((frame: DataFrame) => ({
        ...frame,
        fields: frame.fields.map((field) =>
          field.type === FieldType.number ? { ...field, config: { ...field.config, ...VALUE_CONFIG } } : field
        ),
      }));
      setFrames(withOverrides(frames, theme));
    });
    return () => subscription.unsubscribe();
  }, [datasource, range, width, theme]);

  return (
    <PanelChrome title="Requests per second by service and status code" width={width} height={height}>
      {(innerWidth, innerHeight) => (
        <TimeSeriesChart
          frames={frames}
          error={error}
          range={range}
          width={innerWidth}
          height={innerHeight}
          calcs={['mean', 'max']}
        />
      )}
    </PanelChrome>
  );
}
