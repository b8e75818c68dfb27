import pluginJson from './plugin.json';

export const PLUGIN_BASE_URL = `/a/${pluginJson.id}`;

export enum ROUTES {
  Overview = 'overview',
}

/** The app's page explaining the suite and its query types; the datasource's settings link to it. */
export const OVERVIEW_URL = `${PLUGIN_BASE_URL}/${ROUTES.Overview}`;
export const ADD_DATASOURCE_URL = '/connections/datasources/new';
/** The plugin's catalog page, which shows the README. */
export const DOCS_URL = `/plugins/${pluginJson.id}`;
