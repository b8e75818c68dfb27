import { expect, test } from './fixtures';

const LEGEND_ITEM = '[data-testid^="data-testid VizLegend series "]';

// Core Grafana's time series panel is not an npm package; the page draws @grafana/ui's
// TimeSeries (the chart that panel renders) from the bands output with the backend's field
// config only, no overrides.
test('a stock time series chart fed by the bands output shows readable legend names and the flagged points', async ({
  harness,
  page,
}) => {
  const query = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/ds/query');
  await harness.open('stock-bands', 'light');
  expect((await query).status()).toBe(200);
  const root = page.getByTestId('stock-bands');
  await expect(root).toHaveAttribute('data-fields', /value/);
  const fields = (await root.getAttribute('data-fields'))!.split(',');
  test.skip(
    !fields.includes('anomaly_points'),
    'the backend on this branch sends no anomaly_points field yet (issue 12, scope item 2, another branch)'
  );

  const names = await page
    .locator(LEGEND_ITEM)
    .evaluateAll((els) =>
      els.map((el) => el.getAttribute('data-testid')!.replace('data-testid VizLegend series ', ''))
    );
  // Series names from the legend format, with words for the baseline and band, never raw field names.
  expect(names.filter((n) => /yhat|anomaly_score|\banomaly\b/.test(n))).toEqual([]);
  expect(names).toEqual(expect.arrayContaining(['spike', 'drop']));
  expect(names.length).toBeLessThanOrEqual(2 * 4);
  expect(Number(await root.getAttribute('data-anomaly-points'))).toBeGreaterThanOrEqual(1);
  await harness.screenshot('anomaly-stock-panel.png');
});
