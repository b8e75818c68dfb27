import '../../../datasource/testing/jsdom';
import React from 'react';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { AlignedData } from 'uplot';
import type { UPlotConfigBuilder } from '@grafana/ui';

import { bandsFrame, plainFrame, T0 } from '../testing/frames';
import { renderPanel } from '../testing/renderPanel';

// jsdom has no canvas: the chart's uPlot is replaced by a record of what it was given. The real
// chart is drawn in Chromium by tests/browser/anomalyoverlay.spec.ts.
const plots: Array<{ data: AlignedData; config: UPlotConfigBuilder }> = [];
jest.mock('@grafana/ui', () => {
  return {
    ...jest.requireActual('@grafana/ui'),
    UPlotChart: (props: { data: AlignedData; config: UPlotConfigBuilder }) => {
      plots.push(props);
      return <div data-testid="uplot" />;
    },
  };
});

const lastPlot = () => plots[plots.length - 1];
const legendLabels = () =>
  screen
    .queryAllByTestId(/^data-testid VizLegend series /)
    .map((el) => el.getAttribute('data-testid')!.replace('data-testid VizLegend series ', ''));

beforeEach(() => (plots.length = 0));

describe('AnomalyOverlayPanel', () => {
  it('says there is no data when the query returns nothing', () => {
    renderPanel([]);
    expect(screen.getByText(/No data: the queries returned no time series/)).toBeInTheDocument();
    expect(screen.queryByTestId('uplot')).not.toBeInTheDocument();
  });

  it('shows the query error instead of a chart', () => {
    renderPanel([], { errors: [{ message: 'bad_data: parse error at char 4', refId: 'A' }] });
    expect(screen.getByRole('alert')).toHaveTextContent('The query failed: bad_data: parse error at char 4');
    expect(screen.queryByTestId('uplot')).not.toBeInTheDocument();
  });

  it('draws a bands series with one legend entry and its anomaly count', () => {
    renderPanel([bandsFrame({ name: 'checkout', flagged: [10, 11, 30] })]);
    expect(legendLabels()).toEqual(['checkout']);
    expect(screen.getByText('2 anomalies')).toBeInTheDocument();
    expect(screen.queryByRole('note')).not.toBeInTheDocument();
    // time, value, baseline, lower, upper; the band fills between upper and lower.
    expect(lastPlot().data).toHaveLength(5);
    expect(lastPlot().config.getConfig().bands).toEqual([expect.objectContaining({ series: [4, 3] })]);
  });

  it.each(['nan', 'null'] as const)('draws frames whose warm-up is %s with gaps and no NaN', (gap) => {
    renderPanel([bandsFrame({ name: 'api', warmup: 10, gap })]);
    const values = lastPlot()
      .data.slice(1)
      .flatMap((c) => Array.from(c as ArrayLike<number | null>));
    expect(values.filter((v) => v === null)).toHaveLength(30); // baseline, lower, upper × 10
    expect(values.some((v) => Number.isNaN(v))).toBe(false);
  });

  it('draws a plain series from any datasource and says which fields are missing', () => {
    renderPanel([plainFrame('node cpu')]);
    expect(legendLabels()).toEqual(['cpu']);
    expect(screen.getByRole('note')).toHaveTextContent(
      'No expected band for these series: missing yhat, yhat_lower, yhat_upper. No anomaly markers for these series: missing anomaly_score, anomaly.'
    );
    expect(lastPlot().data).toHaveLength(2);
  });

  it('shows the top N series by peak score and offers the others in a picker', async () => {
    const frames = Array.from({ length: 25 }, (_, i) =>
      bandsFrame({ name: `svc-${i}`, flagged: i % 5 === 0 ? [i] : [] })
    );
    frames[7].fields.find((f) => f.name === 'anomaly_score')!.values[3] = 9;
    const { onOptionsChange } = renderPanel(frames, { options: { topN: 3 } });
    expect(legendLabels()).toEqual(['svc-7', 'svc-0', 'svc-5']);
    const picker = screen.getByRole('combobox', { name: 'Series to show' });
    expect(picker).toHaveAttribute('placeholder', 'Top 3 of 25 by peak score');
    const user = userEvent.setup();
    await user.click(picker);
    await user.type(picker, 'svc-12');
    await user.click(await screen.findByRole('option', { name: /svc-12/ }));
    expect(onOptionsChange).toHaveBeenLastCalledWith(expect.objectContaining({ selected: ['svc-12'] }));
  });

  it('draws the picked series only', () => {
    const frames = ['a', 'b', 'c'].map((name) => bandsFrame({ name }));
    renderPanel(frames, { options: { selected: ['c', 'a'] } });
    expect(legendLabels()).toEqual(['c', 'a']);
  });

  it('hides a series from the chart when its legend entry is clicked, keeping the others', async () => {
    renderPanel([bandsFrame({ name: 'a' }), bandsFrame({ name: 'b' })]);
    expect(lastPlot().data).toHaveLength(9);
    await userEvent.click(within(screen.getByTestId('data-testid VizLegend series a')).getByRole('button'));
    // Isolated: only a is drawn.
    expect(lastPlot().data).toHaveLength(5);
  });

  it('moves the x scale on a zoom without rendering the chart again', () => {
    const { zoom } = renderPanel([bandsFrame({ name: 'a', flagged: [5] })]);
    const rendered = plots.length;
    zoom(T0 + 600_000, T0 + 1_200_000);
    expect(plots).toHaveLength(rendered);
  });

  it('adds the score strip under the chart when the option is on', () => {
    renderPanel([bandsFrame({ name: 'a', flagged: [5] })], { options: { showScoreStrip: true } });
    expect(screen.getAllByTestId('uplot')).toHaveLength(2);
    expect(screen.getByRole('img', { name: /Anomaly score per series/ })).toBeInTheDocument();
  });

  it('leaves out the band and baseline when switched off', () => {
    renderPanel([bandsFrame({ name: 'a' })], { options: { showBand: false, showBaseline: false } });
    expect(lastPlot().data).toHaveLength(2);
    expect(lastPlot().config.getConfig().bands ?? []).toEqual([]);
  });

  it('formats the value axis with the standard options’ unit', () => {
    renderPanel([bandsFrame({ name: 'a' })], { fieldConfig: { defaults: { unit: 'ms', decimals: 0 }, overrides: [] } });
    const yAxis = lastPlot()
      .config.getConfig()
      .axes!.find((a) => a.scale === 'y')!;
    const values = yAxis.values as (u: unknown, splits: number[]) => string[];
    expect(values(undefined, [100, 250])).toEqual(['100 ms', '250 ms']);
  });
});
