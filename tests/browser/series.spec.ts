import { expect, parseSeries, test } from './fixtures';

const LEGEND_ITEM = '[data-testid^="data-testid VizLegend series "]';

for (const theme of ['light', 'dark'] as const) {
  test(`draws rate(ce_requests_total[5m]) from the backend, one legend entry per fixture series (${theme})`, async ({
    harness,
    page,
  }) => {
    // The legend {{service}} {{code}} names each ce_requests_total series of the fixture.
    const expected = (await harness.fixture()).series
      .map(parseSeries)
      .filter((s) => s.name === 'ce_requests_total')
      .map((s) => `${s.labels.service} ${s.labels.code}`)
      .sort();
    expect(expected).toEqual(['api 200', 'api 500']);

    const query = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/ds/query');
    await harness.open('series', theme);
    expect((await query).status()).toBe(200);

    const items = page.locator(LEGEND_ITEM);
    await expect(items).toHaveCount(expected.length);
    const names = await items.evaluateAll((els) =>
      els.map((el) => el.getAttribute('data-testid')!.replace('data-testid VizLegend series ', ''))
    );
    expect(names.sort()).toEqual(expected);
    // The fixture's counters grow by 30 and 3 per 15 s step on average: 2 and 0.2 requests/s.
    await expect(items.filter({ hasText: 'api 200' })).toContainText('Mean: 2.00 req/s');
    await expect(items.filter({ hasText: 'api 500' })).toContainText('Mean: 0.200 req/s');

    const canvas = page.locator('.uplot canvas');
    await expect(canvas).toHaveCount(1);
    const box = await canvas.boundingBox();
    expect(box?.width).toBeGreaterThan(1000);
    expect(box?.height).toBeGreaterThan(300);

    await harness.screenshot(`series-${theme}.png`);
  });
}
