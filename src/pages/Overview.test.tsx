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

  it('links to adding the datasource and to the documentation', () => {
    expect(screen.getByRole('link', { name: 'Add the datasource' })).toHaveAttribute(
      'href',
      '/connections/datasources/new'
    );
    expect(screen.getByRole('link', { name: 'Read the documentation' })).toHaveAttribute(
      'href',
      '/plugins/claudeenhancer-monitoring-app'
    );
  });

  it('describes every query type', () => {
    const types = screen.getByRole('heading', { name: 'Query types' }).parentElement!;
    expect(types).toHaveTextContent('Series');
    expect(types).toHaveTextContent('series');
    expect(types).toHaveTextContent('A PromQL range query');
  });
});
