import type { DataSourceJsonData } from '@grafana/data';
import type { DataQuery } from '@grafana/schema';

/** What the backend computes for a query. Add a kind here, in QUERY_TYPES and in the editor switch. */
export type QueryType = 'series' | 'anomaly' | 'trend' | 'forecast';

/** What every query kind has: a PromQL expression and a series name template. */
interface PromQLQuery extends DataQuery {
  expr: string;
  /** Series name template, e.g. `{{instance}}`. */
  legendFormat?: string;
}

/** A plain PromQL range query. */
export interface SeriesQuery extends PromQLQuery {
  queryType: 'series';
  /** Lower bound for the step, a Prometheus duration such as `30s`. */
  minStep?: string;
}

export type DetectionMethod = 'zscore' | 'robust' | 'ewma' | 'seasonal' | 'holtwinters';
export type Direction = 'both' | 'up' | 'down';
/** bands for panels, score (one number per series) for alert rules, events for annotations and tables. */
export type DetectionOutput = 'bands' | 'score' | 'events';
export type ForecastMethod = 'linear' | 'holtwinters';

/**
 * Options the backend reads for every detection kind. Each is left out of the query until the
 * user sets it, so the backend's default applies; durations are Prometheus durations or variables.
 */
export interface DetectionOptions {
  method?: DetectionMethod;
  /** Baseline each point is compared with. */
  window?: string;
  /** Band half-width in spreads (σ, scaled MAD, Brutlag deviation); > 0. */
  threshold?: number;
  direction?: Direction;
  /** Smallest deviation that counts, in value units; ≥ 0. */
  minDeviation?: number;
  /** `k/n`: flag a point when k of the last n points are outside the band. */
  persistence?: string;
  /** Season length, for the seasonal and holtwinters methods. */
  season?: string;
  /** Seasons whose same-phase values are compared (an integer ≥ 1). */
  seasons?: number;
  /** Fixed evaluation step, so verdicts do not change with the panel's zoom. */
  detectorStep?: string;
  output?: DetectionOutput;
}

/** Points outside a band learned from the series' own recent history. */
export interface AnomalyQuery extends PromQLQuery, DetectionOptions {
  queryType: 'anomaly';
}

/** The last trend window against the one before it. */
export interface TrendQuery extends PromQLQuery, DetectionOptions {
  queryType: 'trend';
  trendWindow?: string;
  /** Threshold of the before/after ratio reported beside the test; > 0. */
  ratioThreshold?: number;
}

/** A fit of the history extended over a horizon, with its prediction interval. */
export interface ForecastQuery extends PromQLQuery, DetectionOptions {
  queryType: 'forecast';
  forecastMethod?: ForecastMethod;
  horizon?: string;
  /** History the forecast learns from; the visible range when unset. */
  training?: string;
  /** Value whose crossing time the `score` output gives, in seconds. */
  forecastThreshold?: number;
  /** Prediction interval level, in (0, 1). */
  level?: number;
}

export type DetectionQuery = AnomalyQuery | TrendQuery | ForecastQuery;

/** Every query this datasource accepts, discriminated by `queryType`. */
export type Query = SeriesQuery | DetectionQuery;

/** Query of a dashboard variable: `label_values(up, job)`, `metrics(^node_)`, … */
export interface VariableQuery extends DataQuery {
  query: string;
}

export type HttpMethod = 'POST' | 'GET';

/**
 * jsonData. The HTTP fields (timeout, TLS, custom header names) are read by the Go SDK;
 * `url`, `basicAuth` and `basicAuthUser` live at the root of the instance settings.
 */
export interface AnomalyDataSourceOptions extends DataSourceJsonData {
  httpMethod?: HttpMethod;
  responseLimitMB?: number;
  /** Scrape interval of the upstream; lower bound of `$__rate_interval` (default 15s). */
  timeInterval?: string;
  timeout?: number;
  tlsAuth?: boolean;
  tlsAuthWithCACert?: boolean;
  tlsSkipVerify?: boolean;
  serverName?: string;
  keepCookies?: string[];
  [header: `httpHeaderName${number}`]: string;
}

/** secureJsonData: write-only from the browser; `secureJsonFields` says which are set. */
export interface AnomalySecureJsonData {
  basicAuthPassword?: string;
  tlsCACert?: string;
  tlsClientCert?: string;
  tlsClientKey?: string;
  [header: `httpHeaderValue${number}`]: string;
}
