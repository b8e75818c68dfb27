import React, { useEffect, useMemo, useState } from 'react';
import { css } from '@emotion/css';
import {
  dateTime,
  EventBusSrv,
  LoadingState,
  type DataFrame,
  type DataQueryRequest,
  type GrafanaTheme2,
  type PanelData,
  type TimeRange,
} from '@grafana/data';
import { Alert, PanelChrome, useStyles2, useTheme2 } from '@grafana/ui';

import type { DataSource } from '../../../../src/datasource/datasource';
import type { AnomalyQuery, Query } from '../../../../src/datasource/types';
import { AnomalyOverlayPanel } from '../../../../src/panels/anomalyoverlay/components/AnomalyOverlayPanel';
import { DEFAULT_OPTIONS, type Options } from '../../../../src/panels/anomalyoverlay/types';
import { panelProps } from '../../../../src/testing/panelProps';
import type { FixtureInfo } from '../env';
import { panelRequest, withOverrides } from './timeSeries';

/**
 * The anomaly fixture's spike and drop series (100 ± 2; +40 for two minutes, and 0 for ten)
 * through the robust detector on the fixture's own 15 s step, with its events for the tooltip.
 */
export const OVERLAY_QUERY: AnomalyQuery = {
  refId: 'bands',
  queryType: 'anomaly',
  expr: 'ce_anomaly_case{case=~"spike|drop"}',
  legendFormat: '{{case}}',
  method: 'robust',
  window: '1h',
  threshold: 4,
  detectorStep: '15s',
  output: 'bands',
};
const EVENTS_QUERY: AnomalyQuery = { ...OVERLAY_QUERY, refId: 'events', output: 'events' };

/** From an hour before the spike to an hour after the drop (six hours later). */
export function overlayRange(fixture: FixtureInfo): TimeRange {
  const spike = fixture.injected?.spike;
  const drop = fixture.injected?.drop;
  if (!spike || !drop) {
    throw new Error('the devserver serves no anomaly fixture with a spike and a drop (--fixture default,anomaly)');
  }
  const from = dateTime(spike.at - 60 * 60_000);
  const to = dateTime(drop.at + drop.for + 60 * 60_000);
  return { from, to, raw: { from, to } };
}

export type OverlayView = 'full' | 'grid' | 'score';

interface Props {
  datasource: DataSource;
  range: TimeRange;
  view: OverlayView;
}

/**
 * The anomaly-overlay panel as a dashboard shows it, fed by DataSource.query (so /api/ds/query
 * and the Go backend over Prometheus): full width, at a 6 × 8 grid cell (a quarter of the
 * width, 8 rows of 30 px), or full width with the score strip.
 */
export function OverlayPage({ datasource, range: initial, view }: Props) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const [range, setRange] = useState(initial);
  const [result, setResult] = useState<{ frames?: DataFrame[]; error?: string; request?: DataQueryRequest<Query> }>({});
  const width = view === 'grid' ? 300 : 1152;
  const height = view === 'grid' ? 240 : 480;

  useEffect(() => {
    const request = panelRequest('harness-overlay', range, width, [OVERLAY_QUERY, EVENTS_QUERY] as Query[]);
    const subscription = datasource.query(request).subscribe((response) => {
      if (response.errors?.length) {
        setResult({ error: response.errors.map((e) => e.message).join('\n') });
        return;
      }
      setResult({ frames: withOverrides(response.data, theme), request });
    });
    return () => subscription.unsubscribe();
  }, [datasource, range, width, theme]);

  const data: PanelData | undefined = useMemo(
    () =>
      result.frames && {
        series: result.frames,
        state: LoadingState.Done,
        timeRange: range,
        request: result.request as DataQueryRequest,
      },
    [result, range]
  );
  const options: Options = { ...DEFAULT_OPTIONS, showScoreStrip: view === 'score' };
  const eventBus = useMemo(() => new EventBusSrv(), []);
  return (
    <div
      className={styles.row}
      data-testid="overlay-page"
      data-from={range.from.valueOf()}
      data-to={range.to.valueOf()}
    >
      <PanelChrome
        title={view === 'grid' ? 'Spike and drop' : 'ce_anomaly_case · robust, window 1h, threshold 4'}
        width={width}
        height={height}
        loadingState={data ? LoadingState.Done : LoadingState.Loading}
      >
        {(innerWidth, innerHeight) => {
          if (result.error) {
            return <Alert title="Query failed">{result.error}</Alert>;
          }
          if (!data) {
            return null;
          }
          return (
            <AnomalyOverlayPanel
              {...panelProps({
                data,
                timeRange: range,
                options,
                width: innerWidth,
                height: innerHeight,
                title: 'Anomaly overlay',
                eventBus,
                onChangeTimeRange: ({ from, to }) =>
                  setRange({ from: dateTime(from), to: dateTime(to), raw: { from: dateTime(from), to: dateTime(to) } }),
              })}
            />
          );
        }}
      </PanelChrome>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  row: css({
    display: 'flex',
    gap: theme.spacing(2),
  }),
});
