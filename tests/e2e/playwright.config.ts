import { defineConfig } from '@playwright/test';
import type { PluginOptions } from '@grafana/plugin-e2e';

/**
 * End-to-end specs against a real Grafana with the plugin installed and the datasource
 * provisioned (the repository's docker-compose stack, or your own): set GRAFANA_URL, and
 * GRAFANA_USER / GRAFANA_PASSWORD for an Admin (admin/admin by default). Without GRAFANA_URL every
 * spec is skipped. Run with `GRAFANA_URL=http://localhost:3000 npx playwright test -c tests/e2e/playwright.config.ts`.
 */
export default defineConfig<PluginOptions>({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: '../../test-results/e2e',
  reporter: [['list']],
  retries: 0,
  use: {
    baseURL: process.env.GRAFANA_URL ?? 'http://localhost:3000',
    grafanaAPICredentials: {
      user: process.env.GRAFANA_USER ?? 'admin',
      password: process.env.GRAFANA_PASSWORD ?? 'admin',
    },
    trace: 'retain-on-failure',
  },
  projects: [
    // plugin-e2e's login: stores the Admin's session for the specs.
    { name: 'auth', testDir: '../../node_modules/@grafana/plugin-e2e/dist/auth', testMatch: [/.*\.js/] },
    {
      name: 'slo-app',
      use: { storageState: 'playwright/.auth/admin.json' },
      dependencies: ['auth'],
    },
  ],
});
