import React, { useEffect, useMemo, useState } from 'react';
import {
  dateTime,
  EventBusSrv,
  LoadingState,
  type DataFrame,
  type DataQueryRequest,
  type PanelData,
  type TimeRange,
} from '@grafana/data';
import { Alert, PanelChrome, useTheme2 } from '@grafana/ui';

import type { DataSource } from '../../../../src/datasource/datasource';
import type { DetectionQuery, ForecastQuery, Query } from '../../../../src/datasource/types';
import { AnomalyOverlayPanel } from '../../../../src/panels/anomalyoverlay/components/AnomalyOverlayPanel';
import { DEFAULT_OPTIONS } from '../../../../src/panels/anomalyoverlay/types';
import { panelProps } from '../../../../src/testing/panelProps';
import type { FixtureInfo } from '../env';
import { panelRequest, withOverrides } from './timeSeries';

/** What the panel shows: a detector's verdict on an incident of demo/timeline.json. */
export type DemoCase = 'spike' | 'burst' | 'trend' | 'forecast';
/** Full width, a 6 × 8 cell of Grafana's grid, or full width on a phone. */
export type DemoView = 'full' | 'grid' | 'phone';

const DEMO_CASES: DemoCase[] = ['spike', 'burst', 'trend', 'forecast'];
const DEMO_VIEWS: DemoView[] = ['full', 'grid', 'phone'];

interface CaseSpec {
  title: string;
  /** The demo/timeline.json incident it shows. */
  incident: string;
  /** The panel's queries: the drawn one (refId `bands`) and the one the legend or markers read. */
  queries: DetectionQuery[];
  /** The range shown, from the incident's start and length. */
  range: (at: number, length: number) => [number, number];
}

const HOUR = 3600_000;
const detector = { window: '1h', detectorStep: '1m' };

const CASES: Record<DemoCase, CaseSpec> = {
  // A connection storm triples api-gateway-2's database connections for 2 minutes; api-gateway-1 stays normal.
  spike: {
    title: 'database_connections of the API gateway · robust, window 1h',
    incident: 'anomaly-spike',
    queries: both({
      queryType: 'anomaly',
      expr: 'database_connections{service="api-gateway", environment="production"}',
      legendFormat: '{{instance}}',
      method: 'robust',
      ...detector,
    }),
    range: (at) => [at - 2 * HOUR, at + 2 * HOUR],
  },
  // A bad upstream answers 12 % of the gateway's requests with 5xx for 15 minutes.
  burst: {
    title: 'API gateway 5xx ratio · ewma, window 1h',
    incident: 'error-burst',
    queries: both({
      queryType: 'anomaly',
      expr:
        'sum by (service) (rate(auth_requests_total{service="api-gateway",status=~"5.."}[5m]))' +
        ' / sum by (service) (rate(auth_requests_total{service="api-gateway"}[5m]))',
      legendFormat: '{{service}} 5xx ratio',
      method: 'ewma',
      ...detector,
    }),
    range: (at) => [at - 2 * HOUR, at + 2 * HOUR],
  },
  // A cache key change drops auth-1's hit ratio by 18 points: CUSUM's level shift, with its size.
  trend: {
    title: 'auth-1 cache hit ratio · trend, window 1h',
    incident: 'anomaly-level-shift',
    queries: both({
      queryType: 'trend',
      expr: 'cache_hit_ratio{instance="auth-1"}',
      legendFormat: '{{instance}}',
      trendWindow: '1h',
      detectorStep: '1m',
    }),
    range: (at) => [at - 2 * HOUR, at + 2 * HOUR],
  },
  // dashboard-1 leaks memory for 3 hours: an hour into it, a line fitted to the shown hour, 2 hours on.
  forecast: {
    title: 'dashboard-1 memory · linear forecast, threshold 95 %',
    incident: 'memory-exhaustion',
    queries: [
      { refId: 'bands', ...forecast() },
      { refId: 'eta', ...forecast(), output: 'score' },
    ],
    range: (at) => [at + HOUR / 2, at + (3 * HOUR) / 2],
  },
};

/** A query without its refId, of each kind. */
type Unnamed<Q> = Q extends unknown ? Omit<Q, 'refId'> : never;

function both(q: Unnamed<DetectionQuery>): DetectionQuery[] {
  return [
    { ...q, refId: 'bands', output: 'bands' } as DetectionQuery,
    { ...q, refId: 'events', output: 'events' } as DetectionQuery,
  ];
}

function forecast(): Unnamed<ForecastQuery> {
  return {
    queryType: 'forecast',
    expr: 'claude_enhancer_memory_usage{instance="dashboard-1"}',
    legendFormat: '{{instance}}',
    forecastMethod: 'linear',
    horizon: '2h',
    forecastThreshold: 95,
    detectorStep: '1m',
  };
}

/** The case and view of a `demo-overlay/<case>/<view>` page, or undefined for another page. */
export function parseDemoPage(page: string): { demoCase: DemoCase; view: DemoView } | undefined {
  const [name, demoCase, view = 'full'] = page.split('/');
  if (name !== 'demo-overlay') {
    return undefined;
  }
  if (!DEMO_CASES.includes(demoCase as DemoCase) || !DEMO_VIEWS.includes(view as DemoView)) {
    throw new Error(`unknown demo page ${page}: #demo-overlay/(${DEMO_CASES.join('|')})/(${DEMO_VIEWS.join('|')})`);
  }
  return { demoCase: demoCase as DemoCase, view: view as DemoView };
}

/** The range a case shows, from its incident in the demo fixture. */
export function demoRange(fixture: FixtureInfo, demoCase: DemoCase): TimeRange {
  const spec = CASES[demoCase];
  const incident = fixture.incidents?.[spec.incident];
  if (!incident) {
    const [from, to] = [fixture.start, fixture.end].map((t) => new Date(t).toISOString());
    throw new Error(`the demo fixture (${from} to ${to}) holds no ${spec.incident} incident`);
  }
  const [from, to] = spec.range(incident.at, incident.for).map((t) => dateTime(t));
  return { from, to, raw: { from, to } };
}

/** The harness page's padding either side (Page's spacing(3)). */
const PAGE_PADDING = 24;
/** Grafana's grid: 24 columns, rows of 30 px with 8 px between them. */
const gridHeight = (rows: number) => rows * 30 + (rows - 1) * 8;

/** The panel's size in a view: a 6 × 8 cell is a quarter of a 1200 px dashboard, 8 rows high. */
function panelSize(view: DemoView): { width: number; height: number } {
  switch (view) {
    case 'grid':
      return { width: 300, height: gridHeight(8) };
    case 'phone':
      // Grafana stacks panels at full width on a phone, keeping their height.
      return { width: window.innerWidth - 2 * PAGE_PADDING, height: gridHeight(10) };
    default:
      return { width: 1152, height: 480 };
  }
}

interface Props {
  datasource: DataSource;
  range: TimeRange;
  demoCase: DemoCase;
  view: DemoView;
}

/**
 * The anomaly-overlay panel over the demo generator's history, fed by DataSource.query (so
 * /api/ds/query, the Go backend and Prometheus), as a dashboard shows it in the given view.
 */
export function DemoOverlayPage({ datasource, range: initial, demoCase, view }: Props) {
  const theme = useTheme2();
  const spec = CASES[demoCase];
  const [range, setRange] = useState(initial);
  const [result, setResult] = useState<{ frames?: DataFrame[]; error?: string; request?: DataQueryRequest<Query> }>({});
  const [{ width, height }] = useState(() => panelSize(view));

  useEffect(() => {
    const request = panelRequest('harness-demo-overlay', range, width, spec.queries as Query[]);
    // The panel sees each query with its datasource, as Grafana's PanelQueryRunner attaches it
    // (not sent: DataSourceWithBackend would look it up in a DataSourceSrv the harness lacks).
    const ref = { type: datasource.type, uid: datasource.uid };
    const seen = { ...request, targets: request.targets.map((q) => ({ ...q, datasource: ref })) };
    const subscription = datasource.query(request).subscribe((response) => {
      if (response.errors?.length) {
        setResult({ error: response.errors.map((e) => e.message).join('\n') });
        return;
      }
      setResult({ frames: withOverrides(response.data, theme), request: seen });
    });
    return () => subscription.unsubscribe();
  }, [datasource, range, width, theme, spec]);

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
  const eventBus = useMemo(() => new EventBusSrv(), []);
  return (
    <div
      // Flex, so the panel keeps its own width and a screenshot of it holds the panel alone.
      style={{ display: 'flex' }}
      data-testid="demo-overlay-page"
      data-from={range.from.valueOf()}
      data-to={range.to.valueOf()}
    >
      <PanelChrome
        title={spec.title}
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
                options: DEFAULT_OPTIONS,
                width: innerWidth,
                height: innerHeight,
                title: spec.title,
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
