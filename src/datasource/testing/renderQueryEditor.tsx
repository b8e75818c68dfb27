import React, { useState } from 'react';
import { dateTime, type CoreApp, type DataSourceInstanceSettings, type TimeRange } from '@grafana/data';
import { setTemplateSrv } from '@grafana/runtime';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { of } from 'rxjs';

import { QueryEditor } from '../components/QueryEditor/QueryEditor';
import { DataSource } from '../datasource';
import { SEED_SLOS } from '../lib/seedSlos';
import type { AnomalyDataSourceOptions, Query, SLO } from '../types';
import { fakeTemplateSrv, type FakeVariable } from './fakeTemplateSrv';
import { fastUser } from './userOptions';

export const range: TimeRange = {
  from: dateTime('2026-11-27T10:00:00Z'),
  to: dateTime('2026-11-27T11:00:00Z'),
  raw: { from: 'now-1h', to: 'now' },
};
export const rangeParams = { start: 1795773600, end: 1795777200 };

const RESOURCES: Record<string, unknown> = {
  metrics: ['node_load1', 'node_cpu_seconds_total', 'up'],
  labels: ['instance', 'job'],
  'label-values': ['api', 'web'],
};

export interface EditorEnv {
  /** The catalog the `slos` resource answers; the seed SLAs by default. */
  slos?: SLO[];
  /** The dashboard's variables. */
  variables?: Record<string, FakeVariable>;
  jsonData?: AnomalyDataSourceOptions;
}

/** Renders the query editor the way Grafana does: each change comes back as the new query. */
export function renderQueryEditor(
  initial: Query | Omit<Query, 'queryType' | 'expr'> = { refId: 'A', queryType: 'series', expr: '' },
  app?: CoreApp,
  { slos = SEED_SLOS, variables = {}, jsonData = {} }: EditorEnv = {}
) {
  setTemplateSrv(fakeTemplateSrv(variables));
  const ds = new DataSource({
    uid: 'anomaly-uid',
    jsonData,
    meta: {},
  } as unknown as DataSourceInstanceSettings<AnomalyDataSourceOptions>);
  const resources = { ...RESOURCES, slos };
  const getResource = jest
    .spyOn(ds, 'getResource')
    .mockImplementation(async (path: string) => resources[path as keyof typeof resources]);
  // The editor's events preview runs queries; by default they find nothing.
  const query = jest.spyOn(ds, 'query').mockImplementation(() => of({ data: [] }));
  const onChange = jest.fn();
  const onRunQuery = jest.fn();
  function Harness() {
    const [query, setQuery] = useState(initial as Query);
    const change = (next: Query) => {
      onChange(next);
      setQuery(next);
    };
    return (
      <QueryEditor datasource={ds} query={query} range={range} app={app} onChange={change} onRunQuery={onRunQuery} />
    );
  }
  // Links (TextLink) need a router, as Grafana provides.
  render(
    <MemoryRouter future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
      <Harness />
    </MemoryRouter>
  );
  return {
    onChange,
    onRunQuery,
    getResource,
    query,
    user: userEvent.setup({ ...fastUser, advanceTimers: jest.advanceTimersByTime }),
    /** The expression field; slo queries have none. */
    get expr() {
      return screen.getByLabelText(/^Expression/);
    },
  };
}
