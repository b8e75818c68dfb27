/**
 * The suite's dashboards through Grafana's typed builders (@grafana/grafana-foundation-sdk, the
 * builders Grafana publishes for dashboards as code): each helper here returns a builder of the SDK,
 * so a field Grafana's schema types differently (a bare `thresholds` array instead of
 * `{mode, steps}`, a string where a number belongs, an unknown option of a stock panel) is a compile
 * error, not a panel Grafana renders grey. What the SDK leaves untyped — the options and queries of
 * our own plugins — is typed here from the plugins' own types.
 *
 * The SDK's classic `dashboard` package is used, not `dashboardv2`: Grafana's file provisioning
 * (provisioning/dashboards/dashboards.yaml) and the tests in pkg/integration/dashboards read the
 * classic dashboard JSON model.
 */
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';

import type { Query } from '../../src/datasource/types';

export const PROMETHEUS = { type: 'prometheus', uid: 'ce-prometheus' };
export const ANOMALY = { type: 'claudeenhancer-anomaly-datasource', uid: 'ce-anomaly' };

/** The tag every dashboard of the suite carries; dashboard links list dashboards by it. */
export const TAG = 'claude-enhancer';

export const GREEN = 'green';
export const RED = 'red';
export const ORANGE = 'orange';

/** Absolute thresholds, the first step from -Infinity (`null`). */
export function thresholds(...steps: Array<[string, number | null]>): dashboard.ThresholdsConfigBuilder {
  return new dashboard.ThresholdsConfigBuilder()
    .mode(dashboard.ThresholdsMode.Absolute)
    .steps(steps.map(([color, value]) => ({ color, value })));
}

/**
 * A query of our datasource, typed by the datasource's own query model (src/datasource/types.ts), as
 * an SDK query builder. `refId` is given by the panel (A, B, … in order).
 */
export type OurQuery = Query extends infer Q ? (Q extends Query ? Omit<Q, 'refId' | 'datasource'> : never) : never;

class OurQueryBuilder implements cog.Builder<cog.Dataquery> {
  constructor(private readonly query: OurQuery & { refId?: string }) {}

  build(): cog.Dataquery {
    // The SDK marks query variants with a method; JSON leaves it out.
    const query: cog.Dataquery = { _implementsDataqueryVariant() {} };
    return Object.assign(query, this.query, { datasource: ANOMALY });
  }
}

export function ours(query: OurQuery & { refId?: string }): cog.Builder<cog.Dataquery> {
  return new OurQueryBuilder(query);
}

/** Gives each target of a panel its refId (A, B, …) unless it has one, as Grafana's editor does. */
export function withRefIds(targets: Array<cog.Builder<cog.Dataquery>>): Array<cog.Builder<cog.Dataquery>> {
  return targets.map((t, i) => ({
    build: () => ({ refId: String.fromCharCode(65 + i), ...t.build() }) as cog.Dataquery,
  }));
}

/**
 * A field data link (Grafana's DataLink: title and URL). The SDK 0.0.21 types field-config links as
 * dashboard links (`type`, `tags`, `asDropdown`, …), which data links are not; this is the one place
 * a data link enters a field config.
 */
export interface DataLink {
  title: string;
  url: string;
}

export function dataLinks(links: DataLink[]): dashboard.DashboardLink[] {
  return links as unknown as dashboard.DashboardLink[];
}

/** A data link to another dashboard of the suite, keeping the time range and variables. */
export function drill(title: string, uid: string, slug: string, vars: string): DataLink {
  return { title, url: `/d/${uid}/${slug}?\${__url_time_range}&\${environment:queryparam}&${vars}` };
}

/**
 * Removes `placement: "inControlsMenu"`, which SDK 0.0.21 sets on every dashboard link and
 * annotation query it builds (grafana/grafana-foundation-sdk#1272): Grafana 12.4+ would move them
 * from above the panels into the dashboard controls' menu.
 */
export function abovePanels<T extends { placement?: unknown }>(b: cog.Builder<T>): cog.Builder<T> {
  return {
    build: () => {
      const { placement: _placement, ...rest } = b.build();
      return rest as T;
    },
  };
}
