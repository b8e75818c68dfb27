import { expect, test } from '@grafana/plugin-e2e';

/**
 * The SLO workflow in a real Grafana (see playwright.config.ts): create an SLO in an editable
 * datasource of ours, generate its burn-rate rule, find the rule in Grafana's alert list.
 * Needs an Admin (datasources:write, alert.provisioning:write) and DATASOURCE_UID, an editable
 * (not provisioned) datasource of type claudeenhancer-anomaly-datasource over a Prometheus that
 * has `up`.
 */
test.skip(!process.env.GRAFANA_URL, 'set GRAFANA_URL to run the end-to-end specs against a real Grafana');

const APP = 'claudeenhancer-monitoring-app';
const DATASOURCE_UID = process.env.DATASOURCE_UID ?? 'ce-anomaly-e2e';
const SLO_ID = `e2e-uptime-${Date.now().toString(36)}`;

test('create an SLO, generate its alert rule and see it in the alert list', async ({ gotoAppPage, page }) => {
  await gotoAppPage({ pluginId: APP, path: `/slos/new?ds=${DATASOURCE_UID}` });
  await page.getByRole('textbox', { name: /^Id/ }).fill(SLO_ID);
  await page.getByRole('radio', { name: 'Availability' }).click();
  await page.getByRole('textbox', { name: /^Up series/ }).fill('up');
  await expect(page.getByRole('region', { name: 'Preview', exact: true })).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Create the SLO' }).click();

  await expect(page.getByRole('heading', { name: SLO_ID })).toBeVisible();
  await page.getByRole('button', { name: 'Create the alert rule' }).click();
  await expect(page.getByText('The rule was created.')).toBeVisible();

  await page.goto(`/alerting/list?search=${encodeURIComponent(`label:slo=${SLO_ID}`)}`);
  await expect(page.getByText(`${SLO_ID} budget burn`)).toBeVisible({ timeout: 60_000 });
});

test('the SLOs home lists the SLOs in a table', async ({ gotoAppPage, page }) => {
  await gotoAppPage({ pluginId: APP, path: '/slos' });
  await expect(page.getByRole('table', { name: 'SLOs' })).toBeVisible({ timeout: 60_000 });
});
