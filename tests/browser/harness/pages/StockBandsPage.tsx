import React, { useEffect, useState } from 'react';
import type { DataFrame, TimeRange } from '@grafana/data';
import { PanelChrome, useTheme2 } from '@grafana/ui';

import type { DataSource } from '../../../../src/datasource/datasource';
import type { Query } from '../../../../src/datasource/types';
import { OVERLAY_QUERY } from './OverlayPage';
import { panelRequest, TimeSeriesChart, withOverrides } from './timeSeries';

interface Props {
  datasource: DataSource;
  range: TimeRange;
}

/**
 * What a stock time series panel draws from the `bands` output with no overrides: the field
 * config is the backend's alone. Core Grafana's panel is not an npm package, so this is
 * @grafana/ui's TimeSeries, the chart that panel renders, with the same field config.
 */
export function StockBandsPage({ datasource, range }: Props) {
  const theme = useTheme2();
  const [frames, setFrames] = useState<DataFrame[]>();
  const [error, setError] = useState<string>();
  const width = 1152;
  useEffect(() => {
    const request = panelRequest('harness-stock-bands', range, width, [OVERLAY_QUERY] as Query[]);
    const subscription = datasource.query(request).subscribe((response) => {
      if (response.errors?.length) {
        setError(response.errors.map((e) => e.message).join('\n'));
        return;
      }
      setFrames(withOverrides(response.data, theme));
    });
    return () => subscription.unsubscribe();
  }, [datasource, range, theme]);
  const fieldNames = frames?.flatMap((f) => f.fields.map((x) => x.name)) ?? [];
  const points = frames
    ?.flatMap((f) => f.fields.filter((x) => x.name === 'anomaly_points'))
    .reduce((n, f) => n + f.values.filter((v) => v !== null && v !== undefined && !Number.isNaN(v)).length, 0);
  return (
    <div
      data-testid="stock-bands"
      data-fields={Array.from(new Set(fieldNames)).join(',')}
      data-anomaly-points={points ?? ''}
    >
      <PanelChrome title="Stock time series panel, bands output, no overrides" width={width} height={420}>
        {(w, h) => <TimeSeriesChart frames={frames} error={error} range={range} width={w} height={h} calcs={[]} />}
      </PanelChrome>
    </div>
  );
}
