import '../../testing/jsdom';

import { act, screen, waitFor, within } from '@testing-library/react';

import { SEED_SLOS } from '../../lib/seedSlos';
import { renderQueryEditor, type EditorEnv } from '../../testing/renderQueryEditor';
import type { SLOOutput, SLOQuery } from '../../types';


const [availability, latency] = SEED_SLOS;
const slo = (fields: Partial<SLOQuery> = {}): SLOQuery => ({ refId: 'A', queryType: 'slo', ...fields });

async function setup(initial: SLOQuery = slo(), env?: EditorEnv) {
  const rendered = renderQueryEditor(initial, undefined, env);
  // The catalog is read once, when the editor opens.
  await waitFor(() => expect(rendered.getResource).toHaveBeenCalledWith('slos'));
  await act(async () => {}); // and its answer is in
  return rendered;
}

const picker = () => screen.getByRole('combobox', { name: /^SLO/ });
const inlineSwitch = () => screen.getByRole('switch', { name: 'Inline definition' });
const choice = (group: string, name: string) =>
  within(screen.getByRole('radiogroup', { name: group })).getByRole('radio', { name });

describe('SLOQueryEditor', () => {
  it('is what the SLO query type opens, with neither expression nor legend', async () => {
    const { onChange, onRunQuery, user } = renderQueryEditor({
      refId: 'A',
      queryType: 'series',
      expr: 'up',
      legendFormat: 'x',
    });

    await user.click(screen.getByRole('radio', { name: 'SLO' }));

    expect(onChange).toHaveBeenLastCalledWith({ refId: 'A', queryType: 'slo' });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
    expect(await screen.findByRole('combobox', { name: /^SLO/ })).toBeInTheDocument();
    expect(screen.queryByLabelText(/^Expression/)).not.toBeInTheDocument();
    expect(screen.queryByLabelText(/^Legend/)).not.toBeInTheDocument();
  });

  describe('picking an SLO', () => {
    it('lists the catalog with objective, window and SLI kind, and sets the id', async () => {
      const { onChange, onRunQuery, user } = await setup();

      await user.click(picker());
      const options = await screen.findAllByRole('option');
      expect(options.map((o) => o.textContent)).toEqual([
        'Availability99.9% · 30d · availability',
        'Latency P95 < 200 ms95% · 7d · latency',
        'Error rate < 0.1 %99.9% · 1d · ratio',
      ]);
      await user.click(screen.getByRole('option', { name: /Latency P95/ }));

      expect(onChange).toHaveBeenLastCalledWith({ refId: 'A', queryType: 'slo', sloId: 'latency-p95' });
      expect(onRunQuery).toHaveBeenCalledTimes(1);
      expect(screen.getByText(/^95% · 7d · latency — Share of authentication requests/)).toBeInTheDocument();
    });

    it('offers the dashboard variables, so that one can pick the SLO', async () => {
      const { onChange, onRunQuery, user } = await setup(slo(), { variables: { slo: { value: 'availability' } } });

      await user.click(picker());
      await user.click(await screen.findByRole('option', { name: /\$slo/ }));

      expect(onChange).toHaveBeenLastCalledWith({ refId: 'A', queryType: 'slo', sloId: '$slo' });
      expect(onRunQuery).toHaveBeenCalledTimes(1);
    });

    it('shows a saved id the catalog lacks, and says so', async () => {
      await setup(slo({ sloId: 'gone' }));

      expect(picker()).toHaveValue('gone');
      expect(
        await screen.findByText('No SLO has the id “gone” in the catalog (availability, latency-p95, error-rate).')
      ).toBeInTheDocument();
    });

    it('points to the datasource settings when the catalog is empty', async () => {
      await setup(slo(), { slos: [] });

      expect(await screen.findByText("This datasource's SLO catalog is empty")).toBeInTheDocument();
      expect(screen.getByRole('link', { name: 'datasource settings' })).toHaveAttribute(
        'href',
        '/connections/datasources/edit/anomaly-uid'
      );
    });
  });

  describe('inline definition', () => {
    it('starts from the picked SLO, replacing the id, and runs', async () => {
      const { onChange, onRunQuery, user } = await setup(slo({ sloId: 'availability', output: 'burndown' }));
      await screen.findByText(/^99.9% · 30d · availability/);

      await user.click(inlineSwitch());

      expect(onChange).toHaveBeenLastCalledWith({
        refId: 'A',
        queryType: 'slo',
        output: 'burndown',
        slo: availability,
      });
      expect(onRunQuery).toHaveBeenCalledTimes(1);
      expect(screen.queryByRole('combobox', { name: /^SLO/ })).not.toBeInTheDocument();
      expect(screen.getByLabelText(/^Objective/)).toHaveValue('99.9');
      expect(screen.getByLabelText(/^Up series/)).toHaveValue('up{job=~"claude-enhancer.*"}');
    });

    it('starts a new SLO at 99.9 % over 30 days, and runs nothing until it has an SLI', async () => {
      const { onChange, onRunQuery, user } = await setup();

      await user.click(inlineSwitch());

      expect(onChange).toHaveBeenLastCalledWith({
        refId: 'A',
        queryType: 'slo',
        slo: { sli: { kind: 'ratio' }, objective: 0.999, window: { kind: 'rolling', duration: '30d' } },
      });
      expect(onRunQuery).not.toHaveBeenCalled();
      expect(screen.getByText('Enter the PromQL of all events.')).toBeInTheDocument();

      await user.type(screen.getByLabelText(/^Good events/), 'ok_total');
      await user.type(screen.getByLabelText(/^Total events/), 'all_total');
      await user.tab();

      expect(onChange).toHaveBeenLastCalledWith({
        refId: 'A',
        queryType: 'slo',
        slo: {
          sli: { kind: 'ratio', good: 'ok_total', total: 'all_total' },
          objective: 0.999,
          window: { kind: 'rolling', duration: '30d' },
        },
      });
      expect(onRunQuery).toHaveBeenCalledTimes(1);
    });

    it('stores the objective typed as a percent as a ratio, without float noise', async () => {
      const { onChange, user } = await setup(slo({ slo: { ...availability } }));

      await user.clear(screen.getByLabelText(/^Objective/));
      await user.type(screen.getByLabelText(/^Objective/), '99.99');

      expect(onChange).toHaveBeenLastCalledWith(slo({ slo: { ...availability, objective: 0.9999 } }));
      expect(screen.getByText('Error budget: 4m19s200ms of downtime per 30d.')).toBeInTheDocument();
    });

    it('keeps text that is not a number out of the query and explains it', async () => {
      const { onChange, onRunQuery, user } = await setup(slo({ slo: { ...availability } }));

      await user.clear(screen.getByLabelText(/^Objective/));
      await user.type(screen.getByLabelText(/^Objective/), 'high');
      await user.tab();

      // "h" is not a number either: the query still holds the SLO as it was.
      expect(onChange).toHaveBeenCalledTimes(0);
      expect(screen.getByLabelText(/^Objective/)).toHaveValue('high');
      expect(screen.getByText('Enter a percentage such as 99.9.')).toBeInTheDocument();
      expect(onRunQuery).toHaveBeenCalledTimes(1);
    });

    it('switches the SLI kind with a choice, which runs the query once valid', async () => {
      const { onChange, onRunQuery, user } = await setup(slo({ slo: { ...availability } }));

      await user.click(choice('SLI kind', 'Latency'));
      expect(onChange).toHaveBeenLastCalledWith(slo({ slo: { ...availability, sli: { kind: 'latency' } } }));
      expect(onRunQuery).not.toHaveBeenCalled();

      await user.click(choice('SLI kind', 'Availability'));
      expect(onChange).toHaveBeenLastCalledWith(slo({ slo: availability }));
      expect(onRunQuery).toHaveBeenCalledTimes(1);
    });

    it('turned off, names the catalog SLO the definition came from', async () => {
      const { onChange, user } = await setup(slo({ slo: { ...latency, objective: 0.99 }, bucketStep: '2m' }));

      await user.click(inlineSwitch());

      expect(onChange).toHaveBeenLastCalledWith(slo({ sloId: 'latency-p95', bucketStep: '2m' }));
      expect(await screen.findByRole('combobox', { name: /^SLO/ })).toBeInTheDocument();
    });
  });

  describe('output', () => {
    it('starts at summary and sends the one chosen, with what it is for', async () => {
      const { onChange, onRunQuery, user } = await setup(slo({ sloId: 'availability' }));
      expect(choice('Output', 'Summary')).toBeChecked();

      await user.click(choice('Output', 'Alert'));

      expect(onChange).toHaveBeenLastCalledWith(slo({ sloId: 'availability', output: 'alert' }));
      expect(onRunQuery).toHaveBeenCalledTimes(1);
      expect(screen.getByText(/^For alert rules: query → Reduce \(last\) → Threshold > 1/)).toBeInTheDocument();
    });

    it.each<[string, SLOOutput]>([
      ['Burndown', 'burndown'],
      ['Burn rate', 'burnrate'],
      ['Budget', 'budget'],
      ['Summary', 'summary'],
    ])('sends %s as %s', async (label, output) => {
      const { onChange, user } = await setup(slo({ sloId: 'availability', output: 'alert' }));

      await user.click(choice('Output', label));

      expect(onChange).toHaveBeenLastCalledWith(slo({ sloId: 'availability', output }));
    });

    it('does not run a query that names no SLO', async () => {
      const { onChange, onRunQuery, user } = await setup();

      await user.click(choice('Output', 'Burndown'));

      expect(onChange).toHaveBeenLastCalledWith(slo({ output: 'burndown' }));
      expect(onRunQuery).not.toHaveBeenCalled();
    });
  });

  describe('bucket step', () => {
    it("shows the backend's default for the SLO's window", async () => {
      await setup(slo({ sloId: 'latency-p95' }));
      await waitFor(() => expect(screen.getByLabelText(/^Bucket step/)).toHaveAttribute('placeholder', '1m'));
    });

    it('sends a valid step and runs the query when it is left', async () => {
      const { onChange, onRunQuery, user } = await setup(slo({ sloId: 'availability' }));
      await waitFor(() => expect(screen.getByLabelText(/^Bucket step/)).toHaveAttribute('placeholder', '5m'));

      await user.type(screen.getByLabelText(/^Bucket step/), '2m');
      await user.tab();

      expect(onChange).toHaveBeenLastCalledWith(slo({ sloId: 'availability', bucketStep: '2m' }));
      expect(onRunQuery).toHaveBeenCalledTimes(1);
    });

    it.each([
      ['7m', 'Use whole seconds that divide an hour, such as 30s, 1m, 5m or 15m.'],
      ['soon', 'Enter a duration such as 1m or 5m.'],
      ['15s', 'Use at least two scrape intervals (30s), so that every bucket holds two samples.'],
    ])('keeps %j as typed, explains it and does not run', async (text, error) => {
      const { onChange, onRunQuery, user } = await setup(slo({ sloId: 'availability' }));

      await user.type(screen.getByLabelText(/^Bucket step/), text);
      await user.tab();

      expect(onChange).toHaveBeenLastCalledWith(slo({ sloId: 'availability', bucketStep: text }));
      expect(screen.getByText(error)).toBeInTheDocument();
      expect(onRunQuery).not.toHaveBeenCalled();
    });

    it('follows the scrape interval of the datasource', async () => {
      const { user } = await setup(slo({ sloId: 'availability' }), { jsonData: { timeInterval: '1m' } });

      await user.type(screen.getByLabelText(/^Bucket step/), '1m');

      expect(
        screen.getByText('Use at least two scrape intervals (2m), so that every bucket holds two samples.')
      ).toBeInTheDocument();
    });

    it('removes a cleared step, so the default applies again', async () => {
      const { onChange, user } = await setup(slo({ sloId: 'availability', bucketStep: '2m' }));

      await user.clear(screen.getByLabelText(/^Bucket step/));

      expect(onChange).toHaveBeenLastCalledWith(slo({ sloId: 'availability' }));
    });
  });
});
