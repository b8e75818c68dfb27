import { writeFileSync } from 'node:fs';
import path from 'node:path';

import { expect, test } from './fixtures';

/**
 * A benchmark, not a timed test: it prints the figures and never fails on wall-clock time.
 * 20 series × 10,000 points with bands and markers in the overlay panel against a plain uPlot
 * of the same points, first render and re-render after a zoom, medians of 5 alternating runs.
 * Run alone: npm run test:browser -- overlay-bench
 */
test('benchmark: anomaly overlay vs plain uPlot, 20 series × 10,000 points', async ({ harness, page }) => {
  test.setTimeout(300_000);
  await harness.open('overlay-bench', 'light');
  await page.waitForFunction(() => typeof window.runOverlayBench === 'function');
  const result = await page.evaluate(() => window.runOverlayBench!(5));
  const round = (x: number) => Math.round(x * 10) / 10;
  const lines = [
    `${result.series} series × ${result.points} points, ${result.flagged} flagged points (median of ${result.overlay.runs.length} runs)`,
    `first render: overlay ${round(result.overlay.firstMs)} ms, plain uPlot ${round(result.plain.firstMs)} ms, ratio ${round(result.overlay.firstMs / result.plain.firstMs)}`,
    `after zoom:   overlay ${round(result.overlay.zoomMs)} ms, plain uPlot ${round(result.plain.zoomMs)} ms, ratio ${round(result.overlay.zoomMs / result.plain.zoomMs)}`,
  ];
  console.log(lines.join('\n'));
  writeFileSync(path.join(test.info().outputDir, '..', 'overlay-bench.json'), JSON.stringify(result, null, 2));
  expect(result.overlay.firstMs).toBeGreaterThan(0);
  expect(result.plain.firstMs).toBeGreaterThan(0);
});
