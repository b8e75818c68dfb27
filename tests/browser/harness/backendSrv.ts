import type { BackendSrv, BackendSrvRequest, FetchError, FetchResponse } from '@grafana/runtime';
import { lastValueFrom, Observable } from 'rxjs';

/**
 * Grafana's backendSrv reduced to what DataSourceWithBackend uses: `fetch` against the same
 * origin, which is the devserver answering Grafana's /api/ds/query, resources and health routes.
 * Like Grafana's, it rejects a non-2xx answer with a FetchError carrying the parsed body.
 */
export function harnessBackendSrv(): BackendSrv {
  const fetchObservable = <T>(options: BackendSrvRequest): Observable<FetchResponse<T>> =>
    new Observable((subscriber) => {
      const abort = new AbortController();
      send<T>(options, abort.signal).then(
        (response) => {
          subscriber.next(response);
          subscriber.complete();
        },
        (error) => subscriber.error(error)
      );
      return () => abort.abort();
    });
  const request = <T>(options: BackendSrvRequest) => lastValueFrom(fetchObservable<T>(options)).then((r) => r.data);
  return {
    fetch: fetchObservable,
    request,
    datasourceRequest: (options) => lastValueFrom(fetchObservable(options)),
    get: (url, params, requestId, options) => request({ ...options, url, params, requestId, method: 'GET' }),
    delete: (url, data, options) => request({ ...options, url, data, method: 'DELETE' }),
    post: (url, data, options) => request({ ...options, url, data, method: 'POST' }),
    patch: (url, data, options) => request({ ...options, url, data, method: 'PATCH' }),
    put: (url, data, options) => request({ ...options, url, data, method: 'PUT' }),
    chunked: () => {
      throw new Error('backendSrv.chunked is not available in the browser harness');
    },
  };
}

async function send<T>(options: BackendSrvRequest, signal: AbortSignal): Promise<FetchResponse<T>> {
  const method = options.method ?? 'GET';
  const headers = new Headers(options.headers);
  let body: string | undefined;
  if (options.data !== undefined && method !== 'GET') {
    headers.set('Content-Type', 'application/json');
    body = JSON.stringify(options.data);
  }
  const res = await fetch(withParams(options.url, options.params), { method, headers, body, signal });
  const text = await res.text();
  const data = text && res.headers.get('Content-Type')?.includes('json') ? JSON.parse(text) : text;
  if (!res.ok) {
    const error: FetchError = {
      status: res.status,
      statusText: res.statusText,
      data,
      message: data?.message ?? res.statusText,
      config: options,
    };
    throw error;
  }
  return {
    data,
    status: res.status,
    statusText: res.statusText,
    ok: res.ok,
    headers: res.headers,
    redirected: res.redirected,
    type: res.type,
    url: res.url,
    config: options,
  };
}

/** Appends params like Grafana does: arrays repeat the key, undefined values are left out. */
function withParams(url: string, params?: Record<string, unknown>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params ?? {})) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v !== undefined && v !== null) {
        search.append(key, String(v));
      }
    }
  }
  const query = search.toString();
  return query ? `${url}${url.includes('?') ? '&' : '?'}${query}` : url;
}
