/*
 * A fake of the few Grafana HTTP endpoints the app calls, for the RTL tests and the browser
 * harness. Shapes follow Grafana's source (paths are in grafana/grafana):
 *  - GET/PUT /api/datasources/uid/:uid: pkg/api/datasources.go (GetDataSourceByUID,
 *    UpdateDataSourceByUID: 403 "Cannot update read-only data source", 409 on an old version,
 *    200 {datasource, id, message: "Datasource updated", name}); pkg/api/dtos/datasource.go.
 *  - GET /api/datasources/uid/:uid/health: pkg/api/plugins.go CheckHealth (400 with the same body on ERROR).
 *  - /api/v1/provisioning/alert-rules[/:uid]: pkg/services/ngalert/api/api_provisioning.go
 *    (POST 201, PUT 200, provenance "" with X-Disable-Provenance, "api" without).
 *  - GET /api/prometheus/grafana/api/v1/rules: pkg/services/ngalert/api/prometheus/api_prometheus.go.
 *  - GET/POST /api/folders: pkg/api/folder.go. GET /api/v1/provisioning/contact-points:
 *    api_provisioning.go RouteGetContactpoints. GET /api/plugins/:id/settings: pkg/api/plugins.go.
 * Everything else goes to `fallback` (the harness: its devserver, for /api/ds/query and resources).
 */
import type { DataSourceInstanceSettings } from '@grafana/data';
import type { BackendSrv, BackendSrvRequest, DataSourceSrv, FetchError, FetchResponse } from '@grafana/runtime';
import { lastValueFrom, Observable } from 'rxjs';

import type { DataSourceSettingsDTO, PromRulesResponse, ContactPoint, Folder } from '../lib/grafanaApi';
import type { ProvisionedAlertRule } from '../lib/sloRules';

export interface FakeGrafanaState {
  datasources: DataSourceSettingsDTO[];
  /** Secrets the server holds per datasource uid; never returned, kept across PUTs without secureJsonData. */
  secrets: Record<string, Record<string, string>>;
  health: Record<string, { status: 'OK' | 'ERROR'; message: string }>;
  rules: ProvisionedAlertRule[];
  ruleStates: PromRulesResponse;
  folders: Folder[];
  contactPoints: ContactPoint[];
  appEnabled: boolean;
  /** Endpoints that answer with this status (e.g. 403 for a user without the permission). */
  refuse: Record<string, number>;
}

export interface RecordedRequest {
  method: string;
  url: string;
  data?: unknown;
  headers?: Record<string, string>;
}

type Handler = (req: BackendSrvRequest) => Promise<FetchResponse<unknown>>;

export class FakeGrafana {
  readonly requests: RecordedRequest[] = [];
  constructor(
    readonly state: FakeGrafanaState,
    private readonly fallback?: Handler
  ) {}

  /** DataSourceSrv.getList and reload, from the datasources the fake holds (Grafana's boot data). */
  dataSourceSrv(): DataSourceSrv {
    const settings = (ds: DataSourceSettingsDTO) =>
      ({ ...ds, meta: { id: ds.type }, access: 'proxy' }) as unknown as DataSourceInstanceSettings;
    return {
      getList: (filters?: { type?: string | string[] }) =>
        this.state.datasources.filter((ds) => !filters?.type || [filters.type].flat().includes(ds.type)).map(settings),
      getInstanceSettings: (ref: unknown) => {
        const uid = typeof ref === 'string' ? ref : (ref as { uid?: string } | undefined)?.uid;
        const ds = this.state.datasources.find((d) => d.uid === uid || d.name === uid);
        return ds && settings(ds);
      },
      get: () => Promise.reject(new Error('get is not faked')),
      reload: () => Promise.resolve(),
      registerRuntimeDataSource: () => undefined,
    } as unknown as DataSourceSrv;
  }

  backendSrv(): BackendSrv {
    const fetch = <T>(options: BackendSrvRequest): Observable<FetchResponse<T>> =>
      new Observable((subscriber) => {
        this.handle(options).then(
          (r) => {
            subscriber.next(r as FetchResponse<T>);
            subscriber.complete();
          },
          (e) => subscriber.error(e)
        );
      });
    const request = <T>(options: BackendSrvRequest) => lastValueFrom(fetch<T>(options)).then((r) => r.data);
    return {
      fetch,
      request,
      datasourceRequest: (o: BackendSrvRequest) => lastValueFrom(fetch(o)),
      get: (url: string, params?: object) => request({ url, params, method: 'GET' }),
      post: (url: string, data?: unknown) => request({ url, data, method: 'POST' }),
      put: (url: string, data?: unknown) => request({ url, data, method: 'PUT' }),
      patch: (url: string, data?: unknown) => request({ url, data, method: 'PATCH' }),
      delete: (url: string) => request({ url, method: 'DELETE' }),
      chunked: () => {
        throw new Error('chunked is not faked');
      },
    } as unknown as BackendSrv;
  }

  private async handle(req: BackendSrvRequest): Promise<FetchResponse<unknown>> {
    const method = req.method ?? 'GET';
    const url = req.url.split('?')[0];
    this.requests.push({ method, url, data: req.data, headers: req.headers });
    const refused = this.state.refuse[`${method} ${url}`];
    if (refused) {
      throw fetchError(req, refused, { message: refused === 403 ? 'You do not have permission' : 'Internal error' });
    }
    const s = this.state;
    let m: RegExpMatchArray | null;
    if ((m = url.match(/^\/api\/datasources\/uid\/([^/]+)$/))) {
      const ds = s.datasources.find((d) => d.uid === decodeURIComponent(m![1]));
      if (!ds) {
        throw fetchError(req, 404, { message: 'Data source not found' });
      }
      if (method === 'GET') {
        return ok(req, {
          ...ds,
          secureJsonFields: Object.fromEntries(Object.keys(s.secrets[ds.uid] ?? {}).map((k) => [k, true])),
        });
      }
      if (method === 'PUT') {
        if (ds.readOnly) {
          throw fetchError(req, 403, { message: 'Cannot update read-only data source' });
        }
        const body = req.data as DataSourceSettingsDTO & { secureJsonData?: Record<string, string> };
        if (body.version !== undefined && body.version < ds.version) {
          throw fetchError(req, 409, {
            message: 'Datasource has already been updated by someone else. Please reload and try again',
          });
        }
        // fillWithSecureJSONData: stored secrets the body does not name are kept.
        s.secrets[ds.uid] = { ...s.secrets[ds.uid], ...body.secureJsonData };
        const { secureJsonData: _s, secureJsonFields: _f, ...rest } = body;
        Object.assign(ds, rest, { version: ds.version + 1 });
        return ok(req, { datasource: ds, id: ds.id, message: 'Datasource updated', name: ds.name });
      }
    }
    if ((m = url.match(/^\/api\/datasources\/uid\/([^/]+)\/health$/)) && s.health[decodeURIComponent(m[1])]) {
      const h = s.health[decodeURIComponent(m[1])];
      if (h.status !== 'OK') {
        throw fetchError(req, 400, h);
      }
      return ok(req, h);
    }
    if (url === '/api/v1/provisioning/alert-rules') {
      if (method === 'GET') {
        return ok(req, s.rules);
      }
      if (method === 'POST') {
        const rule = this.provenanced(req);
        if (s.rules.some((r) => r.uid === rule.uid)) {
          throw fetchError(req, 409, { message: 'a rule with this UID already exists' });
        }
        s.rules.push(rule);
        return ok(req, rule, 201);
      }
    }
    if ((m = url.match(/^\/api\/v1\/provisioning\/alert-rules\/([^/]+)$/)) && method === 'PUT') {
      const i = s.rules.findIndex((r) => r.uid === decodeURIComponent(m![1]));
      if (i < 0) {
        throw fetchError(req, 404, { message: 'rule not found' });
      }
      s.rules[i] = this.provenanced(req);
      return ok(req, s.rules[i]);
    }
    if (url === '/api/prometheus/grafana/api/v1/rules') {
      return ok(req, s.ruleStates);
    }
    if (url === '/api/folders') {
      if (method === 'POST') {
        const title = (req.data as { title: string }).title;
        const folder = { uid: `f-${s.folders.length + 1}`, title };
        s.folders.push(folder);
        return ok(req, { id: s.folders.length, ...folder });
      }
      return ok(req, s.folders);
    }
    if (url === '/api/v1/provisioning/contact-points') {
      return ok(req, s.contactPoints);
    }
    if ((m = url.match(/^\/api\/plugins\/([^/]+)\/settings$/))) {
      if (!s.appEnabled) {
        return ok(req, { id: m[1], enabled: false });
      }
      return ok(req, { id: m[1], enabled: true });
    }
    if (this.fallback) {
      return this.fallback(req);
    }
    throw fetchError(req, 404, { message: `not faked: ${method} ${url}` });
  }

  private provenanced(req: BackendSrvRequest): ProvisionedAlertRule {
    const disabled = req.headers?.['X-Disable-Provenance'] === 'true';
    return { ...(req.data as ProvisionedAlertRule), provenance: disabled ? '' : 'api' };
  }
}

function ok(config: BackendSrvRequest, data: unknown, status = 200): FetchResponse<unknown> {
  return {
    data,
    status,
    statusText: 'OK',
    ok: true,
    headers: new Headers(),
    redirected: false,
    type: 'basic',
    url: config.url,
    config,
  };
}

function fetchError(config: BackendSrvRequest, status: number, data: { message: string }): FetchError {
  return { status, statusText: String(status), data, message: data.message, config };
}

export function emptyRuleStates(): PromRulesResponse {
  return { status: 'success', data: { groups: [] } };
}

/** Rule states with one burn-rate rule of `slo` firing: its page alert (1h/5m) in `alertState`. */
export function firingBurnRule(slo: string, alertState = 'Alerting', rule = 'burn'): PromRulesResponse {
  return {
    status: 'success',
    data: {
      groups: [
        {
          name: 'slo-burn-rates',
          file: 'SLOs',
          rules: [
            {
              name: rule,
              state: 'firing',
              labels: { slo },
              alerts: [{ labels: { slo, severity: 'page', long: '1h', short: '5m' }, state: alertState }],
            },
          ],
        },
      ],
    },
  };
}
