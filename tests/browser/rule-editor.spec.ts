import { expect, test } from './fixtures';

test('in an alert rule a new anomaly query starts on its score, the one output offered, with its threshold', async ({
  harness,
  page,
}) => {
  await harness.open('rule-query-editor');
  const harnessQuery = async () => JSON.parse((await page.getByTestId('harness-query').textContent()) ?? '{}');
  // getDefaultQuery(CoreApp.UnifiedAlerting), as Grafana's rule editor asks it.
  expect(await harnessQuery()).toEqual({ refId: 'A', queryType: 'series', expr: '' });

  await page.getByRole('radio', { name: 'Anomaly' }).click();
  const expr = page.getByRole('textbox', { name: /^Expression/ });
  await expr.fill('ce_cpu_usage{service="api"}');
  await expr.press('Escape');

  const outputs = page.getByRole('radiogroup', { name: 'Output' }).getByRole('radio');
  await expect(outputs).toHaveCount(1);
  await expect(page.getByRole('radio', { name: 'Score' })).toBeChecked();
  await expect(
    page.getByText('Anomaly score per series, above 1 outside the band: Reduce (last) → Threshold above 1.')
  ).toBeVisible();
  expect(await harnessQuery()).toEqual({
    refId: 'A',
    queryType: 'anomaly',
    expr: 'ce_cpu_usage{service="api"}',
    output: 'score',
  });
  // The events preview counts what these options find in the rule's range.
  await expect(page.getByText(/events? in this range with these options$/)).toBeVisible();
  await harness.screenshot('rule-query-editor.png');
});
