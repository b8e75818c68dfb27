import React from 'react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { PluginType, type AppRootProps } from '@grafana/data';

import App from '../components/App/App';
import { PLUGIN_BASE_URL } from '../constants';

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
  onNavChanged: () => undefined,
} as unknown as AppRootProps;

/**
 * The app at `path` (relative to its base, e.g. `/slos`), as Grafana mounts it under /a/<app id>.
 * Shared by the jest tests (renderApp) and the browser harness (AppPage), so both mount the same app.
 */
export function MountedApp({ path }: { path: string }) {
  return (
    <MemoryRouter
      initialEntries={[`${PLUGIN_BASE_URL}${path}`]}
      future={{ v7_startTransition: true, v7_relativeSplatPath: true }}
    >
      <React.Suspense fallback="Loading the page…">
        {/* Mounted where Grafana mounts it, so the app's absolute links and navigation resolve. */}
        <Routes>
          <Route path={`${PLUGIN_BASE_URL}/*`} element={<App {...props} />} />
        </Routes>
      </React.Suspense>
    </MemoryRouter>
  );
}
