import type { Page, Response } from '@playwright/test';

import {
  formatBudget,
  formatExhaustion,
  formatPercent,
  formatRemaining,
  formatSliVsObjective,
} from '../../src/panels/slobudget/lib/format';
import type { BudgetUnit, SliKind, SloState } from '../../src/panels/slobudget/lib/model';
import { burnStatus, STATE_LOOKS } from '../../src/panels/slobudget/lib/state';
import { testIds } from '../../src/panels/slobudget/testIds';
import { expect, test } from './fixtures';

/**
 * Grafana's threshold colours (theme.visualization.getColorByName) in @grafana/data 13.1, by
 * theme: the gauge must use the one of the remaining ratio's threshold step.
 */
const THRESHOLD_COLORS = {
  light: { red: '#E02F44', orange: '#FF780A', green: '#56A64B' },
  dark: { red: '#F2495C', orange: '#FF9830', green: '#73BF69' },
};

/** A table frame of the /api/ds/query response as rows, NaN and ±Inf restored from its entities. */
type Row = Record<string, unknown>;
interface WireFrame {
  schema: { name?: string; fields: Array<{ name: string }> };
  data: { values: unknown[][]; entities?: Array<{ NaN?: number[]; Inf?: number[]; NegInf?: number[] } | null> };
}

function rows(body: { results: Record<string, { frames?: WireFrame[] }> }, name: string): Row[] {
  const out: Row[] = [];
  for (const result of Object.values(body.results)) {
    for (const frame of result.frames ?? []) {
      if (frame.schema.name !== name) {
        continue;
      }
      const values = frame.data.values.map((column, i) => {
        const copy = [...column];
        const e = frame.data.entities?.[i];
        e?.NaN?.forEach((j) => (copy[j] = NaN));
        e?.Inf?.forEach((j) => (copy[j] = Infinity));
        e?.NegInf?.forEach((j) => (copy[j] = -Infinity));
        return copy;
      });
      for (let r = 0; r < (values[0]?.length ?? 0); r++) {
        out.push(Object.fromEntries(frame.schema.fields.map((f, i) => [f.name, values[i][r]])));
      }
    }
  }
  return out;
}

interface Summary {
  id: string;
  name: string;
  state: SloState;
  sli: number;
  objective: number;
  window: string;
  budget_remaining_ratio: number;
  budget_remaining: number;
  budget_allowed: number;
  budget_unit: BudgetUnit;
  exhaustion_seconds: number;
  partial_history: boolean;
  coverage: number;
  sli_kind: SliKind;
  /** The all-SLOs query's columns. */
  firing?: string;
  labels?: string;
}

/** Waits for the page's SLO queries and returns the backend's answer. */
async function sloResponse(page: Page, open: () => Promise<void>) {
  const response = page.waitForResponse((r: Response) => new URL(r.url()).pathname === '/api/ds/query');
  await open();
  const res = await response;
  expect(res.status()).toBe(200);
  return res.json();
}

const plain = (s: string) => s.replace(/\u00a0/g, ' ');

for (const theme of ['light', 'dark'] as const) {
  test(`shows one SLO from the backend in full: gauge, budget, SLI, exhaustion, burndown, burn rates (${theme})`, async ({
    harness,
    page,
  }) => {
    const body = await sloResponse(page, () => harness.open('slobudget', theme));
    const [s] = rows(body, 'slo_summary') as unknown as Summary[];
    const pairs = rows(body, 'slo_burn_rates');
    // The harness's single SLO is the cache's hit time over 24 h: a time budget, in seconds.
    expect(s).toMatchObject({ id: 'cache-hits', budget_unit: 'seconds', partial_history: false });
    expect(pairs).toHaveLength(4);

    const panel = page.getByRole('region', { name: s.name });
    await expect(panel).toBeVisible();
    await expect(panel.getByText(STATE_LOOKS[s.state].label, { exact: true }).first()).toBeVisible();
    const percent = `${(s.budget_remaining_ratio * 100).toFixed(1)}%`;
    const gauge = page.getByRole('meter', { name: 'Remaining error budget' });
    await expect(gauge).toHaveAttribute('aria-valuetext', percent);
    await expect(
      panel.getByText(
        plain(
          formatBudget({
            remaining: s.budget_remaining,
            allowed: s.budget_allowed,
            unit: s.budget_unit,
            kind: s.sli_kind,
          })
        )
      )
    ).toBeVisible();
    const figure = (term: string) => panel.locator(`dt:text-is("${term}") + dd`);
    await expect(figure('SLI vs objective')).toHaveText(plain(formatSliVsObjective(s.sli, s.objective)));
    await expect(figure('Window')).toHaveText(s.window);
    await expect(figure('Time to exhaustion')).toHaveText(
      plain(formatExhaustion(s.exhaustion_seconds, s.budget_remaining))
    );

    // The gauge, its arc and the burndown line share the threshold colour of the remaining ratio.
    const ratio = s.budget_remaining_ratio;
    const step = ratio < 0 ? 'red' : ratio < 0.25 ? 'orange' : 'green';
    const color = THRESHOLD_COLORS[theme][step];
    await expect(gauge.locator('text')).toHaveAttribute('fill', color);
    await expect(gauge.locator(`path[stroke="${color}"]`).first()).toBeVisible();

    // The burndown ends where the summary is: the backend makes its last point the budget ratio.
    const burndown = page.getByTestId(testIds.burndown);
    const chart = burndown.getByRole('img');
    await expect(chart).toHaveAttribute(
      'aria-label',
      new RegExp(`^Burndown: ${formatPercent(ratio, 1)} of the budget left`)
    );
    const line = chart.locator(`path[stroke="${color}"]`);
    expect(((await line.getAttribute('d')) ?? '').split('L').length).toBeGreaterThan(50);
    // Hovering reads an earlier point out in the legend.
    const when = burndown.locator('figcaption > span').last();
    const atRest = await when.textContent();
    const box = (await chart.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
    await expect(when).not.toHaveText(atRest ?? '');
    await page.mouse.move(0, 0);
    await expect(when).toHaveText(atRest ?? '');

    const table = page.getByRole('table', { name: 'Burn rates' });
    const cells = await table
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent)));
    expect(cells.map((c) => [c[0], c[1], c[5]])).toEqual(
      pairs.map((p) => [
        p.severity,
        `${p.long_window} / ${p.short_window}`,
        burnStatus({
          severity: p.severity as 'page' | 'ticket',
          longWindow: String(p.long_window),
          shortWindow: String(p.short_window),
          threshold: Number(p.threshold),
          longBurn: Number(p.long_burn),
          shortBurn: Number(p.short_burn),
          firing: Boolean(p.firing),
          feasible: Boolean(p.feasible),
        }).label,
      ])
    );

    // The name links to the drill-down URL with the SLO id and the time range filled in.
    const { end } = await harness.fixture();
    await expect(panel.getByRole('link', { name: s.name })).toHaveAttribute(
      'href',
      `/d/ce-sla/sla-budgets?var-slo=${s.id}&from=${end - 6 * 3_600_000}&to=${end}`
    );

    await harness.screenshot(`slobudget-${theme}.png`);
  });
}

test('lists the SLOs of the all-SLOs query, least remaining budget first, with every state', async ({
  harness,
  page,
}) => {
  await page.setViewportSize({ width: 1200, height: 480 });
  const body = await sloResponse(page, () => harness.open('slobudget-list', 'light'));
  const summaries = rows(body, 'slo_summary') as unknown as Summary[];
  // One table for the whole catalog, with each SLO's labels.
  expect(summaries.map((s) => s.labels)).toContain('service="checkout", tier="gold"');
  // The harness's SLOs are picked to show every state.
  expect(new Set(summaries.map((s) => s.state))).toEqual(
    new Set(['ok', 'warning', 'breaching', 'partial_history', 'no_data'])
  );
  const key = (s: Summary) => (Number.isNaN(s.budget_remaining_ratio) ? Infinity : s.budget_remaining_ratio);
  const expected = [...summaries].sort((a, b) => key(a) - key(b));

  const list = page.getByTestId(testIds.list);
  const listRows = list.getByTestId(testIds.listRow);
  await expect(listRows).toHaveCount(expected.length);
  for (const [i, s] of expected.entries()) {
    const row = listRows.nth(i);
    await expect(row.getByRole('rowheader')).toContainText(s.name);
    // Cells: bar, state, SLI vs objective, budget, fastest burn, firing. Partial history only
    // qualifies an OK SLO: the list says OK.
    const state = s.state === 'partial_history' ? 'ok' : s.state;
    await expect(row.locator('td').nth(1)).toHaveText(STATE_LOOKS[state].label);
    await expect(row.locator('td').nth(2)).toHaveText(plain(formatSliVsObjective(s.sli, s.objective)));
    await expect(row.locator('td').nth(3)).toHaveText(
      plain(formatRemaining({ remaining: s.budget_remaining, unit: s.budget_unit, kind: s.sli_kind }))
    );
    await expect(row.locator('td').nth(5)).toHaveText(s.firing || 'none');
    if (s.state === 'partial_history') {
      await expect(row.getByRole('rowheader')).toContainText(`${plain(formatPercent(s.coverage, 1))} covered`);
    }
  }
  // The overspent SLO says by how much, in the critical colour.
  await expect(listRows.first().locator('td').nth(3)).toHaveText(/^overspent by /);

  await harness.screenshot('slobudget-list.png');
});

test('stacks the gauge and figures on a phone-width panel, scrolls, and lists SLOs as cards', async ({
  harness,
  page,
}) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await harness.open('slobudget-phone', 'light');
  const [single, list] = [page.getByTestId(testIds.panel).first(), page.getByTestId(testIds.panel).last()];
  await expect(single.getByRole('meter', { name: 'Remaining error budget' })).toBeVisible();
  await expect(list.getByRole('list', { name: 'SLOs' }).getByRole('listitem')).toHaveCount(5);

  // Stacked: the gauge above the key figures, both within the panel's width.
  const gauge = (await single.getByTestId(testIds.gauge).boundingBox())!;
  const figures = (await single.locator('dl').boundingBox())!;
  const panelBox = (await single.boundingBox())!;
  expect(gauge.y + gauge.height).toBeLessThanOrEqual(figures.y);
  expect(figures.x + figures.width).toBeLessThanOrEqual(panelBox.x + panelBox.width + 0.5);
  for (const p of [single, list]) {
    // Nothing sticks out sideways; what does not fit in height scrolls inside the panel.
    const { sideways, scrolls } = await p.evaluate((el) => ({
      sideways: el.scrollWidth > el.clientWidth,
      scrolls: Array.from(el.querySelectorAll('*')).some(
        (n) => getComputedStyle(n).overflowY === 'auto' && n.scrollHeight > n.clientHeight
      ),
    }));
    expect({ sideways, scrolls }).toEqual({ sideways: false, scrolls: true });
  }
  // The burn-rate table scrolls inside its own box rather than widening the panel.
  const table = single.getByTestId(testIds.burnRates);
  await table.scrollIntoViewIfNeeded();
  const overflow = await table.evaluate((el) => ({
    style: getComputedStyle(el).overflowX,
    over: el.scrollWidth > el.clientWidth,
  }));
  expect(overflow.style).toBe('auto');
  expect(overflow.over).toBe(true);
  await single.getByRole('meter').scrollIntoViewIfNeeded();

  await harness.screenshot('slobudget-phone.png', { fullPage: true });
});

test('fits small panels: budget, SLI, exhaustion and the firing pair at 6×8, one budget figure at 4×4', async ({
  harness,
  page,
}) => {
  const body = await sloResponse(page, () => harness.open('slobudget-compact', 'light'));
  const [s] = rows(body, 'slo_summary') as unknown as Summary[];
  const [compact, stat] = [page.getByTestId(testIds.panel).first(), page.getByTestId(testIds.panel).last()];
  await expect(compact.getByRole('meter', { name: 'Remaining error budget' })).toBeVisible();
  for (const term of ['SLI vs objective', 'Time to exhaustion', 'Burn-rate alert']) {
    await expect(compact.locator(`dt:text-is("${term}")`)).toBeVisible();
  }
  await expect(
    compact.getByText(
      plain(
        formatBudget({
          remaining: s.budget_remaining,
          allowed: s.budget_allowed,
          unit: s.budget_unit,
          kind: s.sli_kind,
        })
      )
    )
  ).toBeVisible();
  await expect(stat.getByText(`${(s.budget_remaining_ratio * 100).toFixed(1)}%`)).toBeVisible();
  for (const p of [compact, stat]) {
    // Everything shown fits: nothing to scroll to, sideways or down.
    const over = await p.evaluate((el) =>
      Array.from(el.querySelectorAll('*')).some(
        (n) => n.scrollHeight > n.clientHeight + 1 && getComputedStyle(n).overflowY === 'auto'
      )
    );
    expect(over).toBe(false);
  }
  await harness.screenshot('slobudget-compact.png');
});
