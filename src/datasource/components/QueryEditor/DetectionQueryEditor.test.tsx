import { screen, within } from '@testing-library/react';
import type userEvent from '@testing-library/user-event';

import { anomaly, forecast, trend } from '../../testing/detectionQueries';
import { renderQueryEditor as setup } from '../../testing/renderQueryEditor';
import type { AnomalyQuery, DetectionQuery } from '../../types';

type User = ReturnType<typeof userEvent.setup>;

const optionsToggle = () => screen.getByRole('button', { name: /^Options/ });
const openOptions = (user: User) => user.click(optionsToggle());
const choice = (group: string, name: string) =>
  within(screen.getByRole('radiogroup', { name: group })).getByRole('radio', { name });

describe('DetectionQueryEditor', () => {
  describe('switching the query type', () => {
    it.each([
      ['Anomaly', 'anomaly'],
      ['Trend', 'trend'],
      ['Forecast', 'forecast'],
    ])('to %s keeps the expression and the legend, drops the min step and runs', async (label, queryType) => {
      const { onChange, onRunQuery, user, expr } = setup({
        refId: 'A',
        queryType: 'series',
        expr: 'rate(x[5m])',
        legendFormat: '{{job}}',
        minStep: '30s',
      });

      await user.click(screen.getByRole('radio', { name: label }));

      expect(onChange).toHaveBeenLastCalledWith({
        refId: 'A',
        queryType,
        expr: 'rate(x[5m])',
        legendFormat: '{{job}}',
      });
      expect(onRunQuery).toHaveBeenCalledTimes(1);
      expect(expr).toHaveValue('rate(x[5m])');
      expect(screen.getByLabelText(/^Legend/)).toHaveValue('{{job}}');
    });

    it('back to series drops the detection options', async () => {
      const { onChange, user } = setup(anomaly({ legendFormat: '{{job}}', method: 'robust', window: '2h' }));

      await user.click(screen.getByRole('radio', { name: 'Series' }));

      expect(onChange).toHaveBeenLastCalledWith({
        refId: 'A',
        queryType: 'series',
        expr: 'up',
        legendFormat: '{{job}}',
      });
    });
  });

  it('sums up the options while they are collapsed and shows them when opened', async () => {
    const { user } = setup(anomaly({ method: 'robust' }));

    for (const item of ['robust · 1h · 5σ · both · 2/3', 'Output: bands', 'Step: 1m']) {
      expect(within(optionsToggle().parentElement!).getByText(item)).toBeInTheDocument();
    }
    expect(screen.queryByLabelText(/^Window/)).not.toBeInTheDocument();

    await openOptions(user);

    expect(screen.getByLabelText(/^Window/)).toHaveAttribute('placeholder', '1h');
    expect(screen.getByLabelText(/^Threshold/)).toHaveAttribute('placeholder', '5');
    expect(screen.getByLabelText(/^Detector step/)).toHaveAttribute('placeholder', '1m');
    expect(choice('Method', 'Robust')).toBeChecked();
    expect(choice('Direction', 'Both')).toBeChecked();
  });

  it.each<[string, DetectionQuery, RegExp, string, Record<string, string | number>]>([
    ['window', anomaly(), /^Window/, '5m', { window: '5m' }],
    ['threshold', anomaly(), /^Threshold/, '2.5', { threshold: 2.5 }],
    ['min deviation', anomaly(), /^Min deviation/, '0.5', { minDeviation: 0.5 }],
    ['persistence', anomaly(), /^Persistence/, '2/3', { persistence: '2/3' }],
    ['detector step', anomaly(), /^Detector step/, '30s', { detectorStep: '30s' }],
    ['season', anomaly({ method: 'seasonal' }), /^Season\b/, '1w', { season: '1w' }],
    ['seasons', anomaly({ method: 'holtwinters' }), /^Seasons/, '4', { seasons: 4 }],
    ['trend window', trend(), /^Trend window/, '30m', { trendWindow: '30m' }],
    ['ratio threshold', trend(), /^Ratio threshold/, '0.25', { ratioThreshold: 0.25 }],
    ['trend baseline window', trend(), /^Window/, '2h', { window: '2h' }],
    ['horizon', forecast(), /^Horizon/, '12h', { horizon: '12h' }],
    ['training', forecast(), /^Training/, '7d', { training: '7d' }],
    ['forecast threshold', forecast(), /^Threshold/, '-90', { forecastThreshold: -90 }],
    ['level', forecast(), /^Level/, '0.99', { level: 0.99 }],
  ])('sends the %s as typed and runs the query when it is left', async (_, initial, label, text, patch) => {
    const { onChange, onRunQuery, user } = setup(initial);
    await openOptions(user);

    await user.type(screen.getByLabelText(label), text);
    await user.tab();

    expect(onChange).toHaveBeenLastCalledWith({ ...initial, ...patch });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('keeps an invalid window as typed, explains it and runs nothing until it is fixed', async () => {
    const { onChange, onRunQuery, user, expr } = setup(anomaly());
    await openOptions(user);

    await user.type(screen.getByLabelText(/^Window/), 'fast');
    await user.tab();
    await user.click(expr);
    await user.tab();

    expect(onChange).toHaveBeenLastCalledWith(anomaly({ window: 'fast' }));
    expect(screen.getByText('Enter a duration such as 15s, 1m30s or 2h.')).toBeInTheDocument();
    expect(onRunQuery).not.toHaveBeenCalled();

    await user.clear(screen.getByLabelText(/^Window/));
    await user.type(screen.getByLabelText(/^Window/), '90s');
    expect(screen.getByText('The window must cover at least 2 detector steps.')).toBeInTheDocument();

    await user.type(screen.getByLabelText(/^Window/), '0');
    await user.tab();
    expect(onChange).toHaveBeenLastCalledWith(anomaly({ window: '90s0' }));
    expect(screen.getByText('Enter a duration such as 15s, 1m30s or 2h.')).toBeInTheDocument();
    expect(onRunQuery).not.toHaveBeenCalled();
  });

  it('leaves a threshold that is not a number unset, explains it and does not run', async () => {
    const { onChange, onRunQuery, user } = setup(anomaly({ threshold: 2 }));
    await openOptions(user);

    await user.clear(screen.getByLabelText(/^Threshold/));
    await user.type(screen.getByLabelText(/^Threshold/), 'abc');
    await user.tab();

    expect(onChange).toHaveBeenLastCalledWith(anomaly());
    expect(screen.getByLabelText(/^Threshold/)).toHaveValue('abc');
    expect(screen.getByText('Enter a number such as 2.5.')).toBeInTheDocument();
    expect(onRunQuery).not.toHaveBeenCalled();
  });

  it('sends an out-of-range number as typed and explains it', async () => {
    const { onChange, onRunQuery, user } = setup(forecast());
    await openOptions(user);

    await user.type(screen.getByLabelText(/^Level/), '95');
    await user.tab();

    expect(onChange).toHaveBeenLastCalledWith(forecast({ level: 95 }));
    expect(screen.getByText('Enter a level between 0 and 1, such as 0.95.')).toBeInTheDocument();
    expect(onRunQuery).not.toHaveBeenCalled();
  });

  it('removes a cleared option, so the backend default applies again', async () => {
    const { onChange, onRunQuery, user } = setup(anomaly({ window: '5m', threshold: 2 }));
    await openOptions(user);

    await user.clear(screen.getByLabelText(/^Window/));
    await user.clear(screen.getByLabelText(/^Threshold/));
    await user.tab();

    expect(onChange).toHaveBeenLastCalledWith(anomaly());
    expect(onRunQuery).toHaveBeenCalled();
  });

  it('opens a saved query with an invalid option at its options, with the error shown', () => {
    setup(anomaly({ persistence: '3/2' }));

    expect(screen.getByLabelText(/^Persistence/)).toHaveValue('3/2');
    expect(screen.getByText('Enter k/n with 1 ≤ k ≤ n, such as 2/3.')).toBeInTheDocument();
  });

  it('marks invalid options while the group is closed', async () => {
    const { user } = setup(anomaly({ persistence: '3/2' }));

    await user.click(optionsToggle());

    expect(within(optionsToggle().parentElement!).getByText('Some options are invalid')).toBeInTheDocument();
  });

  describe('method', () => {
    it('shows the season options for seasonal and Holt-Winters methods only', async () => {
      const { onChange, onRunQuery, user } = setup(anomaly());
      await openOptions(user);
      expect(screen.queryByLabelText(/^Seasons?\b/)).not.toBeInTheDocument();

      await user.click(choice('Method', 'Seasonal'));
      expect(onChange).toHaveBeenLastCalledWith(anomaly({ method: 'seasonal' }));
      expect(onRunQuery).toHaveBeenCalledTimes(1);
      expect(screen.getByLabelText(/^Season\b/)).toHaveAttribute('placeholder', '1d');
      expect(screen.getByLabelText(/^Seasons/)).toHaveAttribute('placeholder', '3');

      await user.click(choice('Method', 'Holt-Winters'));
      expect(screen.getByLabelText(/^Season\b/)).toBeInTheDocument();

      for (const method of ['Z-score', 'Robust', 'EWMA']) {
        await user.click(choice('Method', method));
        expect(screen.queryByLabelText(/^Seasons?\b/)).not.toBeInTheDocument();
      }
    });

    it('drops the season options with a method that does not read them', async () => {
      const { onChange, user } = setup(anomaly({ method: 'seasonal', season: '1w', seasons: 2 }));
      await openOptions(user);

      await user.click(choice('Method', 'EWMA'));

      expect(onChange).toHaveBeenLastCalledWith(anomaly({ method: 'ewma' }));
    });
  });

  it('sends the direction chosen and runs', async () => {
    const { onChange, onRunQuery, user } = setup(anomaly());
    await openOptions(user);

    await user.click(choice('Direction', 'Up'));

    expect(onChange).toHaveBeenLastCalledWith(anomaly({ direction: 'up' }));
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  describe('output', () => {
    it.each([
      ['Score', 'score', 'For alert rules: query → Reduce (last) → Threshold > 1.'],
      ['Events', 'events', 'One row per anomaly, for annotations and tables.'],
    ])('sends %s for an anomaly query, says what it is for and runs', async (label, output, description) => {
      const { onChange, onRunQuery, user } = setup(anomaly());

      expect(choice('Output', 'Bands')).toBeChecked();
      expect(screen.getByText('Value, expected value, band and score, for panels.')).toBeInTheDocument();
      await user.click(choice('Output', label));

      expect(onChange).toHaveBeenLastCalledWith(anomaly({ output: output as AnomalyQuery['output'] }));
      expect(onRunQuery).toHaveBeenCalledTimes(1);
      expect(screen.getByText(description)).toBeInTheDocument();
    });

    it('gives the effect size as the score of a trend query', async () => {
      const { onChange, user } = setup(trend());

      await user.click(choice('Output', 'Score'));

      expect(onChange).toHaveBeenLastCalledWith(trend({ output: 'score' }));
      expect(screen.getByText("For alert rules: the effect size (Cohen's d) per series.")).toBeInTheDocument();
    });

    it('offers a forecast no events, and asks for the threshold its score needs before running', async () => {
      const { onChange, onRunQuery, user } = setup(forecast());
      expect(within(screen.getByRole('radiogroup', { name: 'Output' })).getAllByRole('radio')).toHaveLength(2);

      await user.click(choice('Output', 'Score'));

      expect(onChange).toHaveBeenLastCalledWith(forecast({ output: 'score' }));
      expect(onRunQuery).not.toHaveBeenCalled();
      await openOptions(user);
      expect(screen.getByText('Set a threshold: the score is the time until the forecast reaches it.')).toBeVisible();

      await user.type(screen.getByLabelText(/^Threshold/), '100');
      await user.tab();
      expect(onChange).toHaveBeenLastCalledWith(forecast({ output: 'score', forecastThreshold: 100 }));
      expect(onRunQuery).toHaveBeenCalledTimes(1);
    });
  });

  describe('fields of each kind', () => {
    const labels = (...names: string[]) => names.map((name) => screen.queryByLabelText(new RegExp(`^${name}`)));

    it('shows an anomaly query no trend or forecast options', async () => {
      const { user } = setup(anomaly());
      await openOptions(user);

      expect(labels('Trend window', 'Ratio threshold', 'Horizon', 'Training', 'Level')).toEqual([
        null,
        null,
        null,
        null,
        null,
      ]);
    });

    it('shows a trend query its windows and ratio, and no detector method', async () => {
      const { user } = setup(trend());
      await openOptions(user);

      expect(screen.getByLabelText(/^Trend window/)).toHaveAttribute('placeholder', '1h');
      expect(screen.getByLabelText(/^Ratio threshold/)).toHaveAttribute('placeholder', '0.5');
      expect(screen.getByLabelText(/^Window/)).toBeInTheDocument();
      expect(screen.queryByRole('radiogroup', { name: 'Method' })).not.toBeInTheDocument();
      expect(labels('Threshold', 'Persistence', 'Horizon')).toEqual([null, null, null]);
    });

    it('shows a forecast query its horizon, training, threshold and level, and offers Holt-Winters', async () => {
      const { user, onChange } = setup(forecast());
      await openOptions(user);

      expect(screen.getByLabelText(/^Horizon/)).toHaveAttribute('placeholder', '6h');
      expect(screen.getByLabelText(/^Training/)).toHaveAttribute('placeholder', 'visible range');
      expect(screen.getByLabelText(/^Threshold/)).toHaveValue('');
      expect(screen.getByLabelText(/^Level/)).toHaveAttribute('placeholder', '0.95');
      expect(choice('Forecast method', 'Linear')).toBeChecked();
      expect(labels('Window', 'Persistence', 'Trend window')).toEqual([null, null, null]);

      await user.click(choice('Forecast method', 'Holt-Winters'));
      expect(onChange).toHaveBeenLastCalledWith({ ...forecast(), forecastMethod: 'holtwinters' });
    });
  });
});
