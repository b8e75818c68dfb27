/*
 * The Grafana HTTP API calls the app makes, through @grafana/runtime's backendSrv (so Grafana adds
 * the session, the org and its error handling). Request and response shapes follow Grafana's
 * source, cited per call; tests and the browser harness answer them with src/testing/fakeGrafana.ts.
 */
import type { DataFrame, DataSourceInstanceSettings, TimeRange } from '@grafana/data';
import { getBackendSrv, getDataSourceSrv, toDataQueryResponse, type BackendDataSourceResponse } from '@grafana/runtime';
import { lastValueFrom } from 'rxjs';

import datasourcePluginJson from '../datasource/plugin.json';
import type { AnomalyDataSourceOptions, InlineSLO, SLO, SLOOutput } from '../datasource/types';
import appPluginJson from '../plugin.json';
import type { ProvisionedAlertRule } from './sloRules';

export const DATASOURCE_TYPE = datasourcePluginJson.id;
export const APP_ID = appPluginJson.id;

/** A datasource of our type and its SLO catalog. */
export interface SloDatasource {
  uid: string;
  name: string;
  /** Provisioned from a file: Grafana refuses edits through the API. */
  readOnly: boolean;
  slos: SLO[];
}

function toSloDatasource(
  ds: Pick<DataSourceInstanceSettings<AnomalyDataSourceOptions>, 'uid' | 'name' | 'readOnly' | 'jsonData'>
): SloDatasource {
  const slos = Array.isArray(ds.jsonData?.slos) ? ds.jsonData.slos : [];
  return { uid: ds.uid, name: ds.name, readOnly: Boolean(ds.readOnly), slos };
}

/**
 * Every datasource of our type the user may query, from Grafana's boot data. getDataSourceSrv is
 * deprecated, but its replacements are in @grafana/runtime/internal, which plugins cannot import.
 */
export function listSloDatasources(): SloDatasource[] {
  /* eslint-disable @typescript-eslint/no-deprecated */
  return getDataSourceSrv()
    .getList({ type: DATASOURCE_TYPE })
    .map((ds) => toSloDatasource(ds as DataSourceInstanceSettings<AnomalyDataSourceOptions>));
  /* eslint-enable @typescript-eslint/no-deprecated */
}

const get = <T>(url: string, headers?: Record<string, string>) =>
  lastValueFrom(getBackendSrv().fetch<T>({ url, method: 'GET', headers, showErrorAlert: false })).then((r) => r.data);
const send = <T>(method: 'POST' | 'PUT', url: string, data: unknown, headers?: Record<string, string>) =>
  lastValueFrom(getBackendSrv().fetch<T>({ url, method, data, headers, showErrorAlert: false })).then((r) => r.data);

/**
 * A datasource as GET /api/datasources/uid/:uid returns it (dtos.DataSource in
 * pkg/api/dtos/datasource.go): secureJsonFields says which secrets are set, never their values.
 */
export interface DataSourceSettingsDTO {
  id: number;
  uid: string;
  name: string;
  type: string;
  version: number;
  readOnly: boolean;
  jsonData: AnomalyDataSourceOptions;
  secureJsonFields?: Record<string, boolean>;
  [key: string]: unknown;
}

export function getDatasourceSettings(uid: string): Promise<DataSourceSettingsDTO> {
  return get(`/api/datasources/uid/${encodeURIComponent(uid)}`);
}

/**
 * Writes the SLO catalog: reads the datasource, then PUT /api/datasources/uid/:uid with the same
 * settings and the new jsonData.slos. The body carries no secureJsonData: Grafana keeps every
 * stored secret a PUT does not name (fillWithSecureJSONData in
 * pkg/services/datasources/service/datasource.go). `version` makes Grafana refuse the write when
 * someone saved the datasource in between (datasources.ErrDataSourceUpdatingOldVersion).
 */
export async function saveCatalog(uid: string, update: (slos: SLO[]) => SLO[]): Promise<DataSourceSettingsDTO> {
  const current = await getDatasourceSettings(uid);
  if (current.readOnly) {
    throw new Error(`${current.name} is provisioned from a file: Grafana does not let the API change it.`);
  }
  const { secureJsonFields: _secrets, secureJsonData: _never, ...settings } = current;
  const slos = update(Array.isArray(current.jsonData?.slos) ? current.jsonData.slos : []);
  const body = { ...settings, jsonData: { ...current.jsonData, slos } };
  const res = await send<{ datasource: DataSourceSettingsDTO }>(
    'PUT',
    `/api/datasources/uid/${encodeURIComponent(uid)}`,
    body
  );
  // The boot data the other pages read the catalog from (see listSloDatasources on the deprecation).
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  await getDataSourceSrv().reload?.();
  return res.datasource;
}

/** GET /api/datasources/uid/:uid/health: the datasource's CheckHealth (pkg/api/plugins.go CheckHealth). */
export interface HealthResult {
  status: 'OK' | 'ERROR' | 'UNKNOWN';
  message: string;
}

export async function datasourceHealth(uid: string): Promise<HealthResult> {
  try {
    return await get<HealthResult>(`/api/datasources/uid/${encodeURIComponent(uid)}/health`);
  } catch (e) {
    // Grafana answers a failed check with 400 and the same body.
    const data = (e as { data?: Partial<HealthResult> }).data;
    return { status: 'ERROR', message: data?.message || errorMessage(e) };
  }
}

/** One `slo` query for POST /api/ds/query. */
export interface SloQuerySpec {
  refId: string;
  sloId?: string;
  slo?: InlineSLO;
  output: SLOOutput;
  bucketStep?: string;
}

/**
 * Runs `slo` queries of one datasource through POST /api/ds/query (pkg/api/dtos MetricRequest)
 * and returns the frames, each with its refId, and the errors by refId.
 */
export async function runSloQueries(
  uid: string,
  queries: SloQuerySpec[],
  range: Pick<TimeRange, 'from' | 'to'>
): Promise<{ frames: DataFrame[]; errors: Record<string, string> }> {
  const full = queries.map((q) => ({ ...q, queryType: 'slo', datasource: { type: DATASOURCE_TYPE, uid } }));
  const res = await lastValueFrom(
    getBackendSrv().fetch<BackendDataSourceResponse>({
      url: '/api/ds/query',
      method: 'POST',
      data: { queries: full, from: String(range.from.valueOf()), to: String(range.to.valueOf()) },
      showErrorAlert: false,
    })
  ).catch((e) => {
    // A 4xx/5xx answer still carries the per-query results (or the error) in its body.
    if (e?.data?.results) {
      return { data: e.data as BackendDataSourceResponse };
    }
    throw e;
  });
  const parsed = toDataQueryResponse(res, full);
  const errors: Record<string, string> = {};
  for (const err of parsed.errors ?? []) {
    errors[err.refId ?? ''] = err.message ?? 'query failed';
  }
  return { frames: parsed.data as DataFrame[], errors };
}

/**
 * Grafana-managed rules and their alerts in the Prometheus rules API format:
 * GET /api/prometheus/grafana/api/v1/rules (apimodels.RuleResponse in
 * pkg/services/ngalert/api/tooling/definitions/prom.go).
 */
export interface PromRulesResponse {
  status: string;
  data: {
    groups: Array<{
      name: string;
      file: string;
      rules: Array<{
        name: string;
        uid?: string;
        state: 'firing' | 'pending' | 'inactive' | 'recovering';
        health?: string;
        labels?: Record<string, string>;
        alerts?: Array<{ labels: Record<string, string>; state: string; activeAt?: string; value?: string }>;
        type?: string;
      }>;
    }>;
  };
}

export const getRuleStates = () => get<PromRulesResponse>('/api/prometheus/grafana/api/v1/rules');

/** GET /api/v1/provisioning/alert-rules (RouteGetAlertRules, definitions/provisioning_alert_rules.go). */
export const listProvisionedRules = () => get<ProvisionedAlertRule[]>('/api/v1/provisioning/alert-rules');

/**
 * Creates or replaces a rule. X-Disable-Provenance keeps it editable in Grafana's alerting UI
 * (pkg/services/ngalert/api/api_provisioning.go determineProvenance: without it the rule is
 * provenance "api" and locked in the UI).
 */
export function writeRule(rule: ProvisionedAlertRule, exists: boolean): Promise<ProvisionedAlertRule> {
  const headers = { 'X-Disable-Provenance': 'true' };
  const { provenance: _p, ...body } = rule;
  return exists
    ? send('PUT', `/api/v1/provisioning/alert-rules/${encodeURIComponent(rule.uid)}`, body, headers)
    : send('POST', '/api/v1/provisioning/alert-rules', body, headers);
}

/** GET /api/folders and POST /api/folders (pkg/api/folder.go; dtos.Folder). */
export interface Folder {
  uid: string;
  title: string;
}
export const listFolders = () => get<Folder[]>('/api/folders');
export const createFolder = (title: string) => send<Folder>('POST', '/api/folders', { title });

/** GET /api/v1/provisioning/contact-points (RouteGetContactpoints, definitions/provisioning_contactpoints.go). */
export interface ContactPoint {
  uid?: string;
  name: string;
  type: string;
  settings?: Record<string, unknown>;
}
export const listContactPoints = () => get<ContactPoint[]>('/api/v1/provisioning/contact-points');

/** GET /api/plugins/:id/settings (pkg/api/plugins.go GetPluginSettingByID; dtos.PluginSetting). */
export const getAppSettings = () => get<{ id: string; enabled: boolean }>(`/api/plugins/${APP_ID}/settings`);

/** What went wrong, in one line, from a FetchError or an Error. */
export function errorMessage(e: unknown): string {
  const err = e as { data?: { message?: string }; message?: string; status?: number; statusText?: string };
  const text = err?.data?.message || err?.message || err?.statusText || String(e);
  return err?.status ? `${text} (HTTP ${err.status})` : text;
}

/** Whether Grafana refused for lack of permission. */
export function isForbidden(e: unknown): boolean {
  const status = (e as { status?: number })?.status;
  return status === 401 || status === 403;
}

/** The datasource's metric names, label names and values (pkg/plugin/resources.go), as DataSourceWithBackend.getResource calls them. */
export function datasourceResource(
  uid: string,
  path: 'metrics' | 'labels' | 'label-values',
  params: Record<string, string> = {}
) {
  const query = new URLSearchParams(params).toString();
  return get<string[]>(`/api/datasources/uid/${encodeURIComponent(uid)}/resources/${path}${query ? `?${query}` : ''}`);
}
