import { CoreApp, dateTime, type DataSourceInstanceSettings, type TimeRange } from '@grafana/data';
import { setTemplateSrv } from '@grafana/runtime';

import { DataSource } from './datasource';
import { fakeTemplateSrv } from './testing/fakeTemplateSrv';
import { SEED_SLOS } from './lib/seedSlos';
import type { AnomalyDataSourceOptions, ForecastQuery, SeriesQuery, SLOQuery, TrendQuery } from './types';

const settings = {
  id: 1,
  uid: 'anomaly-uid',
  type: 'claudeenhancer-anomaly-datasource',
  name: 'Anomaly',
  jsonData: {},
  meta: {},
  access: 'proxy',
  readOnly: false,
} as unknown as DataSourceInstanceSettings<AnomalyDataSourceOptions>;

const range: TimeRange = {
  from: dateTime('2026-11-27T10:00:00Z'),
  to: dateTime('2026-11-27T11:00:00Z'),
  raw: { from: 'now-1h', to: 'now' },
};

const slo = (fields: Partial<SLOQuery>): SLOQuery => ({ refId: 'A', queryType: 'slo', ...fields });

const series = (fields: Partial<SeriesQuery>): SeriesQuery => ({
  refId: 'A',
  queryType: 'series',
  expr: '',
  ...fields,
});

describe('DataSource', () => {
  let ds: DataSource;

  beforeEach(() => {
    ds = new DataSource(settings);
    setTemplateSrv(
      fakeTemplateSrv({
        job: { value: 'api' },
        quoted: { value: 'say "hi"' },
        instance: { value: ['web-1.example', 'web-2.example'], multi: true },
        one: { value: ['a.b'], multi: true },
        step: { value: '1m' },
        legend: { value: ['x', 'y'], multi: true },
        window: { value: '2h' },
        season: { value: '1w' },
        horizon: { value: '12h' },
        training: { value: '7d' },
        slo: { value: 'latency-p95' },
      })
    );
  });

  describe('getDefaultQuery', () => {
    it('starts a series query with an empty expression', () => {
      expect(ds.getDefaultQuery(CoreApp.PanelEditor)).toEqual({ queryType: 'series', expr: '' });
    });

    it('starts a series query in the rule editor too: a series is one number per series already', () => {
      expect(ds.getDefaultQuery(CoreApp.UnifiedAlerting)).toEqual({ queryType: 'series', expr: '' });
    });
  });

  describe('filterQuery', () => {
    it.each([
      ['runs a query with an expression', series({ expr: 'up' }), true],
      ['drops a hidden query', series({ expr: 'up', hide: true }), false],
      ['drops an empty expression', series({ expr: '' }), false],
      ['drops a blank expression', series({ expr: '  \n' }), false],
      ['drops a query saved without expression', { refId: 'A', queryType: 'series' } as SeriesQuery, false],
      ['runs an slo query naming an SLO', slo({ sloId: 'availability' }), true],
      ['runs an slo query naming it through a variable', slo({ sloId: '$slo' }), true],
      ['runs an slo query carrying its SLO', slo({ slo: SEED_SLOS[0] }), true],
      ['drops an slo query naming none', slo({ output: 'alert' }), false],
      ['drops an slo query with a blank id', slo({ sloId: ' ' }), false],
      ['drops a hidden slo query', slo({ sloId: 'availability', hide: true }), false],
    ])('%s', (_, query, expected) => {
      expect(ds.filterQuery(query)).toBe(expected);
    });
  });

  describe('applyTemplateVariables', () => {
    it('escapes a single-value variable for a PromQL string', () => {
      const query = series({ expr: 'up{job="$job", msg="$quoted"}' });
      expect(ds.applyTemplateVariables(query, {})).toEqual({ ...query, expr: 'up{job="api", msg="say \\"hi\\""}' });
    });

    it('writes a multi-value variable as an escaped regex alternation', () => {
      const query = series({ expr: 'up{instance=~"$instance"}' });
      expect(ds.applyTemplateVariables(query, {}).expr).toBe('up{instance=~"(web-1\\\\.example|web-2\\\\.example)"}');
    });

    it('writes one selected value of a multi-value variable without parentheses', () => {
      expect(ds.applyTemplateVariables(series({ expr: 'up{x=~"${one}"}' }), {}).expr).toBe('up{x=~"a\\\\.b"}');
    });

    it('prefers scoped variables, such as the value of a repeated panel', () => {
      const query = series({ expr: 'up{job="$job"}' });
      expect(ds.applyTemplateVariables(query, { job: { text: 'web', value: 'web' } }).expr).toBe('up{job="web"}');
    });

    it('leaves the interval and range macros to the backend, even when Grafana knows their values', () => {
      const expr =
        'rate(x[$__rate_interval]) + rate(x[$__interval]) + $__interval_ms + increase(x[$__range]) / $__range_s + ${__range_ms}';
      const scopedVars = {
        __interval: { text: '15s', value: '15s' },
        __interval_ms: { text: '15000', value: 15000 },
        __range: { text: '1h', value: '1h' },
      };
      expect(ds.applyTemplateVariables(series({ expr }), scopedVars).expr).toBe(
        'rate(x[$__rate_interval]) + rate(x[$__interval]) + $__interval_ms + increase(x[$__range]) / $__range_s + $__range_ms'
      );
    });

    it('leaves unknown variables as written', () => {
      expect(ds.applyTemplateVariables(series({ expr: 'up{job="$nope"}' }), {}).expr).toBe('up{job="$nope"}');
    });

    it('replaces variables in the legend and the min step without regex escaping', () => {
      const query = series({ expr: 'up', legendFormat: '{{instance}} $job $legend', minStep: '$step' });
      expect(ds.applyTemplateVariables(query, {})).toEqual({
        ...query,
        legendFormat: '{{instance}} api {x,y}',
        minStep: '1m',
      });
    });

    it('adds no legend or min step the query did not have', () => {
      expect(Object.keys(ds.applyTemplateVariables(series({ expr: 'up' }), {})).sort()).toEqual([
        'expr',
        'queryType',
        'refId',
      ]);
    });
    it('replaces variables in the durations of a trend query, as plain values', () => {
      const query: TrendQuery = {
        refId: 'A',
        queryType: 'trend',
        expr: 'up{job="$job"}',
        window: '$window',
        season: '${season}',
        detectorStep: '$step',
        trendWindow: '$window',
        persistence: '2/3',
        threshold: 2,
      };
      expect(ds.applyTemplateVariables(query, {})).toEqual({
        ...query,
        expr: 'up{job="api"}',
        window: '2h',
        season: '1w',
        detectorStep: '1m',
        trendWindow: '2h',
      });
    });

    it('replaces variables in the horizon and training of a forecast query, and adds no option it lacked', () => {
      const query: ForecastQuery = {
        refId: 'A',
        queryType: 'forecast',
        expr: 'x',
        horizon: '$horizon',
        training: '$training',
        level: 0.9,
      };
      expect(ds.applyTemplateVariables(query, {})).toStrictEqual({ ...query, horizon: '12h', training: '7d' });
    });

    it('replaces a variable in the SLO id and the bucket step, and adds no expression to an slo query', () => {
      const query = slo({ sloId: '$slo', bucketStep: '$step', output: 'burndown' });
      expect(ds.applyTemplateVariables(query, {})).toStrictEqual({ ...query, sloId: 'latency-p95', bucketStep: '1m' });
    });

    it('leaves an inline SLO as it is', () => {
      const query = slo({ slo: SEED_SLOS[2] });
      expect(ds.applyTemplateVariables(query, {})).toStrictEqual(query);
    });
  });

  describe('interpolateVariablesInQueries', () => {
    it('hands Explore the queries with variables replaced and the datasource set', () => {
      const queries = [series({ expr: 'up{job="$job"}' }), series({ refId: 'B', expr: 'x', legendFormat: '$job' })];
      expect(ds.interpolateVariablesInQueries(queries, {})).toEqual([
        { ...queries[0], expr: 'up{job="api"}', datasource: { type: settings.type, uid: settings.uid } },
        { ...queries[1], legendFormat: 'api', datasource: { type: settings.type, uid: settings.uid } },
      ]);
    });
  });

  describe('resources', () => {
    let getResource: jest.SpyInstance;

    it('reads the SLO catalog, and an answer that is not a list as an empty catalog', async () => {
      const spy = jest.spyOn(ds, 'getResource').mockResolvedValueOnce(SEED_SLOS).mockResolvedValueOnce(null);
      await expect(ds.sloCatalog()).resolves.toEqual(SEED_SLOS);
      await expect(ds.sloCatalog()).resolves.toEqual([]);
      expect(spy).toHaveBeenCalledWith('slos');
    });

    beforeEach(() => {
      getResource = jest.spyOn(ds, 'getResource').mockResolvedValue(['a', 'b']);
    });

    it('lists metric names without parameters when given none', async () => {
      await expect(ds.metricNames()).resolves.toEqual(['a', 'b']);
      expect(getResource).toHaveBeenCalledWith('metrics', {});
    });

    it('lists metric names seen in the dashboard range', async () => {
      await ds.metricNames({ range });
      expect(getResource).toHaveBeenCalledWith('metrics', { start: 1795773600, end: 1795777200 });
    });

    it('lists label names of a selector in a range', async () => {
      await ds.labelNames({ match: 'up{job="api"}', range });
      expect(getResource).toHaveBeenCalledWith('labels', {
        match: 'up{job="api"}',
        start: 1795773600,
        end: 1795777200,
      });
    });

    it('lists values of a label', async () => {
      await ds.labelValues('job');
      expect(getResource).toHaveBeenCalledWith('label-values', { label: 'job' });
    });

    it('lists values of a label for a selector in a range', async () => {
      await ds.labelValues('instance', { match: 'up', range });
      expect(getResource).toHaveBeenCalledWith('label-values', {
        label: 'instance',
        match: 'up',
        start: 1795773600,
        end: 1795777200,
      });
    });

    it.each([
      [{ resource: 'metrics' as const }, 'metrics', {}],
      [{ resource: 'labels' as const, match: 'up' }, 'labels', { match: 'up' }],
      [{ resource: 'label-values' as const, label: 'job', match: 'up' }, 'label-values', { label: 'job', match: 'up' }],
    ])('answers the completion request %j', async (request, path, params) => {
      await ds.fetchResource(request);
      expect(getResource).toHaveBeenCalledWith(path, params);
    });
  });
});
