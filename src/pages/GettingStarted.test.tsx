import { screen } from '@testing-library/react';

import { SEED_SLOS } from '../datasource/lib/seedSlos';
import { burnRateRule } from '../lib/sloRules';
import { FakeGrafana } from '../testing/fakeGrafana';
import { seedState } from '../testing/fakeState';
import { renderApp } from '../testing/renderApp';

const item = (name: RegExp) => screen.findByRole('listitem', { name });

describe('Getting started', () => {
  it('marks what is missing and links to each fix', async () => {
    const state = seedState({
      health: { 'ce-anomaly': { status: 'ERROR', message: 'Prometheus did not answer.' } },
      contactPoints: [
        { name: 'email receiver', type: 'email', settings: { addresses: '<example@email.com>' } } as never,
      ],
      rules: [burnRateRule(SEED_SLOS[0], { datasourceUid: 'ce-anomaly', folderUID: 'f' })],
    });
    renderApp('/getting-started', new FakeGrafana(state));

    expect(await item(/^The app is enabled: done/)).toBeInTheDocument();
    expect(await item(/^A datasource is configured: done/)).toBeInTheDocument();
    expect(await item(/^The datasource reaches Prometheus: todo/)).toHaveTextContent('Prometheus did not answer.');
    expect(screen.getByRole('link', { name: 'Open its settings' })).toHaveAttribute(
      'href',
      '/connections/datasources/edit/ce-anomaly'
    );
    expect(await item(/^SLOs are defined: done/)).toHaveTextContent('3 SLOs.');
    expect(await item(/^A contact point receives alerts: todo/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Add a contact point' })).toHaveAttribute(
      'href',
      '/alerting/notifications'
    );
    const rules = await item(/^Every SLO has burn-rate alerts: todo/);
    expect(rules).toHaveTextContent('Without rules: Latency P95 < 200 ms, Error rate < 0.1 %.');
    expect(screen.getByRole('link', { name: 'Create its rules' })).toHaveAttribute(
      'href',
      '/a/claudeenhancer-monitoring-app/slos/ce-anomaly/latency-p95'
    );
  });

  it('starts a new install at adding the datasource', async () => {
    renderApp('/getting-started', new FakeGrafana(seedState({ datasources: [] })));
    expect(await item(/^A datasource is configured: todo/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Add the datasource' })).toHaveAttribute(
      'href',
      '/connections/datasources/new'
    );
    expect(await item(/^SLOs are defined: todo/)).toBeInTheDocument();
  });

  it('says "unknown" where Grafana refuses to tell', async () => {
    const state = seedState({
      refuse: { 'GET /api/v1/provisioning/contact-points': 403, 'GET /api/v1/provisioning/alert-rules': 403 },
    });
    renderApp('/getting-started', new FakeGrafana(state));
    expect(await item(/^A contact point receives alerts: unknown/)).toHaveTextContent('alert.notifications:read');
    expect(await item(/^Every SLO has burn-rate alerts: unknown/)).toBeInTheDocument();
  });
});
