import table from './testdata/slo-validation.json';
import { validateSLO } from './sloCatalog';
import type { SLO } from '../types';

// The same cases pkg/models (TestSharedSLOValidationCases) runs through the backend's catalog parser.
describe('validateSLO agrees with the backend on the shared cases', () => {
  it.each(table.cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const problems = validateSLO(c.slo as unknown as SLO);
    if (c.field === null) {
      expect(problems).toEqual({});
    } else {
      expect(Object.keys(problems)).toContain(c.field);
    }
  });
});
