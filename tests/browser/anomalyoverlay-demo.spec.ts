import type { Page } from '@playwright/test';

import { testIds } from '../../src/panels/anomalyoverlay/testIds';
import { recordCanvas, type CanvasOp } from './canvasLog';
import { expect, test, type Fixture, type Harness } from './fixtures';

/*
 * The anomaly-overlay panel over the demo generator's history (the devserver's demo fixture:
 * three days backfilled into Prometheus), through the real backend: markers, change points and
 * forecasts must land on demo/timeline.json's incidents, at full width, in a 6 × 8 grid cell and
 * on a phone. Where things are drawn is read from the canvas calls (canvasLog.ts).
 */

const LEGEND_ITEM = '[data-testid^="data-testid VizLegend series "]';
const MINUTE = 60_000;

type Case = 'spike' | 'burst' | 'trend' | 'forecast';
type View = 'full' | 'grid' | 'phone';
type Theme = 'light' | 'dark';

const INCIDENT: Record<Case, string> = {
  spike: 'anomaly-spike',
  burst: 'error-burst',
  trend: 'anomaly-level-shift',
  forecast: 'memory-exhaustion',
};

/** The demo fixture's incident a case shows. */
async function incidentOf(harness: Harness, demoCase: Case): Promise<NonNullable<Fixture['incidents']>[string]> {
  const demo = await harness.fixture('demo');
  const incident = demo.incidents?.[INCIDENT[demoCase]];
  if (!incident) {
    throw new Error(
      `the demo fixture holds no ${INCIDENT[demoCase]} (incidents: ${Object.keys(demo.incidents ?? {})})`
    );
  }
  return incident;
}

/** Opens a demo page, waits for the backend's answer (returned) and the chart's first draw. */
async function openDemo(harness: Harness, page: Page, demoCase: Case, view: View, theme: Theme) {
  await recordCanvas(page);
  const query = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/ds/query');
  await page.goto(`${harness.url}/?theme=${theme}#demo-overlay/${demoCase}/${view}`);
  const response = await query;
  expect(response.status()).toBe(200);
  const body = await response.json();
  for (const [refId, result] of Object.entries<{ error?: string }>(body.results)) {
    expect(result.error, `query ${refId}`).toBeUndefined();
  }
  await expect(page.getByTestId(testIds.chart).locator('.u-over').first()).toBeVisible();
  await expect.poll(async () => (await drawn(page)).some((op) => op.kind === 'stroke')).toBe(true);
  return body as { results: Record<string, { frames: Array<{ data: { values: unknown[][] } }> }> };
}

/** The calls of the chart canvas' last draw. */
function drawn(page: Page): Promise<CanvasOp[]> {
  return page
    .getByTestId(testIds.chart)
    .locator('canvas')
    .first()
    .evaluate((canvas: HTMLCanvasElement) => window.canvasOps!(canvas));
}

/** Maps canvas pixels to page pixels and to time, over the range the page shows. */
async function geometry(page: Page) {
  const canvas = page.getByTestId(testIds.chart).locator('canvas').first();
  const box = (await canvas.boundingBox())!;
  const scale = box.width / (await canvas.evaluate((c: HTMLCanvasElement) => c.width));
  const over = (await page.getByTestId(testIds.chart).locator('.u-over').first().boundingBox())!;
  const pageEl = page.getByTestId('demo-overlay-page');
  const from = Number(await pageEl.getAttribute('data-from'));
  const to = Number(await pageEl.getAttribute('data-to'));
  const pageX = (x: number) => box.x + x * scale;
  return {
    box,
    over,
    pageX,
    pageY: (y: number) => box.y + y * scale,
    /** Valid where the x axis ends at the range's end: not with a forecast, which widens it. */
    timeAt: (x: number) => from + ((pageX(x) - over.x) / over.width) * (to - from),
    xOf: (time: number) => over.x + ((time - from) / (to - from)) * over.width,
  };
}

async function legendNames(page: Page): Promise<string[]> {
  return page
    .locator(LEGEND_ITEM)
    .evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')!.replace('data-testid VizLegend series ', '')))
    .then((names) => names.sort());
}

/** The flagged markers drawn: where (page px) and when. */
async function markers(page: Page) {
  const g = await geometry(page);
  return (await drawn(page))
    .filter((op): op is Extract<CanvasOp, { kind: 'disc' }> => op.kind === 'disc')
    .map((d) => ({ time: g.timeAt(d.x), x: g.pageX(d.x), y: g.pageY(d.y) }));
}

/**
 * Every marker lies on the incident (from a step before it starts to `after` past its end: a
 * rate over 5 minutes lags), and hovering the first (tapping it on a phone) explains it as an
 * anomaly of the instance.
 */
async function expectMarkersOnIncident(
  page: Page,
  incident: { at: number; for: number },
  after: number,
  tooltipText: Array<string | RegExp>,
  touch = false
) {
  const found = await markers(page);
  expect(found.length, 'flagged markers').toBeGreaterThan(0);
  for (const m of found) {
    expect(m.time, `marker at ${new Date(m.time).toISOString()}`).toBeGreaterThanOrEqual(incident.at - MINUTE);
    expect(m.time, `marker at ${new Date(m.time).toISOString()}`).toBeLessThanOrEqual(
      incident.at + incident.for + after
    );
  }
  if (touch) {
    await page.touchscreen.tap(found[0].x, found[0].y);
  } else {
    await page.mouse.move(found[0].x, found[0].y);
  }
  const tooltip = page.getByTestId(testIds.tooltip);
  await expect(tooltip).toBeVisible();
  await expect(tooltip).toContainText('Anomaly');
  for (const text of tooltipText) {
    await expect(tooltip).toContainText(text);
  }
  return found;
}

for (const theme of ['light', 'dark'] as const) {
  test(`flags the demo's connection spike on api-gateway-2 only, full width (${theme})`, async ({ harness, page }) => {
    const incident = await incidentOf(harness, 'spike');
    expect(incident.instances).toEqual(['api-gateway-2']);
    await openDemo(harness, page, 'spike', 'full', theme);
    expect(await legendNames(page)).toEqual(['api-gateway-1', 'api-gateway-2']);
    await expect(page.locator(LEGEND_ITEM).filter({ hasText: 'api-gateway-2' })).toContainText(/[1-9]\d* anomal/);
    await expect(page.locator(LEGEND_ITEM).filter({ hasText: 'api-gateway-1' })).toContainText('0 anomalies');
    expect((await geometry(page)).box.width).toBeGreaterThan(1000);
    const [marker] = await expectMarkersOnIncident(page, incident, MINUTE, [
      'api-gateway-2',
      'Methodrobust',
      'above the baseline (up)',
    ]);
    await page.mouse.move(0, 0);
    await harness.screenshot(`anomaly-overlay-demo-${theme}.png`);

    // A click pins the tooltip with a link to the query in Explore, in the viewer's org.
    await page.mouse.click(marker.x, marker.y);
    const link = page
      .getByTestId(testIds.tooltip)
      .getByRole('link', { name: 'Explore this query over the same range' });
    const url = new URL((await link.getAttribute('href'))!, harness.url);
    expect(url.pathname).toBe('/explore');
    expect(url.searchParams.get('orgId')).toBe('1');
    const pane = JSON.parse(url.searchParams.get('panes')!).a;
    expect(pane.datasource).toBe((await harness.fixture('demo')).uid);
    expect(pane.queries[0].expr).toContain('database_connections');
  });

  test(`flags the demo's connection spike in a 6 × 8 grid cell (${theme})`, async ({ harness, page }) => {
    const incident = await incidentOf(harness, 'spike');
    await openDemo(harness, page, 'spike', 'grid', theme);
    expect(await legendNames(page)).toEqual(['api-gateway-1', 'api-gateway-2']);
    const { box } = await geometry(page);
    expect(box.width).toBeLessThanOrEqual(300);
    expect(box.height).toBeGreaterThan(100);
    await expectMarkersOnIncident(page, incident, MINUTE, ['api-gateway-2']);
    await page.mouse.move(0, 0);
    await page.evaluate(() => document.fonts.ready);
    await page
      .getByTestId('demo-overlay-page')
      .locator('xpath=./*[1]')
      .screenshot({ path: screenshotPath(`anomaly-overlay-demo-grid-${theme}.png`), animations: 'disabled' });
  });

  test.describe('on a phone', () => {
    test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

    test(`fits the width, with a usable legend and chart (${theme})`, async ({ harness, page }) => {
      const incident = await incidentOf(harness, 'spike');
      await openDemo(harness, page, 'spike', 'phone', theme);
      const viewport = page.viewportSize()!;
      // Nothing wider than the screen: no sideways scrolling.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      const { box } = await geometry(page);
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
      expect(box.height).toBeGreaterThan(150);
      for (const item of await page.locator(LEGEND_ITEM).all()) {
        await expect(item).toBeInViewport({ ratio: 1 });
      }
      await harness.screenshot(`anomaly-overlay-demo-phone-${theme}.png`);
      // The markers still land on the spike, and a tap on one explains it.
      await expectMarkersOnIncident(page, incident, MINUTE, ['api-gateway-2'], true);

      // Tapping a legend entry shows that series alone, as Grafana's legends do.
      const strokes = async () => (await drawn(page)).filter((op) => op.kind === 'stroke').length;
      const before = await strokes();
      await page.locator(LEGEND_ITEM).filter({ hasText: 'api-gateway-1' }).getByRole('button').tap();
      await expect.poll(strokes).toBeLessThan(before);
    });

    test(`keeps the tooltip of a point mid-chart on the screen (${theme})`, async ({ harness, page }) => {
      // Grafana's TooltipPlugin2 puts the tooltip right of the cursor, or left where it fits
      // there: at most half the screen wide, one side always holds it.
      await openDemo(harness, page, 'spike', 'phone', theme);
      const [marker] = await markers(page);
      await page.touchscreen.tap(marker.x, marker.y);
      const tip = (await page.getByTestId(testIds.tooltip).boundingBox())!;
      expect(tip.x).toBeGreaterThanOrEqual(0);
      expect(tip.x + tip.width).toBeLessThanOrEqual(page.viewportSize()!.width);
    });
  });
}

test('flags the demo 5xx burst with ewma while it rises', async ({ harness, page }) => {
  const incident = await incidentOf(harness, 'burst');
  await openDemo(harness, page, 'burst', 'full', 'light');
  expect(await legendNames(page)).toEqual(['api-gateway 5xx ratio']);
  // A 5-minute rate trails the burst's end by up to 5 minutes.
  await expectMarkersOnIncident(page, incident, 6 * MINUTE, ['Methodewma', 'above the baseline (up)']);
  await page.mouse.move(0, 0);
  await harness.screenshot('anomaly-overlay-demo-ewma.png');
});

test("marks the demo's cache level shift as a change point with its size", async ({ harness, page }) => {
  const incident = await incidentOf(harness, 'trend');
  const body = await openDemo(harness, page, 'trend', 'full', 'dark');
  // The backend's events: CUSUM's level shift at the incident, down by about 18 points.
  const [time, , , , tags, , , value, yhat] = body.results.events.frames[0].data.values as [
    number[],
    number[],
    string[],
    string[],
    string[],
    string[],
    number[],
    number[],
    number[],
  ];
  const at = time.findIndex((t, i) => Math.abs(t - incident.at) <= 2 * MINUTE && tags[i].startsWith('level shift'));
  expect(at, 'a level shift at the incident').toBeGreaterThanOrEqual(0);
  expect(value[at] - yhat[at]).toBeCloseTo(-0.18, 1);

  await expect(page.locator(LEGEND_ITEM).filter({ hasText: 'auth-1' })).toContainText(/[1-9]\d* changes?/);
  // Drawn: a label with the shift's size beside its triangle (right or left of it), at the incident's time.
  const g = await geometry(page);
  const labels = (await drawn(page)).filter(
    (op): op is Extract<CanvasOp, { kind: 'text' }> => op.kind === 'text' && /^[+−]/.test(op.text)
  );
  const atIncident = labels.filter(
    (l) =>
      Math.min(Math.abs(g.timeAt(l.x) - incident.at), Math.abs(g.timeAt(l.x + l.width) - incident.at)) <= 5 * MINUTE
  );
  expect(atIncident.map((l) => l.text)).toEqual([expect.stringMatching(/^−(0\.1[78]|1[78](\.\d+)?\s?%)/)]);
  expect((await drawn(page)).some((op) => op.kind === 'disc')).toBe(false);
  await harness.screenshot('anomaly-overlay-demo-trend.png');
});

test("continues the demo's memory leak as a dashed forecast with its interval and time to 95 %", async ({
  harness,
  page,
}) => {
  await incidentOf(harness, 'forecast');
  await openDemo(harness, page, 'forecast', 'full', 'light');
  // The leak climbs from about 50 % to 98.5 % over 3 hours (demo/src/model.ts), so it passes 95 %
  // some 2 h 50 m in: 1 h 20 m after the range's end, which the line fitted to the hour before finds.
  const legend = page.locator(LEGEND_ITEM).filter({ hasText: 'dashboard-1' });
  const [, hours, minutes] = /threshold in (\d+)h (\d+)m/.exec((await legend.textContent()) ?? '') ?? [];
  expect(Number(hours) * 60 + Number(minutes), 'minutes to 95 %').toBeGreaterThanOrEqual(60);
  expect(Number(hours) * 60 + Number(minutes), 'minutes to 95 %').toBeLessThanOrEqual(100);

  // The value stops at the range's end; dashed lines (the forecast and its interval) go on past it.
  // Series are the strokes of a point a minute (60 in the shown hour); grid lines have far fewer.
  const ops = (await drawn(page)).filter(
    (op): op is Extract<CanvasOp, { kind: 'stroke' }> => op.kind === 'stroke' && op.points >= 50
  );
  const g = await geometry(page);
  const solidEnd = Math.max(...ops.filter((op) => op.dash.length === 0).map((op) => g.pageX(op.maxX)));
  const dashed = ops.filter((op) => op.dash.length > 0 && g.pageX(op.maxX) > solidEnd + g.over.width / 4);
  expect(dashed.length, 'dashed strokes past the last value').toBeGreaterThanOrEqual(2);
  expect(solidEnd).toBeLessThan(g.over.x + g.over.width / 2);

  // Past the last value the tooltip reads the forecast, its interval and when it reaches 95 %.
  await page.mouse.move(g.over.x + g.over.width * 0.75, g.over.y + g.over.height / 2);
  const tooltip = page.getByTestId(testIds.tooltip);
  await expect(tooltip).toBeVisible();
  await expect(tooltip).toContainText('Forecast');
  await expect(tooltip).toContainText('Interval');
  await expect(tooltip).toContainText(`Threshold reachedin ${hours}h ${minutes}m`);
  await page.mouse.move(0, 0);
  await harness.screenshot('anomaly-overlay-demo-forecast.png');
});

function screenshotPath(file: string): string {
  return `${process.env.SCREENSHOT_DIR || `${__dirname}/../../docs/img`}/${file}`;
}
