import '../../datasource/testing/jsdom';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { parse } from 'yaml';

import { AVAILABILITY, summaryFrame } from '../../panels/slobudget/testing/frames';
import { FakeGrafana } from '../../testing/fakeGrafana';
import { dsQueryHandler, seedState, sloDatasource } from '../../testing/fakeState';
import { renderApp } from '../../testing/renderApp';
import type { DataSourceSettingsDTO } from '../../lib/grafanaApi';
import type { SLO } from '../../datasource/types';

/** The datasource's resources and an inline summary of whatever SLO the preview sends. */
function backend(queries: Array<Record<string, unknown>> = []) {
  const ds = dsQueryHandler((q) => {
    queries.push(q);
    return [summaryFrame([{ ...AVAILABILITY, id: 'inline', name: 'Preview' }])];
  });
  return async (req: Parameters<typeof ds>[0]) => {
    const m = req.url.match(/\/resources\/(metrics|labels|label-values)/);
    if (m) {
      const answers = { metrics: ['up', 'http_requests_total'], labels: ['job'], 'label-values': ['api'] };
      return {
        ...(await ds({ ...req, url: '/api/ds/query', data: { queries: [] } })),
        data: answers[m[1] as 'metrics'],
      };
    }
    return ds(req);
  };
}

const text = (name: RegExp | string) => screen.getByRole('textbox', { name });

describe('SLO wizard', () => {
  it('creates an availability SLO after a live preview, keeping the datasource’s secrets', async () => {
    const user = userEvent.setup();
    const queries: Array<Record<string, unknown>> = [];
    const grafana = new FakeGrafana(seedState(), backend(queries));
    renderApp('/slos/new?ds=ce-anomaly', grafana);

    await user.type(await screen.findByRole('textbox', { name: /^Id/ }), 'api-uptime');
    await user.click(screen.getByRole('radio', { name: 'Availability' }));
    await user.type(text(/^Up series/), 'up{{job="api"}');

    // The preview runs the definition inline, as the backend's slo query.
    expect(await screen.findByText('72.2%')).toBeInTheDocument();
    const inline = queries.at(-1)!;
    expect(inline).toMatchObject({ queryType: 'slo', output: 'summary', slo: { id: 'api-uptime', objective: 0.999 } });
    expect((inline.slo as SLO).sli).toEqual({ kind: 'availability', expr: 'up{job="api"}', gaps: 'down' });

    await user.click(screen.getByRole('button', { name: 'Create the SLO' }));
    await waitFor(() => expect(grafana.requests.some((r) => r.method === 'PUT')).toBe(true));
    const put = grafana.requests.find((r) => r.method === 'PUT')!;
    expect(put.url).toBe('/api/datasources/uid/ce-anomaly');
    const body = put.data as DataSourceSettingsDTO;
    expect(body).not.toHaveProperty('secureJsonData');
    expect(body).not.toHaveProperty('secureJsonFields');
    expect(body.version).toBe(3);
    expect(body.basicAuthUser).toBe('grafana');
    expect(body.jsonData.slos!.map((s) => s.id)).toEqual(['availability', 'latency-p95', 'error-rate', 'api-uptime']);
    expect(grafana.state.secrets['ce-anomaly']).toEqual({ basicAuthPassword: 's3cret-password' });
  });

  it('shows the backend’s validation messages for the fields the user changed, and all of them on submit', async () => {
    const user = userEvent.setup();
    const grafana = new FakeGrafana(seedState(), backend());
    renderApp('/slos/new?ds=ce-anomaly', grafana);

    await user.type(await screen.findByRole('textbox', { name: /^Id/ }), 'Bad Id');
    expect(screen.getByText(/Use 1 to 63 lower-case letters/)).toBeInTheDocument();
    expect(screen.queryByText('Enter the PromQL of all events.')).not.toBeInTheDocument();
    await user.clear(text(/^Id/));
    await user.type(text(/^Id/), 'error-rate');
    expect(screen.getByText('Another SLO already has the id “error-rate”.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Create the SLO' }));
    expect(screen.getByText('Enter the PromQL of all events.')).toBeInTheDocument();
    expect(screen.getByText('Fix the fields marked above first')).toBeInTheDocument();
    expect(grafana.requests.some((r) => r.method === 'PUT')).toBe(false);
  });

  it('edits an SLO in place', async () => {
    const user = userEvent.setup();
    const grafana = new FakeGrafana(seedState(), backend());
    renderApp('/slos/ce-anomaly/error-rate/edit', grafana);

    const objective = await screen.findByRole('textbox', { name: /^Objective/ });
    expect(objective).toHaveValue('99.9');
    await user.clear(objective);
    await user.type(objective, '99.5');
    await user.click(screen.getByRole('button', { name: 'Save the SLO' }));
    await waitFor(() => expect(grafana.state.datasources[0].version).toBe(4));
    const slos = grafana.state.datasources[0].jsonData.slos!;
    expect(slos.map((s) => s.id)).toEqual(['availability', 'latency-p95', 'error-rate']);
    expect(slos[2].objective).toBe(0.995);
  });

  it('gives the YAML for a provisioned datasource instead of saving', async () => {
    const user = userEvent.setup();
    const state = seedState({ datasources: [sloDatasource('ce-anomaly', [], { readOnly: true })] });
    renderApp('/slos/new', new FakeGrafana(state, backend()));

    expect(await screen.findByText(/is provisioned from a file/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Create the SLO' })).not.toBeInTheDocument();
    await user.type(text(/^Id/), 'api-uptime');
    await user.click(screen.getByRole('radio', { name: 'Availability' }));
    await user.type(text(/^Up series/), 'up');
    const yaml = parse(screen.getByLabelText('Provisioning YAML').textContent!);
    expect(yaml.datasources[0].jsonData.slos[0]).toMatchObject({ id: 'api-uptime', sli: { expr: 'up' } });
  });

  it('says which permission a refused save needs', async () => {
    const user = userEvent.setup();
    const state = seedState({ refuse: { 'PUT /api/datasources/uid/ce-anomaly': 403 } });
    renderApp('/slos/ce-anomaly/error-rate/edit', new FakeGrafana(state, backend()));
    await user.click(await screen.findByRole('button', { name: 'Save the SLO' }));
    expect(await screen.findByText(/needs the datasources:write permission/)).toBeInTheDocument();
  });
});
