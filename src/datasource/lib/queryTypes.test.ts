import { isQueryType, newQuery, normalizeQuery, QUERY_TYPE_OPTIONS } from './queryTypes';

describe('query types', () => {
  it('offers every kind to the selector', () => {
    expect(QUERY_TYPE_OPTIONS.map((o) => o.value)).toEqual(['series']);
  });

  it('starts a series query with an empty expression', () => {
    expect(newQuery('series')).toEqual({ queryType: 'series', expr: '' });
  });

  it.each([
    ['series', true],
    ['anomaly', false],
    ['toString', false],
    [undefined, false],
  ])('knows whether %j is a query type', (value, expected) => {
    expect(isQueryType(value)).toBe(expected);
  });

  describe('normalizeQuery', () => {
    it('leaves a complete query alone', () => {
      const query = { refId: 'A', queryType: 'series' as const, expr: 'up', legendFormat: '{{job}}' };
      expect(normalizeQuery(query)).toEqual(query);
    });

    it('reads a bare query, as Grafana passes for a new annotation, as an empty series query', () => {
      expect(normalizeQuery({ refId: 'Anno' })).toEqual({ refId: 'Anno', queryType: 'series', expr: '' });
    });

    it('keeps the fields of a query saved without a type', () => {
      expect(normalizeQuery({ refId: 'A', expr: 'up' })).toEqual({ refId: 'A', queryType: 'series', expr: 'up' });
    });
  });
});
