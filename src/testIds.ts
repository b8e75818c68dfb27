/** Test ids of both plugins, for Playwright; unit tests find elements by role and label. */
export const testIds = {
  overview: {
    container: 'data-testid overview-container',
  },
  queryEditor: {
    suggestions: 'data-testid promql-suggestions',
  },
};
