import table from './testdata/slo-filters.json';
import {
  ALL_SLOS_OUTPUT_ERROR,
  allSLOsOutputError,
  FILTER_ERROR,
  matchesLabels,
  parseSLOFilter,
  selectSLOs,
} from './sloFilter';
import type { SLO } from '../types';

/*
 * testdata/slo-filters.json is also read by pkg/slo/matcher_test.go: the editor refuses what the
 * backend refuses, with the same message, and previews the same selection.
 */
const labels: Record<string, Record<string, string>> = table.labels;
const catalog = Object.keys(labels).map((id) => ({ id, labels: labels[id] }) as unknown as SLO);

describe('parseSLOFilter, against the backend table', () => {
  it.each(table.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const parsed = parseSLOFilter(c.filter);
    if ('error' in c && c.error) {
      expect(parsed.error).toBe(c.error);
      return;
    }
    expect(parsed.error).toBeUndefined();
    expect(catalog.filter((slo) => matchesLabels(parsed.matchers!, slo.labels)).map((slo) => slo.id)).toEqual(
      'selects' in c ? c.selects : []
    );
  });
});

describe('parseSLOFilter', () => {
  it('reads escapes, single quotes and backticks as Go does', () => {
    expect(parseSLOFilter('a="x\\"y", b=\'say "hi"\', c=~`\\d+`').matchers?.map((m) => m.value)).toEqual([
      'x"y',
      'say "hi"',
      '\\d+',
    ]);
  });

  it('reports a regexp that does not compile', () => {
    expect(parseSLOFilter('a=~"("').error).toMatch(new RegExp(`^${FILTER_ERROR.replace(/[()|]/g, '\\$&')}: label a: `));
  });
});

describe('selectSLOs', () => {
  it('keeps every SLO when the filter is empty or does not parse (the editor shows the error)', () => {
    expect(selectSLOs(catalog, '')).toHaveLength(4);
    expect(selectSLOs(catalog, 'tier=gold')).toHaveLength(4);
    expect(selectSLOs(catalog, 'tier="gold"').map((s) => s.id)).toEqual(['availability']);
  });
});

describe('allSLOsOutputError', () => {
  it('is the backend message for every output but the summary', () => {
    expect(allSLOsOutputError(undefined)).toBeUndefined();
    expect(allSLOsOutputError('summary')).toBeUndefined();
    expect(allSLOsOutputError('burndown')).toBe(`${ALL_SLOS_OUTPUT_ERROR}, got "burndown"`);
    expect(allSLOsOutputError('alert')).toBe(table.allSLOsOutputError + ', got "alert"');
  });
});
