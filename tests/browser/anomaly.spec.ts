import { expect, test } from './fixtures';

const LEGEND_ITEM = '[data-testid^="data-testid VizLegend series "]';

/** 2026-11-22T03:00:15Z → `2026-11-22 03:00:15`, as the events table writes times (UTC). */
const tableTime = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, '');

for (const theme of ['light', 'dark'] as const) {
  test(`draws the robust detector's band, baseline and flagged points around the fixture's spike (${theme})`, async ({
    harness,
    page,
  }) => {
    const spike = (await harness.fixture('anomaly')).injected?.spike;
    expect(spike, 'the anomaly fixture tells when its spike is').toBeDefined();

    const query = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/ds/query');
    await harness.open('anomaly', theme);
    const response = await query;
    expect(response.status()).toBe(200);
    const body = await response.json();
    expect(Object.keys(body.results).sort()).toEqual(['bands', 'events']);

    // One series, named by the legend format {{case}}; the band's edges (hidden by the frame's own
    // field config, shaded between), score and flag stay out of the legend.
    const names = await page
      .locator(LEGEND_ITEM)
      .evaluateAll((els) =>
        els.map((el) => el.getAttribute('data-testid')!.replace('data-testid VizLegend series ', ''))
      );
    expect(names).toEqual(['spike', 'spike baseline', 'spike anomalies']);

    const canvas = page.locator('.uplot canvas');
    await expect(canvas).toHaveCount(1);
    const box = await canvas.boundingBox();
    expect(box?.width).toBeGreaterThan(1000);
    expect(box?.height).toBeGreaterThan(200);

    // The derived points-only field has the flagged values: the spike is 20σ for two minutes.
    const points = Number(await page.getByTestId('anomaly-page').getAttribute('data-anomaly-points'));
    expect(points).toBeGreaterThanOrEqual(1);

    // The events table lists one event, inside the spike: it starts where 2-of-3 persistence
    // (the default) confirms it, one step after the spike's first point.
    const rows = page.locator('[data-testid="anomaly-events"] tbody tr');
    await expect(rows).toHaveCount(1);
    const at = Number(await rows.getAttribute('data-time'));
    expect(at).toBeGreaterThanOrEqual(spike!.at);
    expect(at).toBeLessThan(spike!.at + spike!.for);
    await expect(rows).toContainText(tableTime(at));
    await expect(rows).toContainText('spike: anomaly above the band');
    await expect(rows).toContainText(/robust: .* against a baseline of .*for 2 minutes\./);

    await harness.screenshot(`anomaly-${theme}.png`);
  });
}
