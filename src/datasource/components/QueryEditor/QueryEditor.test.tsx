import { CoreApp } from '@grafana/data';
import { screen, waitFor, within } from '@testing-library/react';

import { rangeParams, renderQueryEditor as setup } from '../../testing/renderQueryEditor';


describe('QueryEditor', () => {
  it('offers the query types as one choice, with series selected', () => {
    setup();
    const types = screen.getByRole('radiogroup', { name: 'Query type' });
    expect(within(types).getAllByRole('radio')).toHaveLength(5);
    for (const name of ['Anomaly', 'Trend', 'Forecast', 'SLO']) {
      expect(within(types).getByRole('radio', { name })).not.toBeChecked();
    }
    expect(within(types).getByRole('radio', { name: 'Series' })).toBeChecked();
  });

  it('sends the expression as typed', async () => {
    const { onChange, user, expr } = setup();

    await user.type(expr, 'up');

    expect(onChange).toHaveBeenLastCalledWith({ refId: 'A', queryType: 'series', expr: 'up' });
  });

  it('edits a query saved without a type as a series query', async () => {
    const { onChange, user, expr } = setup({ refId: 'B' });

    await user.type(expr, 'x');

    expect(onChange).toHaveBeenLastCalledWith({ refId: 'B', queryType: 'series', expr: 'x' });
  });

  it('runs the query on Shift+Enter and when the field is left, not on Enter', async () => {
    const { onRunQuery, user, expr } = setup({ refId: 'A', queryType: 'series', expr: 'up' });

    await user.type(expr, '{Enter}');
    expect(onRunQuery).not.toHaveBeenCalled();
    await user.type(expr, '{Shift>}{Enter}{/Shift}');
    expect(onRunQuery).toHaveBeenCalledTimes(1);
    await user.tab();
    expect(onRunQuery).toHaveBeenCalledTimes(2);
  });

  describe('completion', () => {
    it('lists label names of the metric and inserts the one picked with the keyboard', async () => {
      const { onChange, getResource, user, expr } = setup();

      await user.type(expr, 'up{{');

      const options = await screen.findAllByRole('option');
      expect(options.map((o) => o.firstChild?.textContent)).toEqual(['instance', 'job']);
      expect(getResource).toHaveBeenCalledWith('labels', { match: 'up', ...rangeParams });

      await user.keyboard('{ArrowDown}{Enter}');

      expect(onChange).toHaveBeenLastCalledWith({ refId: 'A', queryType: 'series', expr: 'up{job' });
      expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
      expect(expr).toHaveProperty('selectionStart', 6);
    });

    it('lists label values and inserts the one clicked, closing the string', async () => {
      const { onChange, getResource, user, expr } = setup({ refId: 'A', queryType: 'series', expr: 'up{job' });

      await user.click(expr);
      await user.keyboard('{End}="');
      await user.click(await screen.findByRole('option', { name: /web/ }));

      expect(getResource).toHaveBeenCalledWith('label-values', { label: 'job', match: 'up', ...rangeParams });
      expect(onChange).toHaveBeenLastCalledWith({ refId: 'A', queryType: 'series', expr: 'up{job="web"' });
      expect(expr).toHaveFocus();
    });

    it('lists functions and metric names for a word and completes it on Tab', async () => {
      const { onChange, user, expr } = setup();

      await user.type(expr, 'rate(node_c');
      expect(await screen.findByRole('listbox', { name: 'Suggestions' })).toBeInTheDocument();
      expect(screen.getAllByRole('option').map((o) => o.firstChild?.textContent)).toEqual(['node_cpu_seconds_total']);

      await user.keyboard('{Tab}');

      expect(onChange).toHaveBeenLastCalledWith({
        refId: 'A',
        queryType: 'series',
        expr: 'rate(node_cpu_seconds_total',
      });
    });

    it('marks the option picked with the arrows for assistive technology', async () => {
      const { user, expr } = setup();

      await user.type(expr, 'node_');
      const options = await screen.findAllByRole('option');
      await user.keyboard('{ArrowDown}');

      expect(options[1]).toHaveAttribute('aria-selected', 'true');
      expect(expr).toHaveAttribute('aria-activedescendant', options[1].id);
    });

    it('closes the list on Escape without changing the text', async () => {
      const { onChange, user, expr } = setup();

      await user.type(expr, 'up{{');
      await screen.findByRole('listbox');
      const calls = onChange.mock.calls.length;
      await user.keyboard('{Escape}');

      expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
      expect(onChange).toHaveBeenCalledTimes(calls);
    });

    it('asks for each list once and filters it while typing', async () => {
      const { getResource, user, expr } = setup();

      await user.type(expr, 'node_');
      await screen.findAllByRole('option');
      await user.type(expr, 'l');

      await waitFor(() =>
        expect(screen.getAllByRole('option').map((o) => o.firstChild?.textContent)).toEqual(['node_load1'])
      );
      expect(getResource).toHaveBeenCalledTimes(1);
    });
  });

  it('sends the legend as typed and runs the query when it is left', async () => {
    const { onChange, onRunQuery, user } = setup({ refId: 'A', queryType: 'series', expr: 'up' });

    await user.type(screen.getByLabelText(/^Legend/), '{{{{instance}}');
    await user.tab();

    expect(onChange).toHaveBeenLastCalledWith({
      refId: 'A',
      queryType: 'series',
      expr: 'up',
      legendFormat: '{{instance}}',
    });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('sends a valid min step and runs the query when it is left', async () => {
    const { onChange, onRunQuery, user } = setup({ refId: 'A', queryType: 'series', expr: 'up' });

    await user.type(screen.getByLabelText(/^Min step/), '1m30s');
    await user.tab();

    expect(onChange).toHaveBeenLastCalledWith({ refId: 'A', queryType: 'series', expr: 'up', minStep: '1m30s' });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('keeps an invalid min step as typed, explains it and does not run the query', async () => {
    const { onChange, onRunQuery, user } = setup({ refId: 'A', queryType: 'series', expr: 'up' });

    await user.type(screen.getByLabelText(/^Min step/), 'fast');
    await user.tab();

    expect(onChange).toHaveBeenLastCalledWith({ refId: 'A', queryType: 'series', expr: 'up', minStep: 'fast' });
    expect(screen.getByText('Enter a duration such as 15s, 1m30s or 2h.')).toBeInTheDocument();
    expect(onRunQuery).not.toHaveBeenCalled();
  });

  it.each([CoreApp.Unknown, undefined])(
    'edits a new annotation query, which Grafana passes bare (app %s)',
    async (app) => {
      const { onChange, user, expr } = setup({ refId: 'Anno' }, app);
      expect(expr).toHaveValue('');

      await user.type(expr, 'x');

      expect(onChange).toHaveBeenLastCalledWith({ refId: 'Anno', queryType: 'series', expr: 'x' });
    }
  );
});
