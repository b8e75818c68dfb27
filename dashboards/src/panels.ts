/**
 * The stock panels the dashboards use, with the suite's conventions (units, thresholds, legend,
 * tooltip, links) set once, each on the SDK's typed builder of that panel.
 */
import * as bargauge from '@grafana/grafana-foundation-sdk/bargauge';
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import * as common from '@grafana/grafana-foundation-sdk/common';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';
import * as stat from '@grafana/grafana-foundation-sdk/stat';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';

import { ANOMALY, type DataLink, dataLinks, ours, PROMETHEUS, thresholds, withRefIds } from './grafana';

/** A panel builder with the grid size it asks for; the dashboard lays it out. */
export interface Sized {
  builder: cog.Builder<dashboard.Panel>;
  w: number;
  h: number;
}

/** A Prometheus query as Grafana's Prometheus datasource stores it. */
export function prom(expr: string, legendFormat = '', opts: { instant?: boolean } = {}) {
  const q = new prometheus.DataqueryBuilder()
    .datasource(PROMETHEUS)
    .editorMode(prometheus.QueryEditorMode.Code)
    .expr(expr)
    .legendFormat(legendFormat);
  return opts.instant ? q.instant() : q.range();
}

/** A "series" query of our datasource (PromQL evaluated by the backend, one frame per series). */
export function series(expr: string, legendFormat = '') {
  return ours({ queryType: 'series', expr, legendFormat, minStep: '30s' });
}

type Steps = Array<[string, number | null]>;

export interface PanelOptions {
  title: string;
  description?: string;
  /** Grid width (of 24) and height. */
  w: number;
  h: number;
  unit: string;
  targets: Array<cog.Builder<cog.Dataquery>>;
  /** The panel's datasource; our datasource when unset and the first target is not Prometheus'. */
  datasource?: typeof PROMETHEUS | typeof ANOMALY;
  min?: number;
  max?: number;
  decimals?: number;
  thresholds?: Steps;
  /** Draw the thresholds as lines (timeseries) instead of only colouring values. */
  thresholdLines?: boolean;
  links?: DataLink[];
  mappings?: dashboard.ValueMapping[];
  stack?: boolean;
  /** Stat panels: colour the background by threshold and draw a sparkline. */
  colorMode?: common.BigValueColorMode;
  graphMode?: common.BigValueGraphMode;
  reduce?: string;
  overrides?: Array<{ matcher: dashboard.MatcherConfig; properties: dashboard.DynamicConfigValue[] }>;
}

/** What every data panel sets: title, datasource, queries, unit, range, thresholds, links. */
function common_<B extends timeseries.PanelBuilder | stat.PanelBuilder | bargauge.PanelBuilder>(
  b: B,
  o: PanelOptions
): B {
  const ds = o.datasource ?? datasourceOf(o.targets[0]);
  b.title(o.title)
    .datasource(ds)
    .targets(withRefIds(o.targets))
    .unit(o.unit)
    .mappings(o.mappings ?? [])
    .thresholds(thresholds(...(o.thresholds ?? [['green', null]])))
    .dataLinks(dataLinks(o.links ?? []).map((l) => ({ build: () => l })))
    .overrides(o.overrides ?? []);
  if (o.description) {
    b.description(o.description);
  }
  if (o.min !== undefined) {
    b.min(o.min);
  }
  if (o.max !== undefined) {
    b.max(o.max);
  }
  if (o.decimals !== undefined) {
    b.decimals(o.decimals);
  }
  return b;
}

function datasourceOf(target: cog.Builder<cog.Dataquery>) {
  const ds = (target.build() as { datasource?: { uid?: string } }).datasource;
  return ds?.uid === PROMETHEUS.uid ? PROMETHEUS : ANOMALY;
}

const color = (mode: dashboard.FieldColorModeId) => new dashboard.FieldColorBuilder().mode(mode);

export function timeseriesPanel(o: PanelOptions): Sized {
  const b = common_(new timeseries.PanelBuilder(), o)
    .colorScheme(color(dashboard.FieldColorModeId.PaletteClassic))
    .drawStyle(common.GraphDrawStyle.Line)
    .lineWidth(1)
    .fillOpacity(o.stack ? 60 : 10)
    .gradientMode(common.GraphGradientMode.None)
    .showPoints(common.VisibilityMode.Never)
    .spanNulls(false)
    .stacking(
      new common.StackingConfigBuilder()
        .mode(o.stack ? common.StackingMode.Normal : common.StackingMode.None)
        .group('A')
    )
    .axisPlacement(common.AxisPlacement.Auto)
    .thresholdsStyle(
      new common.GraphThresholdsStyleConfigBuilder().mode(
        o.thresholdLines ? common.GraphThresholdsStyleMode.Line : common.GraphThresholdsStyleMode.Off
      )
    )
    .legend(legend([]))
    .tooltip(tooltip(common.SortOrder.Descending));
  return { builder: b, w: o.w, h: o.h };
}

export function legend(calcs: string[]) {
  return new common.VizLegendOptionsBuilder()
    .displayMode(common.LegendDisplayMode.List)
    .placement(common.LegendPlacement.Bottom)
    .showLegend(true)
    .calcs(calcs);
}

export function tooltip(sort: common.SortOrder) {
  return new common.VizTooltipOptionsBuilder().mode(common.TooltipDisplayMode.Multi).sort(sort);
}

const reduce = (o: PanelOptions) =>
  new common.ReduceDataOptionsBuilder()
    .values(false)
    .calcs([o.reduce ?? 'lastNotNull'])
    .fields('');

export function statPanel(o: PanelOptions): Sized {
  const b = common_(new stat.PanelBuilder(), o)
    .colorScheme(
      color(o.thresholds ? dashboard.FieldColorModeId.Thresholds : dashboard.FieldColorModeId.PaletteClassic)
    )
    .reduceOptions(reduce(o))
    .orientation(common.VizOrientation.Auto)
    .textMode(common.BigValueTextMode.Auto)
    .colorMode(o.colorMode ?? common.BigValueColorMode.Value)
    .graphMode(o.graphMode ?? common.BigValueGraphMode.Area)
    .justifyMode(common.BigValueJustifyMode.Auto)
    .wideLayout(true)
    .showPercentChange(false);
  return { builder: b, w: o.w, h: o.h };
}

export function bargaugePanel(o: PanelOptions): Sized {
  const b = common_(new bargauge.PanelBuilder(), o)
    .colorScheme(
      color(o.thresholds ? dashboard.FieldColorModeId.Thresholds : dashboard.FieldColorModeId.PaletteClassic)
    )
    .reduceOptions(reduce(o))
    .orientation(common.VizOrientation.Horizontal)
    .displayMode(common.BarGaugeDisplayMode.Gradient)
    .showUnfilled(true)
    .valueMode(common.BarGaugeValueMode.Color)
    .namePlacement(common.BarGaugeNamePlacement.Auto)
    .sizing(common.BarGaugeSizing.Auto)
    .minVizHeight(16)
    .minVizWidth(8)
    .maxVizHeight(300);
  return { builder: b, w: o.w, h: o.h };
}
