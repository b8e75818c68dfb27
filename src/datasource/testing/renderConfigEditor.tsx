import React, { useState } from 'react';
import type { DataSourceSettings } from '@grafana/data';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { ConfigEditor } from '../components/ConfigEditor/ConfigEditor';
import type { AnomalyDataSourceOptions, AnomalySecureJsonData } from '../types';
import { fastUser } from './userOptions';

export type Settings = DataSourceSettings<AnomalyDataSourceOptions, AnomalySecureJsonData>;

/** A new datasource as Grafana sends it; the deprecated `database` field is left out. */
export const base = {
  id: 1,
  uid: 'anomaly',
  orgId: 1,
  name: 'Anomaly',
  type: 'claudeenhancer-anomaly-datasource',
  typeName: 'Claude Enhancer Anomaly & SLO',
  typeLogoUrl: '',
  access: 'proxy',
  url: '',
  user: '',
  basicAuth: false,
  basicAuthUser: '',
  withCredentials: false,
  isDefault: false,
  jsonData: {},
  secureJsonFields: {},
  readOnly: false,
} as Settings;

/** Renders the editor the way Grafana does: each change comes back as the new options. */
export function renderConfigEditor(initial: Partial<Settings> = {}) {
  const onOptionsChange = jest.fn();
  function Harness() {
    const [options, setOptions] = useState<Settings>({ ...base, ...initial });
    const onChange = (next: Settings) => {
      onOptionsChange(next);
      setOptions(next);
    };
    return <ConfigEditor options={options} onOptionsChange={onChange} />;
  }
  render(<Harness />);
  return { onOptionsChange, user: userEvent.setup(fastUser) };
}
