/**
 * Test ids of the SLA-budget panel, for Playwright; unit tests find elements by role and text.
 * (Kept beside the panel, which owns them; src/testIds.ts holds the app's and datasource's.)
 */
export const testIds = {
  panel: 'data-testid slobudget-panel',
  single: 'data-testid slobudget-single',
  list: 'data-testid slobudget-list',
  listRow: 'data-testid slobudget-list-row',
  gauge: 'data-testid slobudget-gauge',
  burndown: 'data-testid slobudget-burndown',
  burnRates: 'data-testid slobudget-burn-rates',
};
