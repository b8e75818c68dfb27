import type { CoreApp, DataSourceInstanceSettings, ScopedVars, TimeRange } from '@grafana/data';
import { DataSourceWithBackend, getTemplateSrv } from '@grafana/runtime';

import type { ResourceRequest } from './lib/completion';
import { DEFAULT_QUERY_TYPE, newQuery } from './lib/queryTypes';
import { resourceParams, type ResourceOptions } from './lib/resources';
import { queryContext } from './lib/ruleOutputs';
import { formatPromQLVariable } from './lib/templating';
import type { AnomalyDataSourceOptions, Query, SLO } from './types';
import { VariableSupport } from './variables';

/**
 * Macros the backend substitutes from its own step and range, so alert rules (which never run
 * this code) and panels see the same expression. Mapping them to themselves keeps Grafana from
 * filling in the browser's values first.
 */
const BACKEND_MACROS: ScopedVars = Object.fromEntries(
  ['__interval', '__interval_ms', '__rate_interval', '__range', '__range_s', '__range_ms'].map((name) => [
    name,
    { text: `$${name}`, value: `$${name}` },
  ])
);

/** Text fields other than the expression that may hold dashboard variables; through `sloId` one picks the SLO. */
const PLAIN_FIELDS = [
  'legendFormat',
  'minStep',
  'window',
  'season',
  'detectorStep',
  'trendWindow',
  'horizon',
  'training',
  'sloId',
  'bucketStep',
] as const;
type PlainField = (typeof PLAIN_FIELDS)[number];

export class DataSource extends DataSourceWithBackend<Query, AnomalyDataSourceOptions> {
  /** Annotation queries use the query editor and run like any other query. */
  annotations = {};

  /** The upstream's scrape interval as configured, which bounds an SLO query's bucket step. */
  readonly scrapeInterval?: string;

  constructor(instanceSettings: DataSourceInstanceSettings<AnomalyDataSourceOptions>) {
    super(instanceSettings);
    this.variables = new VariableSupport(this);
    this.scrapeInterval = instanceSettings.jsonData?.timeInterval;
  }

  /** In the rule editor (CoreApp.UnifiedAlerting) queries start with the outputs rules can use. */
  getDefaultQuery(app: CoreApp): Partial<Query> {
    return newQuery(DEFAULT_QUERY_TYPE, queryContext(app));
  }

  filterQuery(query: Query): boolean {
    if (query.hide) {
      return false;
    }
    // An SLO query names a catalog entry or carries one; the backend explains an invalid one.
    if (query.queryType === 'slo') {
      return Boolean(query.sloId?.trim()) || query.slo !== undefined;
    }
    return Boolean(query.expr?.trim());
  }

  applyTemplateVariables<Q extends Query>(query: Q, scopedVars: ScopedVars): Q {
    const vars = { ...scopedVars, ...BACKEND_MACROS };
    const replace = (text: string, format?: typeof formatPromQLVariable) =>
      getTemplateSrv().replace(text, vars, format);
    // Like Grafana's Prometheus datasource: legends and durations take values as they are, not as regexes.
    const fields = query as Partial<Record<PlainField, unknown>>;
    const plain = Object.fromEntries(
      PLAIN_FIELDS.flatMap((field) => {
        const value = fields[field];
        return typeof value === 'string' ? [[field, replace(value)]] : [];
      })
    );
    const q: Query = query;
    if (q.queryType === 'slo') {
      // The filter holds PromQL matchers: values are escaped, and multi-value variables become regexes, as in expressions.
      const filter = q.sloFilter === undefined ? {} : { sloFilter: replace(q.sloFilter, formatPromQLVariable) };
      return { ...query, ...plain, ...filter };
    }
    return { ...query, expr: q.expr === undefined ? '' : replace(q.expr, formatPromQLVariable), ...plain };
  }

  /** Used by Explore when a panel's queries are opened there. */
  interpolateVariablesInQueries(queries: Query[], scopedVars: ScopedVars): Query[] {
    return queries.map((query) => ({ ...this.applyTemplateVariables(query, scopedVars), datasource: this.getRef() }));
  }

  metricNames(options?: ResourceOptions): Promise<string[]> {
    return this.getResource('metrics', resourceParams(options));
  }

  labelNames(options?: ResourceOptions): Promise<string[]> {
    return this.getResource('labels', resourceParams(options));
  }

  labelValues(label: string, options?: ResourceOptions): Promise<string[]> {
    return this.getResource('label-values', { label, ...resourceParams(options) });
  }

  /**
   * The SLO catalog as the backend holds it (jsonData.slos), for the SLO picker; with a filter
   * (PromQL label matchers), the SLOs whose labels match, as the all-SLOs query selects them.
   */
  async sloCatalog(filter?: string): Promise<SLO[]> {
    const slos: unknown = await (filter ? this.getResource('slos', { filter }) : this.getResource('slos'));
    return Array.isArray(slos) ? slos : [];
  }

  /** Names of the dashboard's variables, as `$name`: one may hold an SLO id. */
  variableNames(): string[] {
    return getTemplateSrv()
      .getVariables()
      .map((variable) => `$${variable.name}`);
  }

  /** Answers a completion's request. */
  fetchResource(request: ResourceRequest, range?: TimeRange): Promise<string[]> {
    switch (request.resource) {
      case 'metrics':
        return this.metricNames({ range });
      case 'labels':
        return this.labelNames({ match: request.match, range });
      case 'label-values':
        return this.labelValues(request.label, { match: request.match, range });
    }
  }
}
