import type { TimeRange } from '@grafana/data';

import type { ResourceRequest } from './completion';

export interface ResourceOptions {
  /** Series selector narrowing the answer, e.g. `up{job="api"}`. */
  match?: string;
  /** Only series seen in this range; the whole retention when absent. */
  range?: TimeRange;
}

/** Query parameters of the `metrics`, `labels` and `label-values` resources; absent options are left out. */
export function resourceParams({ match, range }: ResourceOptions = {}): Record<string, string | number> {
  return {
    ...(match ? { match } : {}),
    ...(range ? { start: Math.floor(range.from.valueOf() / 1000), end: Math.ceil(range.to.valueOf() / 1000) } : {}),
  };
}

/** Stable key of a request, to cache its answer. */
export function requestKey(request: ResourceRequest): string {
  return JSON.stringify([
    request.resource,
    'label' in request ? request.label : '',
    'match' in request ? (request.match ?? '') : '',
  ]);
}
