import React, { useState } from 'react';
import { dateTime, type CoreApp, type DataSourceInstanceSettings, type TimeRange } from '@grafana/data';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { QueryEditor } from '../components/QueryEditor/QueryEditor';
import { DataSource } from '../datasource';
import type { AnomalyDataSourceOptions, Query } from '../types';

export const range: TimeRange = {
  from: dateTime('2026-11-27T10:00:00Z'),
  to: dateTime('2026-11-27T11:00:00Z'),
  raw: { from: 'now-1h', to: 'now' },
};
export const rangeParams = { start: 1795773600, end: 1795777200 };

const RESOURCES: Record<string, string[]> = {
  metrics: ['node_load1', 'node_cpu_seconds_total', 'up'],
  labels: ['instance', 'job'],
  'label-values': ['api', 'web'],
};

/** Renders the query editor the way Grafana does: each change comes back as the new query. */
export function renderQueryEditor(
  initial: Query | Omit<Query, 'queryType' | 'expr'> = { refId: 'A', queryType: 'series', expr: '' },
  app?: CoreApp
) {
  const ds = new DataSource({
    jsonData: {},
    meta: {},
  } as unknown as DataSourceInstanceSettings<AnomalyDataSourceOptions>);
  const getResource = jest.spyOn(ds, 'getResource').mockImplementation(async (path: string) => RESOURCES[path]);
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
  render(<Harness />);
  return {
    onChange,
    onRunQuery,
    getResource,
    user: userEvent.setup({ delay: null }),
    expr: screen.getByLabelText(/^Expression/),
  };
}
