import { dataFrameToJSON, type DataFrame } from '@grafana/data';
import type { BackendSrvRequest, FetchResponse } from '@grafana/runtime';

import { SEED_SLOS } from '../datasource/lib/seedSlos';
import type { SLO } from '../datasource/types';
import { DATASOURCE_TYPE, type DataSourceSettingsDTO } from '../lib/grafanaApi';
import { emptyRuleStates, type FakeGrafanaState } from './fakeGrafana';

/** A datasource of ours as GET /api/datasources/uid/:uid returns it. */
export function sloDatasource(
  uid: string,
  slos: SLO[],
  over: Partial<DataSourceSettingsDTO> = {}
): DataSourceSettingsDTO {
  return {
    id: uid.length,
    uid,
    orgId: 1,
    name: uid === 'ce-anomaly' ? 'Claude Enhancer Anomaly & SLO' : `SLOs ${uid}`,
    type: DATASOURCE_TYPE,
    access: 'proxy',
    url: 'http://prometheus:9090',
    basicAuth: true,
    basicAuthUser: 'grafana',
    isDefault: false,
    version: 3,
    readOnly: false,
    jsonData: { httpMethod: 'POST', timeInterval: '15s', slos },
    ...over,
  };
}

/** One editable datasource holding the seed SLOs, a stored password, healthy, nothing else set up. */
export function seedState(over: Partial<FakeGrafanaState> = {}): FakeGrafanaState {
  return {
    datasources: [sloDatasource('ce-anomaly', JSON.parse(JSON.stringify(SEED_SLOS)))],
    secrets: { 'ce-anomaly': { basicAuthPassword: 's3cret-password' } },
    health: { 'ce-anomaly': { status: 'OK', message: 'Prometheus answered: 3 targets up.' } },
    rules: [],
    ruleStates: emptyRuleStates(),
    folders: [],
    contactPoints: [],
    appEnabled: true,
    refuse: {},
    ...over,
  };
}

/**
 * Answers POST /api/ds/query with `frames(query)` for each query, as Grafana's
 * BackendDataSourceResponse ({results: {refId: {frames}}}); a thrown Error is that query's error.
 */
export function dsQueryHandler(frames: (query: Record<string, unknown>) => DataFrame[]) {
  return async (req: BackendSrvRequest): Promise<FetchResponse<unknown>> => {
    if (req.url !== '/api/ds/query') {
      throw { status: 404, data: { message: `not faked: ${req.url}` }, config: req };
    }
    const queries = (req.data as { queries: Array<Record<string, unknown>> }).queries;
    const results: Record<string, unknown> = {};
    for (const q of queries) {
      const refId = String(q.refId);
      try {
        results[refId] = { status: 200, frames: frames(q).map((f) => dataFrameToJSON({ ...f, refId })) };
      } catch (e) {
        results[refId] = { status: 400, error: (e as Error).message, errorSource: 'downstream' };
      }
    }
    return {
      data: { results },
      status: 200,
      statusText: 'OK',
      ok: true,
      headers: new Headers(),
      redirected: false,
      type: 'basic',
      url: req.url,
      config: req,
    };
  };
}
