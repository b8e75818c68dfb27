import React from 'react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { PluginType, type AppRootProps } from '@grafana/data';
import { setBackendSrv, setDataSourceSrv } from '@grafana/runtime';
import { render } from '@testing-library/react';

import App from '../components/App/App';
import { PLUGIN_BASE_URL } from '../constants';
import { FakeGrafana } from './fakeGrafana';

const props = {
  basename: 'a/claudeenhancer-monitoring-app',
  meta: {
    id: 'claudeenhancer-monitoring-app',
    name: 'Claude Enhancer Monitoring',
    type: PluginType.app,
    enabled: true,
    jsonData: {},
  },
  query: {},
  path: '',
  onNavChanged: jest.fn(),
} as unknown as AppRootProps;

/** The app at `path` (relative to its base, e.g. `/slos`) against a fake Grafana. */
export function renderApp(path: string, grafana: FakeGrafana) {
  setBackendSrv(grafana.backendSrv());
  setDataSourceSrv(grafana.dataSourceSrv());
  return render(
    <MemoryRouter
      initialEntries={[`${PLUGIN_BASE_URL}${path}`]}
      future={{ v7_startTransition: true, v7_relativeSplatPath: true }}
    >
      <React.Suspense fallback="loading page">
        {/* Mounted where Grafana mounts it, so the app's absolute links and navigation resolve. */}
        <Routes>
          <Route path={`${PLUGIN_BASE_URL}/*`} element={<App {...props} />} />
        </Routes>
      </React.Suspense>
    </MemoryRouter>
  );
}
