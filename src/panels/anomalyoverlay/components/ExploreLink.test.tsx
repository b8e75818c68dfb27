import '../../../datasource/testing/jsdom';
import React from 'react';
import { render, screen } from '@testing-library/react';
import {
  dateTime,
  EventBusSrv,
  locationUtil,
  LoadingState,
  type DataQueryRequest,
  type PanelProps,
} from '@grafana/data';
import type { AlignedData } from 'uplot';

import { bandsFrame, T0 } from '../testing/frames';
import { DEFAULT_OPTIONS, type Options } from '../types';
import { AnomalyOverlayPanel } from './AnomalyOverlayPanel';

// The viewer's org, as Grafana's boot data gives it to plugins.
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  config: { ...jest.requireActual('@grafana/runtime').config, bootData: { user: { orgId: 3 } } },
}));

// jsdom has no canvas: the chart renders its children, and the tooltip plugin shows the pinned
// tooltip of the chart's 11th point, as a click on it would.
jest.mock('@grafana/ui', () => {
  const actual = jest.requireActual('@grafana/ui');
  let data: AlignedData = [[]];
  return {
    ...actual,
    UPlotChart: (props: { data: AlignedData; children: React.ReactNode }) => {
      data = props.data;
      return <div data-testid="uplot">{props.children}</div>;
    },
    TooltipPlugin2: ({
      render,
    }: {
      render: (u: unknown, idx: number[], s: number | null, pinned: boolean) => unknown;
    }) => render({ data, cursor: {} }, [10], 1, true),
  };
});

function renderWithRequest(request: DataQueryRequest) {
  const from = dateTime(T0);
  const to = dateTime(T0 + 3_600_000);
  const timeRange = { from, to, raw: { from: 'now-1h', to: 'now' } };
  const props: PanelProps<Options> = {
    id: 1,
    data: { series: [bandsFrame({ name: 'checkout', flagged: [10] })], state: LoadingState.Done, timeRange, request },
    timeRange,
    timeZone: 'utc',
    options: DEFAULT_OPTIONS,
    fieldConfig: { defaults: {}, overrides: [] },
    transparent: false,
    width: 1000,
    height: 400,
    renderCounter: 0,
    title: 'Anomaly overlay',
    eventBus: new EventBusSrv(),
    replaceVariables: (v) => v,
    onOptionsChange: jest.fn(),
    onFieldConfigChange: jest.fn(),
    onChangeTimeRange: jest.fn(),
  };
  render(<AnomalyOverlayPanel {...props} />);
}

const request = {
  targets: [{ refId: 'A', datasource: { type: 'claudeenhancer-anomaly-datasource', uid: 'ce-anomaly' }, expr: 'up' }],
} as unknown as DataQueryRequest;

afterEach(() =>
  locationUtil.initialize({
    config: { appSubUrl: '' } as never,
    getTimeRangeForUrl: jest.fn(),
    getVariablesUrlParams: jest.fn(),
  })
);

describe('the pinned tooltip’s Explore link', () => {
  it('opens the query in the viewer’s org, over the panel’s absolute range', () => {
    renderWithRequest(request);
    const link = screen.getByRole('link', { name: 'Explore this query over the same range' });
    const url = new URL(link.getAttribute('href')!, 'http://grafana.test');
    expect(url.pathname).toBe('/explore');
    expect(url.searchParams.get('orgId')).toBe('3');
    expect(url.searchParams.get('schemaVersion')).toBe('1');
    expect(JSON.parse(url.searchParams.get('panes')!).a).toEqual({
      datasource: 'ce-anomaly',
      queries: [request.targets[0]],
      range: { from: String(T0), to: String(T0 + 3_600_000) },
    });
    expect(link).toHaveAttribute('target', '_blank');
  });

  it('stays under the sub-path Grafana is served from', () => {
    locationUtil.initialize({
      config: { appSubUrl: '/grafana' } as never,
      getTimeRangeForUrl: jest.fn(),
      getVariablesUrlParams: jest.fn(),
    });
    renderWithRequest(request);
    const href = screen.getByRole('link', { name: 'Explore this query over the same range' }).getAttribute('href')!;
    expect(href).toMatch(/^\/grafana\/explore\?orgId=3&/);
  });
});
