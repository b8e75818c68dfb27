/**
 * Test ids of the anomaly-overlay panel, for Playwright; unit tests find elements by role and text.
 */
export const testIds = {
  panel: 'data-testid anomalyoverlay-panel',
  chart: 'data-testid anomalyoverlay-chart',
  scoreStrip: 'data-testid anomalyoverlay-score-strip',
  tooltip: 'data-testid anomalyoverlay-tooltip',
  picker: 'data-testid anomalyoverlay-picker',
};
