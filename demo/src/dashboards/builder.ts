/**
 * A small builder for the provisioned dashboards, so the JSON stays uniform (datasources by fixed
 * uid, units, thresholds, links, layout) and the files in provisioning/dashboards are generated,
 * not hand-edited: `npm run demo:dashboards` rewrites them and a test fails when they differ.
 */

export const PROMETHEUS = { type: 'prometheus', uid: 'ce-prometheus' } as const;
export const ANOMALY = { type: 'claudeenhancer-anomaly-datasource', uid: 'ce-anomaly' } as const;
type DatasourceRef = typeof PROMETHEUS | typeof ANOMALY;

/** The tag every dashboard of the suite carries; dashboard links list dashboards by it. */
export const TAG = 'claude-enhancer';

export interface Target {
  refId?: string;
  datasource: DatasourceRef;
  expr: string;
  legendFormat?: string;
  [key: string]: unknown;
}

/** A Prometheus query as Grafana's Prometheus datasource stores it. */
export function prom(expr: string, legendFormat = '', opts: { instant?: boolean } = {}): Target {
  return {
    datasource: PROMETHEUS,
    editorMode: 'code',
    expr,
    legendFormat,
    range: !opts.instant,
    instant: Boolean(opts.instant),
  };
}

/** A "series" query of our datasource (PromQL evaluated by the backend, one frame per series). */
export function anomaly(expr: string, legendFormat = ''): Target {
  return { datasource: ANOMALY, queryType: 'series', expr, legendFormat, minStep: '30s' };
}

export type Threshold = { color: string; value: number | null };

export interface PanelOptions {
  title: string;
  description?: string;
  /** Grid width (of 24) and height. */
  w: number;
  h: number;
  unit: string;
  targets: Target[];
  min?: number;
  max?: number;
  decimals?: number;
  thresholds?: Threshold[];
  /** Draw the thresholds as lines (timeseries) instead of only colouring values. */
  thresholdLines?: boolean;
  links?: Array<{ title: string; url: string }>;
  mappings?: unknown[];
  stack?: boolean;
  /** Stat panels: colour the background by threshold and draw a sparkline. */
  colorMode?: 'background' | 'value' | 'none';
  graphMode?: 'area' | 'none';
  reduce?: string;
  overrides?: unknown[];
}

export interface Panel {
  type: string;
  title: string;
  gridPos: { h: number; w: number; x: number; y: number };
  id?: number;
  [key: string]: unknown;
}

function fieldConfig(o: PanelOptions, custom?: object) {
  return {
    defaults: {
      unit: o.unit,
      ...(o.min !== undefined && { min: o.min }),
      ...(o.max !== undefined && { max: o.max }),
      ...(o.decimals !== undefined && { decimals: o.decimals }),
      color: { mode: o.thresholds && !custom ? 'thresholds' : 'palette-classic' },
      ...(custom && { custom }),
      mappings: o.mappings ?? [],
      thresholds: { mode: 'absolute', steps: o.thresholds ?? [{ color: 'green', value: null }] },
      links: o.links ?? [],
    },
    overrides: o.overrides ?? [],
  };
}

function base(type: string, o: PanelOptions) {
  const datasource = o.targets[0].datasource;
  return {
    type,
    title: o.title,
    ...(o.description && { description: o.description }),
    datasource,
    gridPos: { h: o.h, w: o.w, x: 0, y: 0 },
    targets: o.targets.map((t, i) => ({ refId: String.fromCharCode(65 + i), ...t })),
  };
}

export function timeseries(o: PanelOptions): Panel {
  const custom = {
    drawStyle: 'line',
    lineWidth: 1,
    fillOpacity: o.stack ? 60 : 10,
    gradientMode: 'none',
    showPoints: 'never',
    spanNulls: false,
    stacking: { mode: o.stack ? 'normal' : 'none', group: 'A' },
    axisPlacement: 'auto',
    thresholdsStyle: { mode: o.thresholdLines ? 'line' : 'off' },
  };
  return {
    ...base('timeseries', o),
    fieldConfig: fieldConfig(o, custom),
    options: {
      legend: { displayMode: 'list', placement: 'bottom', showLegend: true, calcs: [] },
      tooltip: { mode: 'multi', sort: 'desc' },
    },
  };
}

export function stat(o: PanelOptions): Panel {
  return {
    ...base('stat', o),
    fieldConfig: fieldConfig(o),
    options: {
      reduceOptions: { values: false, calcs: [o.reduce ?? 'lastNotNull'], fields: '' },
      orientation: 'auto',
      textMode: 'auto',
      colorMode: o.colorMode ?? 'value',
      graphMode: o.graphMode ?? 'area',
      justifyMode: 'auto',
      wideLayout: true,
      showPercentChange: false,
    },
  };
}

export function bargauge(o: PanelOptions): Panel {
  return {
    ...base('bargauge', o),
    fieldConfig: fieldConfig(o),
    options: {
      reduceOptions: { values: false, calcs: [o.reduce ?? 'lastNotNull'], fields: '' },
      orientation: 'horizontal',
      displayMode: 'gradient',
      showUnfilled: true,
      valueMode: 'color',
      namePlacement: 'auto',
      sizing: 'auto',
      minVizHeight: 16,
      minVizWidth: 8,
      maxVizHeight: 300,
    },
  };
}

export function text(title: string, content: string, w: number, h: number): Panel {
  return { type: 'text', title, gridPos: { h, w, x: 0, y: 0 }, options: { mode: 'markdown', content } };
}

export interface Row {
  title: string;
  panels: Panel[];
}

export function row(title: string, panels: Panel[]): Row {
  return { title, panels };
}

/** Query variables `environment` and `service` (and optionally `instance`), chained, All = `.*`. */
export function variables(withInstance = false) {
  const variable = (name: string, label: string, query: string) => ({
    name,
    label,
    type: 'query',
    datasource: PROMETHEUS,
    definition: query,
    // A string: Grafana runs it as is and its editor parses label_values(...) into its fields.
    query,
    refresh: 2,
    includeAll: true,
    multi: true,
    allValue: '.*',
    current: { selected: true, text: ['All'], value: ['$__all'] },
    options: [],
    regex: '',
    sort: 1,
    hide: 0,
    skipUrlSync: false,
  });
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
  return { list };
}

export interface DashboardOptions {
  uid: string;
  title: string;
  description: string;
  tags: string[];
  rows: Row[];
  /** Panels above the first row (the key figures). */
  header?: Panel[];
  withInstance?: boolean;
  time?: string;
}

/** Lays panels out left to right, wrapping at 24 columns, each row under a collapsible row panel. */
export function dashboard(o: DashboardOptions) {
  const panels: Panel[] = [];
  let id = 1;
  let y = 0;
  const place = (list: Panel[]) => {
    let x = 0;
    let rowHeight = 0;
    for (const p of list) {
      const { w, h } = p.gridPos;
      if (x + w > 24) {
        y += rowHeight;
        x = 0;
        rowHeight = 0;
      }
      panels.push({ ...p, id: id++, gridPos: { h, w, x, y } });
      x += w;
      rowHeight = Math.max(rowHeight, h);
    }
    y += rowHeight;
  };
  place(o.header ?? []);
  for (const r of o.rows) {
    panels.push({
      type: 'row',
      title: r.title,
      collapsed: false,
      id: id++,
      gridPos: { h: 1, w: 24, x: 0, y },
      panels: [],
    });
    y += 1;
    place(r.panels);
  }
  return {
    uid: o.uid,
    title: o.title,
    description: o.description,
    tags: [TAG, ...o.tags],
    id: null,
    version: 1,
    schemaVersion: 41,
    editable: true,
    // Shared crosshair: every panel reads the same instant ("时间对齐").
    graphTooltip: 1,
    timezone: 'browser',
    fiscalYearStartMonth: 0,
    liveNow: false,
    refresh: '30s',
    time: { from: o.time ?? 'now-6h', to: 'now' },
    timepicker: {},
    links: [
      {
        title: 'Claude Enhancer',
        type: 'dashboards',
        tags: [TAG],
        asDropdown: false,
        includeVars: true,
        keepTime: true,
        targetBlank: false,
        icon: 'external link',
        tooltip: '',
        url: '',
      },
    ],
    annotations: {
      list: [
        {
          builtIn: 1,
          datasource: { type: 'grafana', uid: '-- Grafana --' },
          enable: true,
          hide: true,
          iconColor: 'rgba(0, 211, 255, 1)',
          name: 'Annotations & Alerts',
          type: 'dashboard',
        },
      ],
    },
    templating: variables(o.withInstance),
    panels,
  };
}

/** The standard selector of the suite's series, with the dashboard variables. */
export function sel(extra = '', withInstance = false): string {
  const parts = ['job=~"claude-enhancer.*"', 'environment=~"$environment"', 'service=~"$service"'];
  if (withInstance) {
    parts.push('instance=~"$instance"');
  }
  if (extra) {
    parts.push(extra);
  }
  return `{${parts.join(', ')}}`;
}

/** A data link to another dashboard of the suite, keeping the time range and variables. */
export function drill(title: string, uid: string, slug: string, vars: string): { title: string; url: string } {
  return { title, url: `/d/${uid}/${slug}?\${__url_time_range}&\${environment:queryparam}&${vars}` };
}

export const GREEN = 'green';
export const RED = 'red';
export const ORANGE = 'orange';
export const thresholds = (...steps: Array<[string, number | null]>): Threshold[] =>
  steps.map(([color, value]) => ({ color, value }));
