import pluginJson from './plugin.json';

export const PLUGIN_BASE_URL = `/a/${pluginJson.id}`;

/** The app's pages, relative to PLUGIN_BASE_URL; `slos/:datasourceUid/:sloId` is an SLO's detail. */
export enum ROUTES {
  Overview = 'overview',
  Slos = 'slos',
  NewSlo = 'slos/new',
  GettingStarted = 'getting-started',
}

/** The app's page explaining the suite and its query types; the datasource's settings link to it. */
export const OVERVIEW_URL = `${PLUGIN_BASE_URL}/${ROUTES.Overview}`;
export const SLOS_URL = `${PLUGIN_BASE_URL}/${ROUTES.Slos}`;
export const GETTING_STARTED_URL = `${PLUGIN_BASE_URL}/${ROUTES.GettingStarted}`;
export const ADD_DATASOURCE_URL = '/connections/datasources/new';
/**
 * The user guide's index (docs/README.md), shipped in the plugin's folder and served by Grafana
 * with the plugin's other static files.
 */
export const USER_GUIDE_URL = `/public/plugins/${pluginJson.id}/docs/README.md`;

/** An SLO's detail page; `from`/`to` are Grafana time range strings (`now-24h`) or epoch ms. */
export function sloDetailUrl(datasourceUid: string, sloId: string, range?: { from: string; to: string }): string {
  const base = `${SLOS_URL}/${encodeURIComponent(datasourceUid)}/${encodeURIComponent(sloId)}`;
  return range ? `${base}?${new URLSearchParams(range).toString()}` : base;
}

/** The wizard: a new SLO (in `datasourceUid` when given) or the edit of one. */
export function sloEditUrl(datasourceUid?: string, sloId?: string): string {
  if (datasourceUid && sloId) {
    return `${sloDetailUrl(datasourceUid, sloId)}/edit`;
  }
  return `${PLUGIN_BASE_URL}/${ROUTES.NewSlo}${datasourceUid ? `?ds=${encodeURIComponent(datasourceUid)}` : ''}`;
}

/** A datasource's settings page in Grafana. */
export const datasourceSettingsUrl = (uid: string) => `/connections/datasources/edit/${encodeURIComponent(uid)}`;
/** Grafana's alert list filtered to one SLO's rules (the label the rules carry). */
export const alertListUrl = (sloId: string) => `/alerting/list?search=${encodeURIComponent(`label:slo=${sloId}`)}`;
