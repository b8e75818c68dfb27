import type { Query } from '../types';
import { changeQueryType, isQueryType, newQuery, normalizeQuery, QUERY_TYPE_OPTIONS } from './queryTypes';

describe('query types', () => {
  it('offers every kind to the selector', () => {
    expect(QUERY_TYPE_OPTIONS.map((o) => o.value)).toEqual(['series', 'anomaly', 'trend', 'forecast', 'slo']);
  });

  it('starts an slo query with nothing but its type: no expression, and the backend defaults', () => {
    expect(newQuery('slo')).toStrictEqual({ queryType: 'slo' });
  });

  it.each(['series', 'anomaly', 'trend', 'forecast'] as const)(
    'starts a %s query with an empty expression and no options, so the backend defaults apply',
    (queryType) => {
      expect(newQuery(queryType)).toEqual({ queryType, expr: '' });
    }
  );

  it.each([
    ['series', true],
    ['anomaly', true],
    ['forecast', true],
    ['slo', true],
    ['SLO', false],
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

  describe('changeQueryType', () => {
    it('keeps the identity, the expression and the legend, and drops the options of the old kind', () => {
      const series: Query = {
        refId: 'A',
        queryType: 'series',
        expr: 'up',
        legendFormat: '{{job}}',
        minStep: '30s',
        hide: false,
        datasource: { type: 't', uid: 'u' },
      };
      expect(changeQueryType(series, 'anomaly')).toEqual({
        refId: 'A',
        queryType: 'anomaly',
        expr: 'up',
        legendFormat: '{{job}}',
        hide: false,
        datasource: { type: 't', uid: 'u' },
      });
    });

    it('drops the expression and the legend for an slo query, and its SLO options when leaving it', () => {
      const series: Query = { refId: 'A', queryType: 'series', expr: 'up', legendFormat: '{{job}}', hide: true };
      expect(changeQueryType(series, 'slo')).toStrictEqual({ refId: 'A', queryType: 'slo', hide: true });
      const slo: Query = { refId: 'A', queryType: 'slo', sloId: 'availability', output: 'alert', bucketStep: '5m' };
      expect(changeQueryType(slo, 'anomaly')).toStrictEqual({ refId: 'A', queryType: 'anomaly', expr: '' });
    });

    it('adds no legend, datasource or hide the query did not have', () => {
      const anomaly: Query = { refId: 'B', queryType: 'anomaly', expr: 'x', method: 'robust', window: '2h' };
      expect(changeQueryType(anomaly, 'forecast')).toStrictEqual({ refId: 'B', queryType: 'forecast', expr: 'x' });
    });
  });
});
