import type { Page } from '@playwright/test';

import { testIds } from '../../src/panels/anomalyoverlay/testIds';
import { expect, test, type Harness } from './fixtures';

const LEGEND_ITEM = '[data-testid^="data-testid VizLegend series "]';

async function legendNames(page: Page): Promise<string[]> {
  return page
    .locator(LEGEND_ITEM)
    .evaluateAll((els) =>
      els.map((el) => el.getAttribute('data-testid')!.replace('data-testid VizLegend series ', ''))
    );
}

/** Opens an overlay page and waits for the backend's answer and the chart. */
async function openOverlay(harness: Harness, page: Page, name: string, theme: 'light' | 'dark') {
  const query = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/ds/query');
  await harness.open(name, theme);
  const response = await query;
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(Object.keys(body.results).sort()).toEqual(['bands', 'events']);
  await expect(page.getByTestId(testIds.chart).locator('.u-over').first()).toBeVisible();
}

/** The plot area's x for a time, from the range the page shows (data-from, data-to). */
async function xOf(page: Page, time: number): Promise<{ x: number; y: number }> {
  const over = (await page.getByTestId(testIds.chart).locator('.u-over').first().boundingBox())!;
  const pageEl = page.getByTestId('overlay-page');
  const from = Number(await pageEl.getAttribute('data-from'));
  const to = Number(await pageEl.getAttribute('data-to'));
  return { x: over.x + ((time - from) / (to - from)) * over.width, y: over.y + over.height / 2 };
}

for (const theme of ['light', 'dark'] as const) {
  test(`draws each series once with its band, and explains the fixture's spike in the tooltip (${theme})`, async ({
    harness,
    page,
  }) => {
    const spike = (await harness.fixture('anomaly')).injected!.spike;
    await openOverlay(harness, page, 'anomalyoverlay', theme);

    // One legend entry per series (not per field), each with its anomaly count.
    expect((await legendNames(page)).sort()).toEqual(['drop', 'spike']);
    await expect(page.locator(LEGEND_ITEM).filter({ hasText: 'spike' })).toContainText(/\d+ anomal(y|ies)/);
    await expect(page.getByRole('note')).toHaveCount(0);

    const canvas = page.getByTestId(testIds.chart).locator('canvas');
    await expect(canvas).toHaveCount(1);
    expect((await canvas.boundingBox())!.width).toBeGreaterThan(1000);

    // Hovering the spike (two minutes at +20σ) explains it.
    const at = await xOf(page, spike.at + 60_000);
    await page.mouse.move(at.x, at.y);
    const tooltip = page.getByTestId(testIds.tooltip);
    await expect(tooltip).toBeVisible();
    await expect(tooltip).toContainText('spike');
    await expect(tooltip).toContainText('Anomaly');
    await expect(tooltip).toContainText(/Score\d+\.\d+ \(outside the band\)/);
    await expect(tooltip).toContainText('Methodrobust');
    await expect(tooltip).toContainText('above the baseline (up)');
    await page.mouse.move(0, 0);

    await harness.screenshot(theme === 'light' ? 'anomaly-overlay.png' : 'anomaly-overlay-dark.png');
  });

  test(`fits a 6 × 8 grid cell (${theme})`, async ({ harness, page }) => {
    await openOverlay(harness, page, 'anomalyoverlay-grid', theme);
    expect((await legendNames(page)).sort()).toEqual(['drop', 'spike']);
    const canvas = page.getByTestId(testIds.chart).locator('canvas');
    const box = (await canvas.boundingBox())!;
    expect(box.width).toBeLessThanOrEqual(300);
    expect(box.height).toBeGreaterThan(80);
    // The panel alone, as it sits in its grid cell.
    await page.evaluate(() => document.fonts.ready);
    await page
      .getByTestId('overlay-page')
      .locator('xpath=./*[1]')
      .screenshot({ path: screenshotPath(`anomaly-overlay-grid-${theme}.png`), animations: 'disabled' });
  });
}

test('zooms to the range dragged over and asks the backend again', async ({ harness, page }) => {
  const { spike } = (await harness.fixture('anomaly')).injected!;
  await openOverlay(harness, page, 'anomalyoverlay', 'light');
  const a = await xOf(page, spike.at - 20 * 60_000);
  const b = await xOf(page, spike.at + 20 * 60_000);
  const requery = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/ds/query');
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move(b.x, b.y, { steps: 5 });
  await page.mouse.up();
  const body = (await requery).request().postDataJSON();
  const from = Number(body.from);
  const to = Number(body.to);
  expect(Math.abs(from - (spike.at - 20 * 60_000))).toBeLessThan(2 * 60_000);
  expect(Math.abs(to - (spike.at + 20 * 60_000))).toBeLessThan(2 * 60_000);
});

test('shows the score strip under the chart, on the same time axis', async ({ harness, page }) => {
  await openOverlay(harness, page, 'anomalyoverlay-score', 'dark');
  const strip = page.getByTestId(testIds.scoreStrip);
  await expect(strip.locator('canvas')).toHaveCount(1);
  const chart = (await page.getByTestId(testIds.chart).locator('.u-over').first().boundingBox())!;
  const under = (await strip.locator('.u-over').boundingBox())!;
  expect(Math.abs(under.x - chart.x)).toBeLessThan(1);
  expect(Math.abs(under.width - chart.width)).toBeLessThan(1);
  await harness.screenshot('anomaly-overlay-score-dark.png');
});

function screenshotPath(file: string): string {
  return `${process.env.SCREENSHOT_DIR || `${__dirname}/../../docs/img`}/${file}`;
}
