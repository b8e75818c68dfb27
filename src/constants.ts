import pluginJson from './plugin.json';

export const PLUGIN_BASE_URL = `/a/${pluginJson.id}`;

export enum ROUTES {
  Overview = 'overview',
}

/** The app's page explaining the suite and its query types; the datasource's settings link to it. */
export const OVERVIEW_URL = `${PLUGIN_BASE_URL}/${ROUTES.Overview}`;
export const ADD_DATASOURCE_URL = '/connections/datasources/new';
/**
 * The user guide's index (docs/README.md), shipped in the plugin's folder and served by Grafana
 * with the plugin's other static files.
 */
export const USER_GUIDE_URL = `/public/plugins/${pluginJson.id}/docs/README.md`;
