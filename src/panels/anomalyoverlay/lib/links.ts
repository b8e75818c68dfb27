import { locationUtil, urlUtil, type DataQueryRequest, type LinkModel } from '@grafana/data';
import { config } from '@grafana/runtime';

/**
 * A link to Explore with the query that produced the series, over the same absolute range, in
 * the URL format Grafana 10+ reads (`panes`, schemaVersion 1), built as Grafana's own Explore
 * links are (urlUtil.renderUrl, under the server's sub-path). It names the viewer's org: the link
 * opens in a new tab, which Grafana shows in the org of the session, and that may have been
 * switched since the dashboard loaded; with orgId Grafana switches back, so the datasource uid
 * resolves. Undefined when the panel's request has no query with that refId (a test, or a
 * transformed result).
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
  const orgId = config.bootData?.user?.orgId;
  const href = locationUtil.assureBaseUrl(
    urlUtil.renderUrl('/explore', { ...(orgId ? { orgId } : {}), schemaVersion: 1, panes: JSON.stringify(panes) })
  );
  return { href, title: 'Explore this query over the same range', target: '_blank', origin: {} };
}
