import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { parse } from 'yaml';

import { SEED_SLOS } from '../../datasource/lib/seedSlos';
import { burnRateRule } from '../../lib/sloRules';
import { FakeGrafana } from '../../testing/fakeGrafana';
import { dsQueryHandler, seedState } from '../../testing/fakeState';
import { seedSloFrames } from '../../testing/sloFrames';
import { renderApp } from '../../testing/renderApp';

const backend = dsQueryHandler(seedSloFrames);

describe('SLO detail', () => {
  it('shows budget, burndown, pairs, burn-rate history, spending periods and links in the URL’s range', async () => {
    renderApp('/slos/ce-anomaly/error-rate?from=now-6h&to=now', new FakeGrafana(seedState(), backend));

    expect(await screen.findByRole('heading', { name: 'Error rate < 0.1 %' })).toBeInTheDocument();
    const budget = await screen.findByRole('region', { name: 'Budget' });
    expect(within(budget).getByText('28.6%')).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Burndown' })).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'Burn rate over 1h' })).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: 'Where the budget went' })).getAllByRole('listitem')).toHaveLength(
      1
    );
    expect(screen.getByRole('link', { name: 'SLA dashboard' })).toHaveAttribute('href', '/d/ce-sla?from=now-6h&to=now');
    const explore = new URL(screen.getByRole('link', { name: 'Explore the SLI' }).getAttribute('href')!, 'http://g');
    expect(JSON.parse(explore.searchParams.get('panes')!).slo.range).toEqual({ from: 'now-6h', to: 'now' });
  });

  it('says when the SLO does not exist', async () => {
    renderApp('/slos/ce-anomaly/nope', new FakeGrafana(seedState(), backend));
    expect(await screen.findByText('SLO not found')).toBeInTheDocument();
    expect(screen.getByText('Claude Enhancer Anomaly & SLO has no SLO “nope”.')).toBeInTheDocument();
  });

  it('creates the burn-rate rule in a new folder with provenance disabled, then shows it as generated', async () => {
    const user = userEvent.setup();
    const grafana = new FakeGrafana(seedState(), backend);
    renderApp('/slos/ce-anomaly/error-rate', grafana);

    await user.click(await screen.findByRole('button', { name: 'Create the alert rule' }));
    expect(await screen.findByText('The rule was created.')).toBeInTheDocument();
    const post = grafana.requests.find((r) => r.method === 'POST' && r.url === '/api/v1/provisioning/alert-rules')!;
    expect(post.headers).toEqual({ 'X-Disable-Provenance': 'true' });
    expect(grafana.state.folders).toEqual([{ uid: 'f-1', title: 'SLOs' }]);
    expect(grafana.state.rules).toHaveLength(1);
    expect(grafana.state.rules[0]).toMatchObject({ folderUID: 'f-1', provenance: '', labels: { slo: 'error-rate' } });
    expect(await screen.findByText('as generated')).toBeInTheDocument();
  });

  it('asks before overwriting a rule the user edited, and names the edits', async () => {
    const user = userEvent.setup();
    const edited = {
      ...burnRateRule(SEED_SLOS[2], { datasourceUid: 'ce-anomaly', folderUID: 'x' }),
      for: '10m',
      provenance: '',
    };
    const grafana = new FakeGrafana(seedState({ rules: [edited] }), backend);
    renderApp('/slos/ce-anomaly/error-rate', grafana);

    expect(await screen.findByText('edited: for')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Update the rule' }));
    expect(screen.getByText(/differs from the generated one in: for/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(grafana.state.rules[0].for).toBe('10m');

    await user.click(screen.getByRole('button', { name: 'Update the rule' }));
    await user.click(screen.getByRole('button', { name: 'Overwrite' }));
    await waitFor(() => expect(grafana.state.rules[0].for).toBe('2m'));
    expect(grafana.state.rules[0].folderUID).toBe('x');
  });

  it('does not offer to change a rule provisioned from a file', async () => {
    const file = { ...burnRateRule(SEED_SLOS[2], { datasourceUid: 'ce-anomaly', folderUID: 'x' }), provenance: 'file' };
    renderApp('/slos/ce-anomaly/error-rate', new FakeGrafana(seedState({ rules: [file] }), backend));
    expect(await screen.findByText('provisioned from a file')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Update the rule' })).toBeDisabled();
  });

  it('exports the rule as provisioning YAML', async () => {
    const user = userEvent.setup();
    renderApp('/slos/ce-anomaly/error-rate', new FakeGrafana(seedState(), backend));
    await user.click(await screen.findByRole('button', { name: 'Export as provisioning YAML' }));
    const file = parse(screen.getByLabelText('Alert rules YAML').textContent!);
    expect(file.groups[0]).toMatchObject({ folder: 'SLOs', name: 'slo-burn-rates' });
    expect(file.groups[0].rules[0].data[0].model).toMatchObject({ sloId: 'error-rate', output: 'alert' });
  });
});
