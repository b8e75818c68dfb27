import type { Query, QueryType } from '../types';
import { ruleDefaults, type QueryContext } from './ruleOutputs';

type QueryOf<T extends QueryType> = Extract<Query, { queryType: T }>;
type WithoutRefId<Q> = Q extends unknown ? Omit<Q, 'refId'> : never;
/** A query of any kind before it has a refId. */
export type NewQuery = WithoutRefId<Query>;

interface QueryTypeInfo<T extends QueryType> {
  label: string;
  /** One sentence, shown by the selector and on the app's overview page. */
  description: string;
  /** Fields a new query of this type starts with. */
  defaults: Omit<QueryOf<T>, 'refId' | 'queryType'>;
}

/**
 * The query kinds, in display order. Being keyed by QueryType, this fails to compile
 * until a kind added to the union has its entry here.
 */
export const QUERY_TYPES: { [T in QueryType]: QueryTypeInfo<T> } = {
  series: {
    label: 'Series',
    description: 'A PromQL range query; every series it returns is drawn as is.',
    defaults: { expr: '' },
  },
  // Detection kinds start without options: the backend's defaults apply until the user sets one.
  anomaly: {
    label: 'Anomaly',
    description:
      "Flags points outside a band learned from the series' own history (z-score, robust, EWMA, seasonal, Holt-Winters).",
    defaults: { expr: '' },
  },
  trend: {
    label: 'Trend',
    description: "Compares the last window with the one before it (Welch's t-test, Cohen's d) and finds level shifts.",
    defaults: { expr: '' },
  },
  forecast: {
    label: 'Forecast',
    description:
      'Extends a linear fit over a horizon with its prediction interval, and tells when it reaches a threshold.',
    defaults: { expr: '' },
  },
  // An SLO query has no expression: it names an SLO of the catalog or carries one.
  slo: {
    label: 'SLO',
    description:
      'Error budget, burn rates, burndown and multiwindow burn-rate alerts of an SLO from the catalog or defined inline.',
    defaults: {},
  },
};

export const DEFAULT_QUERY_TYPE: QueryType = 'series';

export const QUERY_TYPE_OPTIONS = (Object.keys(QUERY_TYPES) as QueryType[]).map((value) => ({
  value,
  label: QUERY_TYPES[value].label,
  description: QUERY_TYPES[value].description,
}));

export function isQueryType(value: unknown): value is QueryType {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(QUERY_TYPES, value);
}

/** A fresh query of the given type, without refId; in a rule it starts with its alert output. */
export function newQuery(queryType: QueryType, context: QueryContext = 'panel'): NewQuery {
  const inRule = context === 'rule' ? ruleDefaults(queryType) : {};
  return { ...QUERY_TYPES[queryType].defaults, ...inRule, queryType } as NewQuery;
}

/**
 * The query as another kind: its identity, and between PromQL kinds its expression and legend,
 * carry over; options of the old kind do not, since they mean nothing (or something else) to the
 * new one. An SLO query has neither expression nor legend.
 */
export function changeQueryType(query: Query, queryType: QueryType, context: QueryContext = 'panel'): Query {
  const { refId, datasource, hide } = query;
  const promql = query.queryType !== 'slo' && queryType !== 'slo';
  return {
    ...newQuery(queryType, context),
    refId,
    ...(datasource !== undefined && { datasource }),
    ...(hide !== undefined && { hide }),
    ...(promql && { expr: query.expr }),
    ...(promql && query.legendFormat !== undefined && { legendFormat: query.legendFormat }),
  } as Query;
}

/**
 * Fills what older or hand-written queries (provisioning, Explore links) may lack:
 * an unknown or missing queryType is read as the default kind, with its defaults under the query's own fields.
 */
export function normalizeQuery(query: Partial<Query> & { refId: string }): Query {
  const queryType = isQueryType(query.queryType) ? query.queryType : DEFAULT_QUERY_TYPE;
  return { ...newQuery(queryType), ...query, queryType } as Query;
}
