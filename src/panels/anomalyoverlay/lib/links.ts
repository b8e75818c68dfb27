import type { DataQueryRequest, LinkModel } from '@grafana/data';

/**
 * A link to Explore with the query that produced the series, over the same absolute range, in
 * the URL format Grafana 10+ reads (`panes`, schemaVersion 1). Undefined when the panel's
 * request has no query with that refId (a test, or a transformed result).
 */
export function exploreLink(
  request: DataQueryRequest | undefined,
  refId: string | undefined,
  range: { from: number; to: number }
): LinkModel | undefined {
  const query = request?.targets.find((t) => t.refId === refId);
  if (!query) {
    return undefined;
  }
  const datasource = query.datasource ?? undefined;
  const panes = {
    a: {
      datasource: datasource?.uid,
      queries: [{ ...query, datasource }],
      range: { from: String(Math.round(range.from)), to: String(Math.round(range.to)) },
    },
  };
  const href = `/explore?schemaVersion=1&panes=${encodeURIComponent(JSON.stringify(panes))}`;
  return { href, title: 'Explore this query over the same range', target: '_blank', origin: {} };
}
