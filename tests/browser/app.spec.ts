import { expect, test } from './fixtures';

/**
 * The app's pages in real Chromium with real @grafana/ui, the real backend over the devserver's
 * fixture, and a fake of Grafana's own endpoints (src/testing/fakeGrafana.ts, shapes from
 * Grafana's source): every page and the wizard, light and dark, desktop and phone width.
 */
const PAGES = [
  { route: 'slos', check: 'table', name: 'SLOs', shot: 'app-slos' },
  { route: 'slos/ce-anomaly/api-errors', check: 'heading', name: 'API errors < 5 %', shot: 'app-slo-detail' },
  { route: 'slos/new?ds=ce-anomaly', check: 'heading', name: 'New SLO', shot: 'app-slo-wizard' },
  { route: 'getting-started', check: 'heading', name: 'Getting started', shot: 'app-getting-started' },
] as const;

const WIDTHS = { desktop: { width: 1200, height: 800 }, phone: { width: 375, height: 812 } };

for (const { route, check, name, shot } of PAGES) {
  for (const theme of ['light', 'dark'] as const) {
    for (const [device, size] of Object.entries(WIDTHS)) {
      test(`${route}: ${theme}, ${device}`, async ({ harness, page }) => {
        await page.setViewportSize(size);
        // The app evaluates SLOs "now": now is just after the fixture's last sample.
        const fixture = await harness.fixture();
        await page.clock.setFixedTime(new Date(fixture.end + 60_000));
        await harness.open(`app/${route}`, theme);
        await expect(page.getByRole(check, { name })).toBeVisible({ timeout: 30_000 });
        if (route === 'slos') {
          // The backend's real figures for the harness SLOs, the firing one first.
          const first = page.locator('tbody tr').first();
          await expect(first).toContainText('API errors < 5 %');
          await expect(first).toContainText('1 firing');
          await expect(page.getByText('Checkout (no traffic yet)')).toBeVisible();
        }
        if (route.startsWith('slos/ce-anomaly')) {
          await expect(page.getByRole('region', { name: 'Budget', exact: true })).toBeVisible({ timeout: 30_000 });
          await expect(page.getByText('as generated')).toBeVisible();
        }
        if (route === 'getting-started') {
          await expect(page.getByRole('listitem', { name: /^SLOs are defined: done/ })).toBeVisible();
        }
        await harness.screenshot(`${shot}-${theme}-${device}.png`, { fullPage: true });
      });
    }
  }
}

test('the wizard previews an SLO with the real backend before saving it', async ({ harness, page }) => {
  const fixture = await harness.fixture();
  await page.clock.setFixedTime(new Date(fixture.end + 60_000));
  await harness.open('app/slos/new?ds=ce-anomaly');
  await page.getByRole('textbox', { name: /^Id/ }).fill('api-availability');
  await page.getByRole('radio', { name: 'Bad' }).click();
  await page.getByRole('textbox', { name: /^Bad events/ }).fill('ce_requests_total{code="500"}');
  await page.getByRole('textbox', { name: /^Total events/ }).fill('ce_requests_total');
  await page.getByRole('textbox', { name: /^Duration/ }).fill('24h');
  await page.getByRole('textbox', { name: /^Objective/ }).fill('85');
  const preview = page.getByRole('region', { name: 'Preview', exact: true });
  await expect(preview).toBeVisible({ timeout: 30_000 });
  await expect(preview).toContainText('vs 85');
  await expect(preview).not.toContainText('No data');
  await harness.screenshot('app-slo-wizard-preview.png', { fullPage: true });
  await page.getByRole('button', { name: 'Create the SLO' }).click();
  await expect(page.getByRole('heading', { name: 'api-availability' })).toBeVisible({ timeout: 30_000 });
});
