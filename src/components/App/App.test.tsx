import React from 'react';
import { MemoryRouter } from 'react-router-dom';
import { PluginType, type AppRootProps } from '@grafana/data';
import { render, screen } from '@testing-library/react';

import App from './App';

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

describe('App', () => {
  it.each(['/overview', '/'])('shows the overview at %s', async (path) => {
    render(
      <MemoryRouter initialEntries={[path]} future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
        <App {...props} />
      </MemoryRouter>
    );

    // The page is lazy loaded; a busy 2-core CI runner needs more than waitFor's default.
    expect(await screen.findByRole('heading', { name: 'Get started' })).toBeInTheDocument();
  });
});
