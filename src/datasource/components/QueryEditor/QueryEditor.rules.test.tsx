import '../../testing/jsdom';

import { CoreApp } from '@grafana/data';
import { act, screen, waitFor, within } from '@testing-library/react';

import { renderQueryEditor } from '../../testing/renderQueryEditor';
import type { Query } from '../../types';


/** What Grafana's rule editor renders: the query editor with app = UnifiedAlerting. */
async function inRule(initial: Query) {
  const rendered = renderQueryEditor(initial, CoreApp.UnifiedAlerting);
  if (initial.queryType === 'slo') {
    await waitFor(() => expect(rendered.getResource).toHaveBeenCalledWith('slos'));
    await act(async () => {}); // the catalog's answer is in
  }
  return rendered;
}

/** A new rule query: getDefaultQuery(CoreApp.UnifiedAlerting) with its refId. */
const NEW_RULE_QUERY: Query = { refId: 'A', queryType: 'series', expr: '' };

const outputs = () => within(screen.getByRole('radiogroup', { name: 'Output' })).getAllByRole('radio');
const output = (name: string) =>
  within(screen.getByRole('radiogroup', { name: 'Output' })).getByRole('radio', { name });

describe('QueryEditor in an alert or recording rule', () => {
  it.each([
    [
      'Anomaly',
      'anomaly',
      /^Anomaly score per series, above 1 outside the band: Reduce \(last\) → Threshold above 1\.$/,
    ],
    ['Trend', 'trend', /^Cohen's d .*: Threshold above 0\.5 for a rise, below −0\.5 for a drop\.$/],
    ['Forecast', 'forecast', /^Seconds until the forecast reaches the threshold .*: Threshold below your lead time/],
  ])(
    'starts a new %s query on its score, the only output offered, and says which threshold to use',
    async (label, queryType, hint) => {
      const { onChange, onRunQuery, user } = await inRule(NEW_RULE_QUERY);

      await user.click(screen.getByRole('radio', { name: label }));

      expect(onChange).toHaveBeenLastCalledWith({ refId: 'A', queryType, expr: '', output: 'score' });
      expect(onRunQuery).toHaveBeenCalledTimes(1);
      expect(outputs()).toHaveLength(1);
      expect(output('Score')).toBeChecked();
      expect(screen.getByText(hint)).toBeInTheDocument();
    }
  );

  it('asks a new forecast query for the threshold its score counts down to', async () => {
    const { user } = await inRule(NEW_RULE_QUERY);

    await user.click(screen.getByRole('radio', { name: 'Forecast' }));

    expect(
      screen.getByText('Set a threshold: the score is the time until the forecast reaches it.')
    ).toBeInTheDocument();
  });

  it('starts a new SLO query on the alert output with 1-minute buckets, offering the outputs with one number per series', async () => {
    const { onChange, user } = await inRule(NEW_RULE_QUERY);

    await user.click(screen.getByRole('radio', { name: 'SLO' }));

    expect(onChange).toHaveBeenLastCalledWith({ refId: 'A', queryType: 'slo', output: 'alert', bucketStep: '1m' });
    await screen.findByRole('combobox', { name: /^SLO/ });
    expect(outputs()).toHaveLength(3);
    for (const name of ['Alert', 'Burn rate', 'Budget']) {
      expect(output(name)).toBeInTheDocument();
    }
    expect(output('Alert')).toBeChecked();
    expect(screen.getByText(/^burn_alert per burn-rate pair, above 1 while the pair fires/)).toBeInTheDocument();
    expect(screen.getByLabelText(/^Bucket step/)).toHaveValue('1m');
  });

  it.each([
    ['Burn rate', 'burnrate', /^Burn rate per long window, .*: Threshold above the pair's factor/],
    [
      'Budget',
      'budget',
      /^Remaining error budget, 1 untouched and 0 spent: Threshold below e\.g\. 0\.25, or record it\.$/,
    ],
  ])('sends the SLO output %s as %s and says what its number means', async (label, value, hint) => {
    const { onChange, onRunQuery, user } = await inRule({
      refId: 'A',
      queryType: 'slo',
      sloId: 'availability',
      output: 'alert',
    });

    await user.click(output(label));

    expect(onChange).toHaveBeenLastCalledWith({ refId: 'A', queryType: 'slo', sloId: 'availability', output: value });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
    expect(screen.getByText(hint)).toBeInTheDocument();
  });

  it("says why a panel's anomaly query on bands cannot serve a rule, and switches it to the score", async () => {
    // A panel's query copied into a rule: no output, so the backend's bands.
    const { onChange, onRunQuery, user } = await inRule({ refId: 'A', queryType: 'anomaly', expr: 'up' });
    const error = 'Bands is for panels: alert and recording rules need one number per series. Choose Score.';

    expect(output('Score')).not.toBeChecked();
    expect(screen.getByText(error)).toBeInTheDocument();

    await user.click(output('Score'));

    expect(onChange).toHaveBeenLastCalledWith({ refId: 'A', queryType: 'anomaly', expr: 'up', output: 'score' });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
    expect(screen.queryByText(error)).not.toBeInTheDocument();
  });

  it('says why an SLO query on the summary cannot serve a rule', async () => {
    await inRule({ refId: 'A', queryType: 'slo', sloId: 'availability' });

    expect(
      screen.getByText(
        'Summary is for panels: alert and recording rules need one number per series. Choose Alert, Burn rate or Budget.'
      )
    ).toBeInTheDocument();
    expect(outputs().filter((r) => (r as HTMLInputElement).checked)).toHaveLength(0);
  });

  it('keeps every output and the backend defaults in a panel', async () => {
    const { onChange, user } = renderQueryEditor(NEW_RULE_QUERY, CoreApp.PanelEditor);

    await user.click(screen.getByRole('radio', { name: 'Anomaly' }));

    expect(onChange).toHaveBeenLastCalledWith({ refId: 'A', queryType: 'anomaly', expr: '' });
    expect(outputs()).toHaveLength(3);
    expect(output('Bands')).toBeChecked();
  });
});
