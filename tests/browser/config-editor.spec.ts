import { expect, test } from './fixtures';

test('shows the saved URL, and the custom header with its value as configured but not shown', async ({
  harness,
  page,
}) => {
  const { prometheus } = await harness.fixture();
  await harness.open('config-editor');

  await expect(page.getByRole('textbox', { name: 'Data source connection URL' })).toHaveValue(prometheus);
  await expect(page.getByRole('textbox', { name: 'Header' })).toHaveValue('X-Scope-OrgID');
  const value = page.getByLabel('Value');
  await expect(value).toHaveValue('configured');
  await expect(value).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Reset' })).toBeVisible();
  await expect(page.getByRole('radio', { name: 'POST' })).toBeChecked();
});

test('Save & test shows the health check of the real backend', async ({ harness, page }) => {
  const { prometheus } = await harness.fixture();
  await harness.open('config-editor');

  const health = page.waitForResponse((r) => r.url().endsWith('/api/datasources/uid/ce-anomaly/health'));
  await page.getByRole('button', { name: 'Save & test' }).click();
  expect((await health).status()).toBe(200);
  const alert = page.getByRole('status').or(page.getByRole('alert'));
  await expect(alert).toContainText(new RegExp(`^Connected to Prometheus \\S+ at ${prometheus}$`));

  await harness.screenshot('config-editor.png', { fullPage: true });
});
