import React from 'react';
import { screen, within } from '@testing-library/react';
import { createDataFrame, createTheme, FieldType, ThresholdsMode } from '@grafana/data';

import {
  AVAILABILITY,
  burndownFrame,
  burnRatesFrame,
  ERROR_RATE,
  NO_DATA,
  OVERSPENT,
  PARTIAL,
  summaryFrame,
  workbookPairs,
} from '../testing/frames';
import { cssColor, renderPanel } from '../testing/renderPanel';

// Grafana provides the real view at run time; the package's stand-in prints an unfinished sentence.
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  PanelDataErrorView: ({ message }: { message?: string }) => <div role="status">{message ?? 'No data'}</div>,
}));

const START = Date.UTC(2026, 9, 27, 12);
const plain = (s?: string | null) => s?.replace(/\u00a0/g, ' ');

/** The key figures beside the gauge, as [term, definition] pairs. */
const figures = () => screen.getAllByRole('term').map((t) => [t.textContent, plain(t.nextElementSibling?.textContent)]);

/** The text of each cell of a table row, header cells included. */
const cells = (row: HTMLElement) => Array.from(row.querySelectorAll('th, td'), (c) => plain(c.textContent));

const gauge = () => screen.getByRole('meter', { name: 'Remaining error budget' });

describe('single mode', () => {
  it('shows a time budget in full: state, gauge, time left, SLI, exhaustion, burndown and burn rates', () => {
    renderPanel([
      summaryFrame([AVAILABILITY]),
      burnRatesFrame(workbookPairs('availability')),
      burndownFrame('availability', START, 720, 1872 / 2592),
    ]);
    const panel = screen.getByRole('region', { name: 'Availability' });
    expect(within(panel).getByText('OK')).toBeInTheDocument();
    expect(within(panel).getByText('30d window')).toBeInTheDocument();
    expect(gauge()).toHaveAttribute('aria-valuetext', '72.2%');
    expect(gauge()).toHaveAttribute('aria-valuenow', '72.2');
    expect(screen.getByText('31m 12s left of 43m 12s')).toBeInTheDocument();
    expect(figures()).toEqual([
      ['SLI vs objective', '99.97 % vs 99.9 %'],
      ['Window', '30d'],
      ['Time to exhaustion', 'budget exhausted in 3h 10m'],
    ]);
    // The ideal line of the test frame ends at 1 − 1/1.5.
    expect(plain(screen.getByRole('img', { name: /^Burndown/ }).getAttribute('aria-label'))).toBe(
      'Burndown: 72.2 % of the budget left, ideal 33.3 %'
    );
    expect(screen.getByText('Remaining').parentElement).toHaveTextContent('72.2');

    const table = screen.getByRole('table', { name: 'Burn rates' });
    expect(within(table).getAllByRole('row').map(cells)).toEqual([
      ['Severity', 'Windows', 'Threshold', 'Long burn', 'Short burn', 'Status'],
      ['page', '1h / 5m', '14.4×', '15.2×', '18.9×', 'Firing'],
      ['page', '6h / 30m', '6×', '3.10×', '0.80×', 'Not firing'],
      ['ticket', '1d / 2h', '3×', '1.25×', '0.40×', 'Not firing'],
      ['ticket', '3d / 6h', '1×', '1.70×', '1.10×', 'Firing'],
    ]);
  });

  it('colours a firing page critical and a firing ticket as a warning, and flags a pair that cannot fire', () => {
    const pairs = workbookPairs('availability');
    pairs[2] = { ...pairs[2], feasible: false };
    renderPanel([summaryFrame([AVAILABILITY]), burnRatesFrame(pairs)]);
    const [page, , infeasible, ticket] = within(screen.getByRole('table', { name: 'Burn rates' }))
      .getAllByRole('row')
      .slice(1);
    const status = (row: HTMLElement, label: string) => within(row).getByText(label).style.color;
    // Without a ThemeContext, @grafana/ui renders with the default (dark) theme.
    const theme = createTheme();
    expect(status(page, 'Firing')).toBe(cssColor(theme.colors.error.text));
    expect(status(ticket, 'Firing')).toBe(cssColor(theme.colors.warning.text));
    expect(status(infeasible, 'Cannot fire')).toBe(cssColor(theme.colors.text.secondary));
  });

  it('gives an event budget in errors and says when nothing burns', () => {
    renderPanel([summaryFrame([ERROR_RATE])]);
    expect(screen.getByText('Warning')).toBeInTheDocument();
    expect(gauge()).toHaveAttribute('aria-valuetext', '28.6%');
    expect(screen.getByText('12,345 of 43,200 errors left')).toBeInTheDocument();
    expect(figures()).toEqual([
      ['SLI vs objective', '99.93 % vs 99.9 %'],
      ['Window', '24h'],
      ['Time to exhaustion', 'not burning'],
    ]);
    // Without burndown and burn-rate frames, neither is drawn.
    expect(screen.queryByRole('img', { name: /^Burndown/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows an overspent budget as breaching, below zero and "overspent by"', () => {
    renderPanel([summaryFrame([OVERSPENT])]);
    expect(screen.getByText('Breaching')).toBeInTheDocument();
    expect(gauge()).toHaveAttribute('aria-valuetext', '-9.4%');
    expect(screen.getByText('overspent by 4m 3s (43m 12s allowed)')).toBeInTheDocument();
    expect(figures()).toContainEqual(['Time to exhaustion', 'budget exhausted']);
    expect(figures()).toContainEqual(['SLI vs objective', '99.89 % vs 99.9 %']);
  });

  it('says how much of the window a partial history covers', () => {
    renderPanel([summaryFrame([PARTIAL])]);
    expect(screen.getByText('Partial history')).toBeInTheDocument();
    expect(plain(screen.getByRole('note').textContent)).toBe(
      'Partial history: the data covers 28.6 % of the 7d window so far; the budget is extrapolated.'
    );
    expect(screen.getByText('1,235 of 2,143 errors left')).toBeInTheDocument();
    expect(figures()).toContainEqual(['Time to exhaustion', 'exhaustion unknown']);
  });

  it('says when there is no data to measure the budget against', () => {
    renderPanel([summaryFrame([NO_DATA])]);
    // The state badge and the gauge.
    expect(screen.getAllByText('No data')).toHaveLength(2);
    expect(gauge()).toHaveAttribute('aria-valuetext', 'No data');
    expect(gauge()).not.toHaveAttribute('aria-valuenow');
    expect(plain(screen.getByRole('note').textContent)).toBe(
      'No data: too few events in the 24h window to measure the budget against.'
    );
    expect(screen.getByText('no budget: no events in the window')).toBeInTheDocument();
    expect(figures()).toEqual([
      ['SLI vs objective', 'no SLI vs 99 %'],
      ['Window', '24h'],
      ['Time to exhaustion', 'exhaustion unknown'],
    ]);
  });

  it('shows the SLO named in the options when the queries return several', () => {
    renderPanel([summaryFrame([AVAILABILITY, ERROR_RATE])], { options: { mode: 'single', sloId: 'error-rate' } });
    expect(screen.getByRole('region', { name: 'Error rate < 0.1 %' })).toBeInTheDocument();
  });

  it('uses the panel’s thresholds and decimals for the gauge', () => {
    const fieldConfig = {
      defaults: {
        decimals: 2,
        thresholds: { mode: ThresholdsMode.Absolute, steps: [{ value: -Infinity, color: 'purple' }] },
      },
      overrides: [],
    };
    renderPanel([summaryFrame([AVAILABILITY])], { fieldConfig });
    expect(gauge()).toHaveAttribute('aria-valuetext', '72.22%');
  });

  it('links the SLO name to the drill-down URL, interpolated', () => {
    renderPanel([summaryFrame([AVAILABILITY])], {
      options: { drilldownUrl: '/d/ce-sla/sla-budgets?var-slo=${slo}&${__url_time_range}' },
    });
    expect(screen.getByRole('link', { name: 'Availability' })).toHaveAttribute(
      'href',
      '/d/ce-sla/sla-budgets?var-slo=availability&from=1764000000000&to=1764086400000'
    );
  });
});

describe('list mode', () => {
  const frames = [summaryFrame([AVAILABILITY, NO_DATA]), summaryFrame([ERROR_RATE, PARTIAL, OVERSPENT])];

  it('lists several SLOs, least remaining budget first, with bar, state, SLI and budget', () => {
    renderPanel(frames);
    const rows = within(screen.getByRole('table')).getAllByRole('row');
    expect(rows.map(cells)).toEqual([
      ['SLO', 'Remaining budget', 'State', 'SLI vs objective', 'Budget', 'Fastest burn', 'Firing'],
      ['Checkout availability30d window', '-9.4%', 'Breaching', '99.89 % vs 99.9 %', 'overspent by 4m 3s', '–', 'none'],
      ['Error rate < 0.1 %24h window', '28.6%', 'Warning', '99.93 % vs 99.9 %', '12,345 errors left', '–', 'none'],
      [
        'Latency P95 < 200 ms7d window · partial history, 28.6 % covered',
        '42.4%',
        'OK',
        '97.12 % vs 95 %',
        '1,235 errors left',
        '–',
        'none',
      ],
      ['Availability30d window', '72.2%', 'OK', '99.97 % vs 99.9 %', '31m 12s left', '–', 'none'],
      ['Idle service24h window', 'No data', 'No data', 'no SLI vs 99 %', 'no budget', '–', 'none'],
    ]);
  });

  it('sorts by name when asked', () => {
    renderPanel(frames, { options: { sortBy: 'name' } });
    const names = within(screen.getByRole('table'))
      .getAllByRole('rowheader')
      .map((c) => c.firstChild?.textContent);
    expect(names).toEqual([
      'Availability',
      'Checkout availability',
      'Error rate < 0.1 %',
      'Idle service',
      'Latency P95 < 200 ms',
    ]);
  });

  it('turns into one card per SLO on a phone-width panel', () => {
    renderPanel(frames, { width: 320, height: 300 });
    const items = within(screen.getByRole('list', { name: 'SLOs' })).getAllByRole('listitem');
    expect(items.map((i) => plain(i.textContent))).toEqual([
      'Checkout availabilityBreaching-9.4%99.89 % vs 99.9 %overspent by 4m 3s',
      'Error rate < 0.1 %Warning28.6%99.93 % vs 99.9 %12,345 errors left',
      'Latency P95 < 200 msOK42.4%97.12 % vs 95 %1,235 errors left',
      'AvailabilityOK72.2%99.97 % vs 99.9 %31m 12s left',
      'Idle serviceNo dataNo datano SLI vs 99 %no budget',
    ]);
  });

  it('links every name when a drill-down URL is set', () => {
    renderPanel(frames, { options: { drilldownUrl: '/d/ce-sla?var-slo=${slo}' } });
    expect(screen.getAllByRole('link').map((a) => a.getAttribute('href'))).toEqual([
      '/d/ce-sla?var-slo=checkout',
      '/d/ce-sla?var-slo=error-rate',
      '/d/ce-sla?var-slo=latency-p95',
      '/d/ce-sla?var-slo=availability',
      '/d/ce-sla?var-slo=idle',
    ]);
  });
});

describe('without SLO frames', () => {
  it('shows Grafana’s no-data view when the queries return nothing', () => {
    renderPanel([]);
    expect(screen.getByRole('status')).toHaveTextContent('No data');
  });

  it('says which query to use when the frames are not SLO frames', () => {
    const series = createDataFrame({
      fields: [
        { name: 'time', type: FieldType.time, values: [START] },
        { name: 'value', type: FieldType.number, values: [1] },
      ],
    });
    renderPanel([series]);
    expect(screen.getByRole('status')).toHaveTextContent(
      'No SLO data in this query result: use the Anomaly & SLO datasource’s SLO query with the summary, burn-rate or burndown output'
    );
  });
});
