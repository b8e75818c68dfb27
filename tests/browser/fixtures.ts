import { test as base, expect, type Page } from '@playwright/test';
import path from 'node:path';

/** Where the README's screenshots go; SCREENSHOT_DIR sends them elsewhere (e.g. a CI artifact). */
const screenshotDir = process.env.SCREENSHOT_DIR || path.resolve(__dirname, '../../docs/img');

/** What the devserver says about a fixture it serves (GET /api/harness/fixture). */
export interface Fixture {
  /** Of the datasource over it. */
  uid: string;
  prometheus: string;
  start: number;
  end: number;
  /** Series IDs with sorted labels, e.g. `ce_cpu_usage{job="claude-enhancer-api",service="api"}`. */
  series: string[];
  /** The anomaly fixture's injected anomalies by case (spike, drop, shift, drift, seasonal): epoch ms and ms. */
  injected?: Record<string, { at: number; for: number }>;
  /** The demo fixture's demo/timeline.json incidents by id: start (epoch ms), length (ms), instances hit. */
  incidents?: Record<string, { at: number; for: number; instances: string[] }>;
  /** Every fixture served, by name (default, anomaly, demo); only at the top level, which is the default one. */
  fixtures?: Record<string, Fixture>;
}

/** A fixture series' metric name and labels, parsed from its ID. */
export function parseSeries(id: string): { name: string; labels: Record<string, string> } {
  const [, name, body] = /^([^{]+)\{(.*)\}$/.exec(id) ?? [];
  const labels = Object.fromEntries([...body.matchAll(/(\w+)="([^"]*)"/g)].map(([, k, v]) => [k, v]));
  return { name, labels };
}

export class Harness {
  constructor(
    readonly page: Page,
    readonly url: string
  ) {}

  /** Opens a harness page (`series`, `anomaly`, `query-editor`, `config-editor`, …) in a theme. */
  async open(name: string, theme: 'light' | 'dark' = 'light') {
    await this.page.goto(`${this.url}/?theme=${theme}#${name}`);
  }

  /** The default fixture, or another one the devserver serves by name (`anomaly`). */
  async fixture(name?: string): Promise<Fixture> {
    const res = await this.page.request.get(`${this.url}/api/harness/fixture`);
    expect(res.ok()).toBe(true);
    const top: Fixture = await res.json();
    if (name === undefined) {
      return top;
    }
    const fixture = top.fixtures?.[name];
    if (!fixture) {
      throw new Error(`the devserver serves no ${name} fixture (serving ${Object.keys(top.fixtures ?? {})})`);
    }
    return fixture;
  }

  /** Saves a screenshot for the README once fonts have loaded. */
  async screenshot(file: string, options: { fullPage?: boolean } = {}) {
    await this.page.evaluate(() => document.fonts.ready);
    await this.page.screenshot({ path: path.join(screenshotDir, file), animations: 'disabled', ...options });
  }
}

/**
 * `harness` opens pages of the bundle the devserver serves, and fails the test on any uncaught
 * error or console error in the page: a component that throws must not pass by rendering less.
 */
export const test = base.extend<{ harness: Harness }>({
  harness: async ({ page }, use) => {
    const url = process.env.HARNESS_URL;
    if (!url) {
      throw new Error('HARNESS_URL is not set: run the browser tests with `npm run test:browser`');
    }
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && errors.push(`console.error: ${m.text()}`));
    await use(new Harness(page, url));
    expect(errors, 'errors in the page').toEqual([]);
  },
});

export { expect };
