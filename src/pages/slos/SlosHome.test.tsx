import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { summaryFrame } from '../../panels/slobudget/testing/frames';
import { FakeGrafana, firingBurnRule } from '../../testing/fakeGrafana';
import { dsQueryHandler, seedState, sloDatasource } from '../../testing/fakeState';
import { renderApp } from '../../testing/renderApp';
import { SEED_SUMMARIES, seedSloFrames } from '../../testing/sloFrames';

// The home page asks each SLO for its summary: its figures and burn-rate pairs.
const summaries = dsQueryHandler(seedSloFrames);

const rowNames = () =>
  within(screen.getByRole('table', { name: 'SLOs' }))
    .getAllByRole('row')
    .slice(1)
    .map((r) => within(r).getAllByRole('link')[0].textContent);

describe('SLOs home', () => {
  it('lists every SLO with its state, budget, SLI, burn, exhaustion and alerts, the firing one first', async () => {
    renderApp('/slos', new FakeGrafana(seedState({ ruleStates: firingBurnRule('availability') }), summaries));

    await screen.findByRole('table', { name: 'SLOs' });
    // availability is "ok" but has a firing alert; then warning (error-rate), then partial history.
    expect(rowNames()).toEqual(['Availability', 'Error rate < 0.1 %', 'Latency P95 < 200 ms']);
    const first = screen.getAllByRole('row')[1];
    expect(within(first).getByText('1 firing')).toBeInTheDocument();
    expect(within(first).getByText('72.2%')).toBeInTheDocument();
    expect(within(first).getByText(/99\.97\d*\s%\svs\s99\.9\s%/)).toBeInTheDocument();
    expect(within(first).getByText(/budget exhausted in 3h 10m/)).toBeInTheDocument();
    expect(within(first).getByText('service=claude-enhancer')).toBeInTheDocument();
    expect(within(first).getByRole('link', { name: 'Availability' })).toHaveAttribute(
      'href',
      '/a/claudeenhancer-monitoring-app/slos/ce-anomaly/availability'
    );
  });

  it('counts pending alerts and sorts without alerts by state', async () => {
    renderApp('/slos', new FakeGrafana(seedState({ ruleStates: firingBurnRule('latency-p95', 'Pending') }), summaries));
    await screen.findByRole('table', { name: 'SLOs' });
    expect(rowNames()).toEqual(['Error rate < 0.1 %', 'Latency P95 < 200 ms', 'Availability']);
    expect(screen.getByText('1 pending')).toBeInTheDocument();
  });

  it('filters by label and by service, and says how to clear a filter that matches nothing', async () => {
    renderApp('/slos', new FakeGrafana(seedState(), summaries));
    await screen.findByRole('table', { name: 'SLOs' });

    await userEvent.click(screen.getByRole('radio', { name: 'auth' }));
    expect(rowNames()).toEqual(['Error rate < 0.1 %', 'Latency P95 < 200 ms']);
    await userEvent.type(screen.getByRole('textbox', { name: 'Filter SLOs' }), 'sla=latency');
    expect(rowNames()).toEqual(['Latency P95 < 200 ms']);
    await userEvent.type(screen.getByRole('textbox', { name: 'Filter SLOs' }), 'x');
    expect(screen.getByText('No SLO matches the filter')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Clear the filter' }));
    expect(rowNames()).toHaveLength(3);
  });

  it('says to add the datasource when there is none', async () => {
    renderApp('/slos', new FakeGrafana(seedState({ datasources: [] })));
    expect(await screen.findByText('No SLO datasource yet')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Add the datasource' })).toHaveAttribute(
      'href',
      '/connections/datasources/new'
    );
  });

  it('offers to create the first SLO', async () => {
    renderApp('/slos', new FakeGrafana(seedState({ datasources: [sloDatasource('ce-anomaly', [])] })));
    expect(await screen.findByText('No SLOs defined yet')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Create an SLO' })).toHaveAttribute(
      'href',
      '/a/claudeenhancer-monitoring-app/slos/new?ds=ce-anomaly'
    );
  });

  it('shows a query error per SLO and a failed datasource with where to check it', async () => {
    const failing = dsQueryHandler((q) => {
      if (q.sloId === 'error-rate') {
        throw new Error('upstream answered 503');
      }
      return [summaryFrame([SEED_SUMMARIES[String(q.sloId)]])];
    });
    renderApp('/slos', new FakeGrafana(seedState(), failing));
    await screen.findByRole('table', { name: 'SLOs' });
    expect(screen.getByText('Error')).toBeInTheDocument();

    renderApp('/slos', new FakeGrafana(seedState({ refuse: { 'POST /api/ds/query': 500 } })));
    expect(await screen.findByText(/Could not evaluate the SLOs of Claude Enhancer Anomaly & SLO/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: "datasource's settings" })).toHaveAttribute(
      'href',
      '/connections/datasources/edit/ce-anomaly'
    );
  });

  it('says why alert states are missing when the alerting API refuses', async () => {
    const state = seedState({ refuse: { 'GET /api/prometheus/grafana/api/v1/rules': 403 } });
    renderApp('/slos', new FakeGrafana(state, summaries));
    expect(await screen.findByText('Alert states are not shown')).toBeInTheDocument();
    expect(screen.getByText(/alert\.rules:read/)).toBeInTheDocument();
  });
});
