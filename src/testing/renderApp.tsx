import React from 'react';
import { setBackendSrv, setDataSourceSrv } from '@grafana/runtime';
import { render } from '@testing-library/react';

import { FakeGrafana } from './fakeGrafana';
import { MountedApp } from './MountedApp';

/** The app at `path` (relative to its base, e.g. `/slos`) against a fake Grafana. */
export function renderApp(path: string, grafana: FakeGrafana) {
  setBackendSrv(grafana.backendSrv());
  setDataSourceSrv(grafana.dataSourceSrv());
  return render(<MountedApp path={path} />);
}
