import type { CoreApp, DataSourceInstanceSettings, ScopedVars, TimeRange } from '@grafana/data';
import { DataSourceWithBackend, getTemplateSrv } from '@grafana/runtime';

import type { ResourceRequest } from './lib/completion';
import { DEFAULT_QUERY_TYPE, newQuery } from './lib/queryTypes';
import { resourceParams, type ResourceOptions } from './lib/resources';
import { formatPromQLVariable } from './lib/templating';
import type { AnomalyDataSourceOptions, Query } from './types';
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

export class DataSource extends DataSourceWithBackend<Query, AnomalyDataSourceOptions> {
  /** Annotation queries use the query editor and run like any other query. */
  annotations = {};

  constructor(instanceSettings: DataSourceInstanceSettings<AnomalyDataSourceOptions>) {
    super(instanceSettings);
    this.variables = new VariableSupport(this);
  }

  getDefaultQuery(_: CoreApp): Partial<Query> {
    return newQuery(DEFAULT_QUERY_TYPE);
  }

  filterQuery(query: Query): boolean {
    return !query.hide && Boolean(query.expr?.trim());
  }

  applyTemplateVariables(query: Query, scopedVars: ScopedVars): Query {
    const vars = { ...scopedVars, ...BACKEND_MACROS };
    const replace = (text: string | undefined, format?: typeof formatPromQLVariable) =>
      text === undefined ? undefined : getTemplateSrv().replace(text, vars, format);
    return {
      ...query,
      expr: replace(query.expr, formatPromQLVariable) ?? '',
      // Like Grafana's Prometheus datasource: legends and steps take values as they are, not as regexes.
      ...(query.legendFormat !== undefined && { legendFormat: replace(query.legendFormat) }),
      ...(query.minStep !== undefined && { minStep: replace(query.minStep) }),
    };
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
