/**
 * A dashboard of the suite: uniform settings (shared crosshair, links by tag, refresh, variables),
 * panels laid out left to right in rows, ids in reading order.
 */
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';

import { abovePanels, PROMETHEUS, TAG } from './grafana';
import type { Sized } from './panels';

export interface Row {
  title: string;
  panels: Sized[];
}

export function row(title: string, panels: Sized[]): Row {
  return { title, panels };
}

function variable(name: string, label: string, query: string) {
  return (
    new dashboard.QueryVariableBuilder(name)
      .label(label)
      .datasource(PROMETHEUS)
      .definition(query)
      // A string: Grafana runs it as is and its editor parses label_values(...) into its fields.
      .query(query)
      .refresh(dashboard.VariableRefresh.OnTimeRangeChanged)
      .includeAll(true)
      .multi(true)
      .allValue('.*')
      .current({ selected: true, text: ['All'], value: ['$__all'] })
      .options([])
      .regex('')
      .sort(dashboard.VariableSort.AlphabeticalAsc)
      .hide(dashboard.VariableHide.DontHide)
  );
}

/** Query variables `environment` and `service` (and optionally `instance`), chained, All = `.*`. */
export function variables(withInstance = false): dashboard.QueryVariableBuilder[] {
  const list = [
    variable('environment', 'Environment', 'label_values(up{job=~"claude-enhancer.*"}, environment)'),
    variable('service', 'Service', 'label_values(up{job=~"claude-enhancer.*", environment=~"$environment"}, service)'),
  ];
  if (withInstance) {
    list.push(
      variable(
        'instance',
        'Instance',
        'label_values(up{job=~"claude-enhancer.*", environment=~"$environment", service=~"$service"}, instance)'
      )
    );
  }
  return list;
}

export interface DashboardOptions {
  uid: string;
  title: string;
  description: string;
  tags: string[];
  rows: Row[];
  /** Panels above the first row (the key figures). */
  header?: Sized[];
  /** The dashboard variables; `environment` and `service` when unset. */
  variables?: dashboard.QueryVariableBuilder[];
  /** Annotation queries shown on every panel, after Grafana's built-in one. */
  annotations?: Array<cog.Builder<dashboard.AnnotationQuery>>;
  time?: string;
  refresh?: string;
  /** The dashboards link carries the variables (false where the dashboard has none). */
  linkVariables?: boolean;
}

/** Grafana's built-in "Annotations & Alerts" query, as Grafana writes it into a new dashboard. */
const builtInAnnotations = new dashboard.AnnotationQueryBuilder()
  .builtIn(1)
  .datasource({ type: 'grafana', uid: '-- Grafana --' })
  .enable(true)
  .hide(true)
  .iconColor('rgba(0, 211, 255, 1)')
  .name('Annotations & Alerts')
  .type('dashboard');

/** Lays panels out left to right, wrapping at 24 columns, each row under an expanded row panel. */
export function buildDashboard(o: DashboardOptions): dashboard.Dashboard {
  const b = new dashboard.DashboardBuilder(o.title)
    .uid(o.uid)
    .description(o.description)
    .tags([TAG, ...o.tags])
    .version(1)
    .editable()
    // Shared crosshair: every panel reads the same instant.
    .tooltip(dashboard.DashboardCursorSync.Crosshair)
    .timezone('browser')
    .fiscalYearStartMonth(0)
    .liveNow(false)
    .refresh(o.refresh ?? '30s')
    .time({ from: o.time ?? 'now-6h', to: 'now' })
    .link(
      abovePanels(
        new dashboard.DashboardLinkBuilder('Claude Enhancer')
          .type(dashboard.DashboardLinkType.Dashboards)
          .tags([TAG])
          .asDropdown(false)
          .includeVars(o.linkVariables ?? true)
          .keepTime(true)
          .targetBlank(false)
          .icon('external link')
          .tooltip('')
          .url('')
      )
    )
    .annotations([abovePanels(builtInAnnotations), ...(o.annotations ?? []).map(abovePanels)])
    .variables(o.variables ?? variables());

  let id = 1;
  let y = 0;
  const place = (list: Sized[]) => {
    let x = 0;
    let rowHeight = 0;
    for (const { builder, w, h } of list) {
      if (x + w > 24) {
        y += rowHeight;
        x = 0;
        rowHeight = 0;
      }
      const panel = { ...builder.build(), id: id++, gridPos: { h, w, x, y } };
      b.withPanel({ build: () => panel });
      x += w;
      rowHeight = Math.max(rowHeight, h);
    }
    y += rowHeight;
  };
  place(o.header ?? []);
  for (const r of o.rows) {
    const rowPanel = new dashboard.RowBuilder(r.title).collapsed(false).id(id++).gridPos({ h: 1, w: 24, x: 0, y });
    b.withRow(rowPanel);
    y += 1;
    place(r.panels);
  }
  return { ...b.build(), id: null };
}
