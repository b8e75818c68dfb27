import React from 'react';
import { screen, within } from '@testing-library/react';
import { createTheme, FieldType } from '@grafana/data';

import {
  AVAILABILITY,
  burndownFrame,
  burnRatesFrame,
  OVERSPENT,
  PARTIAL,
  summaryFrame,
  workbookPairs,
} from '../testing/frames';
import { cssColor, renderPanel } from '../testing/renderPanel';

jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  PanelDataErrorView: ({ message }: { message?: string }) => <div role="status">{message ?? 'No data'}</div>,
}));

// Without a ThemeContext, @grafana/ui renders with the default (dark) theme.
const theme = createTheme();

describe('burn figures above their threshold', () => {
  it('are in the threshold colour even when the pair does not fire (a 50× short burn is not green)', () => {
    const pairs = workbookPairs('availability');
    // The 1h/5m page: 50× over 5 minutes, 2× over the hour: not firing, the short window far above 14.4×.
    pairs[0] = { ...pairs[0], long_burn: 2, short_burn: 50, firing: false };
    // The 1d/2h ticket: 3.5× over a day, 0.4× over 2 hours.
    pairs[2] = { ...pairs[2], long_burn: 3.5, firing: false };
    renderPanel([summaryFrame([AVAILABILITY]), burnRatesFrame(pairs)]);
    const [page, , ticket] = within(screen.getByRole('table', { name: 'Burn rates' }))
      .getAllByRole('row')
      .slice(1);
    const color = (row: HTMLElement, text: string) => within(row).getByText(text).style.color;

    expect(color(page, '50.0×')).toBe(cssColor(theme.colors.error.text));
    expect(color(page, '2.00×')).toBe('');
    expect(color(ticket, '3.50×')).toBe(cssColor(theme.colors.warning.text));
    expect(color(ticket, '0.40×')).toBe('');
    expect(within(page).getByText('Not firing')).toBeInTheDocument();
  });
});

describe('the gauge ring', () => {
  it('is coloured by the threshold step of the value: an overspent gauge is red all round', () => {
    renderPanel([summaryFrame([{ ...OVERSPENT, budget_remaining_ratio: -0.818 }])]);
    const meter = screen.getByRole('meter', { name: 'Remaining error budget' });
    const strokes = Array.from(meter.querySelectorAll('path[stroke]'), (p) => p.getAttribute('stroke'));
    const red = theme.visualization.getColorByName('red');
    expect(strokes.length).toBeGreaterThan(0);
    expect(new Set(strokes)).toEqual(new Set([red]));
  });

  it('is green all round for a budget in its green step', () => {
    renderPanel([summaryFrame([AVAILABILITY])]);
    const meter = screen.getByRole('meter', { name: 'Remaining error budget' });
    const strokes = Array.from(meter.querySelectorAll('path[stroke]'), (p) => p.getAttribute('stroke'));
    expect(new Set(strokes)).toEqual(new Set([theme.visualization.getColorByName('green')]));
  });
});

describe('the budget wording', () => {
  it('counts an availability budget in bad minutes, a latency budget in slow requests, a ratio budget in errors', () => {
    renderPanel([summaryFrame([{ ...AVAILABILITY, sli_kind: 'availability' }])]);
    expect(screen.getByText('31.2 of 43.2 bad minutes left')).toBeInTheDocument();
  });

  it.each([
    ['latency', '1,235 of 2,143 slow requests left'],
    ['ratio', '1,235 of 2,143 errors left'],
  ])('words a %s budget as "%s"', (kind, text) => {
    renderPanel([summaryFrame([{ ...PARTIAL, sli_kind: kind }])]);
    expect(screen.getByText(text)).toBeInTheDocument();
  });

  it('words the list by kind too', () => {
    renderPanel([
      summaryFrame([
        { ...PARTIAL, sli_kind: 'latency' },
        { ...AVAILABILITY, sli_kind: 'availability' },
      ]),
    ]);
    expect(screen.getByText('1,235 slow requests left')).toBeInTheDocument();
    expect(screen.getByText('31.2 bad minutes left')).toBeInTheDocument();
  });
});

describe('the burndown under partial history', () => {
  it('starts the ideal line, like the data, at the first covered instant', () => {
    // 30 days of hourly points; the data covers the last 72 hours (10 %).
    renderPanel([
      summaryFrame([{ ...AVAILABILITY, state: 'partial_history', partial_history: true, coverage: 0.1 }]),
      burndownFrame('availability', Date.UTC(2026, 9, 27, 12), 720, 0.9, 648),
    ]);
    const chart = screen.getByRole('img', { name: /^Burndown/ });
    const [, ideal, remaining] = Array.from(chart.querySelectorAll('path'), (p) => p.getAttribute('d') ?? '');
    const firstX = (d: string) => Number(/^M([\d.]+),/.exec(d)?.[1]);
    expect(firstX(remaining)).toBeGreaterThan(0);
    expect(firstX(ideal)).toBe(firstX(remaining));
  });
});

/** The all-SLOs query's answer: one slo_summary table, most urgent first, with its burn columns. */
function allSLOsFrame() {
  const rows = [
    { ...OVERSPENT, sli_kind: 'availability' },
    { ...PARTIAL, state: 'warning', sli_kind: 'latency' },
    { ...PARTIAL, id: 'young', name: 'Young service', sli_kind: 'ratio' },
  ];
  const frame = summaryFrame(rows);
  const column = (name: string, type: FieldType, values: unknown[]) => ({
    name,
    type,
    values,
    config: {},
    state: undefined,
  });
  frame.fields.push(
    column('labels', FieldType.string, ['service="checkout"', 'service="auth"', '']),
    column('fastest_burn', FieldType.number, [15.2, 3.5, 0.4]),
    column('fastest_burn_threshold', FieldType.number, [14.4, 6, 14.4]),
    column('fastest_burn_pair', FieldType.string, ['page 1h/5m', 'page 6h/30m', 'page 1h/5m']),
    column('firing', FieldType.string, ['page 1h/5m, ticket 3d/6h', '', ''])
  );
  frame.meta = {
    custom: {
      reasons: { checkout: ['error budget overspent'], 'latency-p95': ['remaining budget low'], young: [] },
    },
  };
  return frame;
}

describe('list mode', () => {
  it('shows the state of a partial-history SLO (OK), the fastest burn and the firing pairs, from the all-SLOs query', () => {
    renderPanel([allSLOsFrame()], { options: { sortBy: 'state' } });
    const rows = within(screen.getByRole('table')).getAllByRole('row');
    expect(
      rows.map((r) => Array.from(r.querySelectorAll('th, td'), (c) => c.textContent?.replace(/\u00a0/g, ' ')))
    ).toEqual([
      ['SLO', 'Remaining budget', 'State', 'SLI vs objective', 'Budget', 'Fastest burn', 'Firing'],
      [
        'Checkout availability30d window',
        '-9.4%',
        'Breaching',
        '99.89 % vs 99.9 %',
        'overspent by 4.1 bad minutes',
        '15.2× of 14.4×page 1h/5m',
        'page 1h/5m, ticket 3d/6h',
      ],
      [
        'Latency P95 < 200 ms7d window · partial history, 28.6 % covered',
        '42.4%',
        'Warning',
        '97.12 % vs 95 %',
        '1,235 slow requests left',
        '3.50× of 6×page 6h/30m',
        'none',
      ],
      [
        'Young service7d window · partial history, 28.6 % covered',
        '42.4%',
        'OK',
        '97.12 % vs 95 %',
        '1,235 errors left',
        '0.40× of 14.4×page 1h/5m',
        'none',
      ],
    ]);
    expect(within(rows[1]).getByText('15.2×').style.color).toBe(cssColor(theme.colors.error.text));
    expect(within(rows[1]).getByText('page 1h/5m, ticket 3d/6h').style.color).toBe(cssColor(theme.colors.error.text));
  });

  it('computes the fastest burn and the firing pairs from burn-rate tables of single-SLO queries', () => {
    renderPanel([summaryFrame([AVAILABILITY, { ...PARTIAL }]), burnRatesFrame(workbookPairs('availability'))]);
    const row = within(screen.getByRole('table'))
      .getAllByRole('row')
      .find((r) => r.textContent?.startsWith('Availability'))!;
    // Of the four workbook pairs, 3d/6h burns at 1.1× its 1× threshold, 1h/5m at 15.2/14.4 = 1.06×.
    expect(within(row).getByText('1.10×')).toBeInTheDocument();
    expect(within(row).getByText('ticket 3d/6h')).toBeInTheDocument();
    expect(within(row).getByText('page 1h/5m, ticket 3d/6h')).toBeInTheDocument();
  });
});

describe('small panels', () => {
  // Grafana's grid: rows of 30 px with 8 px gaps, 24 columns; less the panel header and padding.
  it('at 6×8 shows the budget, the SLI, the time to exhaustion and the firing pair', () => {
    renderPanel([summaryFrame([AVAILABILITY]), burnRatesFrame(workbookPairs('availability'))], {
      width: 380,
      height: 250,
    });
    const panel = screen.getByRole('region', { name: 'Availability' });
    expect(within(panel).getByRole('meter', { name: 'Remaining error budget' })).toHaveAttribute(
      'aria-valuetext',
      '72.2%'
    );
    expect(within(panel).getByText('31m 12s left of 43m 12s')).toBeInTheDocument();
    const figures = within(panel)
      .getAllByRole('term')
      .map((t) => [t.textContent, t.nextElementSibling?.textContent?.replace(/\u00a0/g, ' ')]);
    expect(figures).toEqual([
      ['SLI vs objective', '99.97 % vs 99.9 %'],
      ['Time to exhaustion', 'budget exhausted in 3h 10m'],
      ['Burn-rate alert', 'page 1h/5m, ticket 3d/6h firing'],
    ]);
    expect(within(panel).getByText('page 1h/5m, ticket 3d/6h firing').style.color).toBe(
      cssColor(theme.colors.error.text)
    );
    // What does not fit is left out rather than scrolled to.
    expect(screen.queryByRole('table', { name: 'Burn rates' })).not.toBeInTheDocument();
  });

  it('at 6×8 without a firing pair names the one closest to firing', () => {
    const pairs = workbookPairs('availability').map((p) => ({ ...p, firing: false, long_burn: 0.5, short_burn: 0.5 }));
    renderPanel([summaryFrame([AVAILABILITY]), burnRatesFrame(pairs)], { width: 380, height: 250 });
    expect(screen.getByText('none firing; closest ticket 3d/6h at 0.50× of 1×')).toBeInTheDocument();
  });

  it('at 4×4 shows the remaining budget as one figure in its threshold colour, with what it is', () => {
    renderPanel([summaryFrame([OVERSPENT])], { width: 230, height: 96 });
    const panel = screen.getByRole('region', { name: 'Checkout availability' });
    const figure = within(panel).getByText('-9.4%');
    expect(figure.style.color).toBe(cssColor(theme.visualization.getColorByName('red')));
    expect(within(panel).getByText('overspent by 4m 3s · Breaching')).toBeInTheDocument();
    expect(screen.queryByRole('meter')).not.toBeInTheDocument();
  });
});
