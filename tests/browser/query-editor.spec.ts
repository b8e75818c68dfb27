import { expect, parseSeries, test } from './fixtures';

test('suggests the metric names of the real Prometheus for ce_ and inserts the one clicked', async ({
  harness,
  page,
}) => {
  const metricNames = [...new Set((await harness.fixture()).series.map((id) => parseSeries(id).name))].sort();
  await harness.open('query-editor');
  const expr = page.getByRole('textbox', { name: /^Expression/ });

  const lookup = page.waitForResponse((r) => r.url().includes('/api/datasources/uid/ce-anomaly/resources/metrics'));
  await expr.pressSequentially('ce_');
  const response = await lookup;
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual(metricNames);

  const list = page.getByRole('listbox', { name: 'Suggestions' });
  const options = list.getByRole('option');
  await expect(options).toHaveCount(metricNames.length);
  expect(await options.locator('span:first-child').allTextContents()).toEqual(metricNames);
  await harness.screenshot('query-editor.png');

  await list.getByRole('option', { name: /^ce_requests_total/ }).click();
  await expect(expr).toHaveValue('ce_requests_total');
  await expect(expr).toBeFocused();
  await expect(list).toBeHidden();
  const query = JSON.parse((await page.getByTestId('harness-query').textContent()) ?? '{}');
  expect(query).toMatchObject({ refId: 'A', queryType: 'series', expr: 'ce_requests_total' });
});
