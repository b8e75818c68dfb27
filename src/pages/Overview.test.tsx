import React from 'react';
import { MemoryRouter } from 'react-router-dom';
import { render, screen } from '@testing-library/react';

import Overview from './Overview';

describe('Overview', () => {
  beforeEach(() =>
    render(
      <MemoryRouter future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
        <Overview />
      </MemoryRouter>
    )
  );

  it('links to adding the datasource and to the user guide', () => {
    expect(screen.getByRole('link', { name: 'Add the datasource' })).toHaveAttribute(
      'href',
      '/connections/datasources/new'
    );
    // The guide's index, as Grafana serves the plugin's files; in a new tab, since Grafana's
    // router would otherwise take the click and find no page there.
    const guide = '/public/plugins/claudeenhancer-monitoring-app/docs/README.md';
    for (const name of ['Read the documentation', /user guide/]) {
      const link = screen.getByRole('link', { name });
      expect(link).toHaveAttribute('href', guide);
      expect(link).toHaveAttribute('target', '_blank');
    }
  });

  it('describes every query type', () => {
    const types = screen.getByRole('heading', { name: 'Query types' }).parentElement!;
    expect(types).toHaveTextContent('Series');
    expect(types).toHaveTextContent('series');
    expect(types).toHaveTextContent('A PromQL range query');
  });
});
