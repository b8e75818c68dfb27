import type { DataSourceJsonData } from '@grafana/data';
import type { DataQuery } from '@grafana/schema';

/** What the backend computes for a query. Add a kind here, in QUERY_TYPES and in the editor switch. */
export type QueryType = 'series';

/** A plain PromQL range query. */
export interface SeriesQuery extends DataQuery {
  queryType: 'series';
  expr: string;
  /** Series name template, e.g. `{{instance}}`. */
  legendFormat?: string;
  /** Lower bound for the step, a Prometheus duration such as `30s`. */
  minStep?: string;
}

/** Every query this datasource accepts, discriminated by `queryType`. */
export type Query = SeriesQuery;

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
