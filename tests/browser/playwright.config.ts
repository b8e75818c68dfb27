import { defineConfig } from '@playwright/test';

import { chromiumArgs, chromiumPath } from './chromium';

/**
 * Browser tests of the plugin's components in the system Chromium, fed by the real Go backend
 * through tools/devserver (started by globalSetup). Run with `npm run test:browser`.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  globalSetup: './globalSetup.ts',
  // Inside the repository's ignored test-results/, beside the scaffold e2e's.
  outputDir: '../../test-results/browser',
  reporter: [['list']],
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: { executablePath: chromiumPath(), args: chromiumArgs },
    // The README's screenshots are taken at this size.
    viewport: { width: 1200, height: 600 },
    timezoneId: 'UTC',
    locale: 'en-US',
    trace: 'retain-on-failure',
  },
});
