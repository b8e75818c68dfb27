import type { DataSourceJsonData } from '@grafana/data';
import type { DataQuery } from '@grafana/schema';

/** What the backend computes for a query. Add a kind here, in QUERY_TYPES and in the editor switch. */
export type QueryType = 'series' | 'anomaly' | 'trend' | 'forecast' | 'slo';

/** What every query kind has: a PromQL expression and a series name template. */
export interface PromQLQuery extends DataQuery {
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
  /** Band half-width in spreads (σ, scaled MAD, Holt-Winters' RMS one-step deviation); > 0. */
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

/*
 * SLOs, in the JSON of pkg/slo (catalog.go, sli.go, window.go): the catalog in jsonData.slos,
 * the `slos` resource and inline query definitions all use it. Objectives are ratios (0.999);
 * percents exist only on screen.
 */
export type SLIKind = 'ratio' | 'latency' | 'availability';
/** How time without samples counts for an availability SLI: as down time, or not at all. */
export type GapPolicy = 'down' | 'ignore';
export type CalendarUnit = 'week' | 'month' | 'quarter';

/** Flat, as in Go: only the fields of its kind are set. */
export interface SLI {
  kind: SLIKind;
  /** ratio: PromQL of the good events, or of the bad ones; exactly one of the two is set. */
  good?: string;
  bad?: string;
  /** ratio: PromQL of all events. */
  total?: string;
  /** latency: metric name of a classic histogram, without _bucket or _count. */
  histogram?: string;
  /** latency: seconds; a bucket boundary (le) of the histogram. */
  threshold?: number;
  /** latency: optional label matchers in braces, `{job="api"}`. */
  selector?: string;
  /** availability: a 0/1 series such as `up{job="api"}`. */
  expr?: string;
  gaps?: GapPolicy;
}

/** The last `duration` (an SLO duration: `30d`, `1h30m`), sliding with now. */
export interface RollingWindow {
  kind: 'rolling';
  duration: string;
}

/** The current week (from Monday), month or quarter in an IANA time zone; UTC when unset. */
export interface CalendarWindow {
  kind: 'calendar';
  unit: CalendarUnit;
  timeZone?: string;
}

/** The backend also reads a bare duration such as "30d" as a rolling window. */
export type SLOWindow = RollingWindow | CalendarWindow | string;

export interface SLO {
  /** A slug: 1–63 of [a-z0-9-], starting and ending with a letter or digit. */
  id: string;
  name?: string;
  description?: string;
  sli: SLI;
  /** A ratio in (0, 1): 0.999 for 99.9 %. */
  objective: number;
  window: SLOWindow;
  labels?: Record<string, string>;
  /** Windows with fewer events are "no data" (event SLIs). */
  minEvents?: number;
  /** Sustained violation: the error ratio above the budget for this long (`30m`). */
  violationFor?: string;
  /** Error-ratio window of the sustained-violation condition; 5m when unset. */
  violationWindow?: string;
}

/** An SLO carried by a query; the backend names it `inline` when it has no id. */
export type InlineSLO = Omit<SLO, 'id'> & { id?: string };

/**
 * summary: the SLO's figures and its burn-rate pairs; burndown: remaining budget over the window;
 * burnrate: burn rate over time per long window; alert: one number per pair, > 1 when it fires;
 * budget: the remaining budget ratio, one number per SLO.
 */
export type SLOOutput = 'summary' | 'burndown' | 'burnrate' | 'alert' | 'budget';

/** An SLO of the catalog, by id, or one defined inline (which wins when both are set). */
export interface SLOQuery extends DataQuery {
  queryType: 'slo';
  /** Id in the datasource's catalog, `*` for every catalog SLO (summary output only), or a dashboard variable holding one. */
  sloId?: string;
  /** With sloId `*`: PromQL label matchers the SLOs' labels must satisfy, e.g. `service="api", tier=~"gold|silver"`. */
  sloFilter?: string;
  slo?: InlineSLO;
  output?: SLOOutput;
  /** Width of the buckets the SLI is counted in; 1m for windows up to 7d, 5m above. */
  bucketStep?: string;
}

/** Every query this datasource accepts, discriminated by `queryType`. */
export type Query = SeriesQuery | DetectionQuery | SLOQuery;

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
  /** Most points one query may hold (default 1,000,000; provisioning only for now). */
  maxPointsPerQuery?: number;
  /** Scrape interval of the upstream; lower bound of `$__rate_interval` (default 15s). */
  timeInterval?: string;
  timeout?: number;
  tlsAuth?: boolean;
  tlsAuthWithCACert?: boolean;
  tlsSkipVerify?: boolean;
  serverName?: string;
  keepCookies?: string[];
  /** The SLO catalog; the backend refuses the settings while an entry is invalid. */
  slos?: SLO[];
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
