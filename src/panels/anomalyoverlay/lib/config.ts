import {
  formattedValueToString,
  type DisplayProcessor,
  type GrafanaTheme2,
  type ThresholdsConfig,
} from '@grafana/data';
import {
  AxisPlacement,
  GraphDrawStyle,
  GraphThresholdsStyleMode,
  ScaleDirection,
  ScaleOrientation,
  VisibilityMode,
} from '@grafana/schema';
import { UPlotConfigBuilder } from '@grafana/ui';

import { bandFill, seriesColor } from './colors';
import { overlayDrawHook, type FormatSize } from './draw';
import type { OverlaySeries } from './model';
import type { PlotData, Role } from './plotData';

export interface ChartSetup {
  series: OverlaySeries[];
  plot: PlotData;
  theme: GrafanaTheme2;
  timeZone: string;
  /** The x range: the dashboard's, widened to the end of a forecast. */
  getXRange: () => [number, number];
  /** Formats y values in the first series' unit and decimals (standard options). */
  display: DisplayProcessor;
  min?: number | null;
  max?: number | null;
  thresholds?: ThresholdsConfig;
  showMarkers: boolean;
  formatSize: FormatSize;
  /** Cursor sync key: the dashboard's shared crosshair, or undefined when it is off. */
  syncKey?: string;
  /** Fixed width of the y axis and right padding, so that the score strip below lines up. */
  yAxisSize?: number;
}

/**
 * Right padding of the chart and its score strip: room for a time label at the range's end (uPlot's
 * automatic padding cut "12:00" to "12:0" when the range ended on a label).
 */
export const RIGHT_PADDING = 24;

/** Line looks by role: the value solid, baseline dashed, band edges invisible, forecast edges dashed. */
const LOOKS: Record<Role, { width: number; dash?: number[]; alpha?: number }> = {
  value: { width: 1.5 },
  baseline: { width: 1, dash: [6, 4], alpha: 0.9 },
  lower: { width: 0 },
  upper: { width: 0 },
  trend: { width: 1, dash: [2, 3] },
  forecastLower: { width: 1, dash: [4, 4], alpha: 0.7 },
  forecastUpper: { width: 1, dash: [4, 4], alpha: 0.7 },
};

/** The uPlot configuration of the overlay chart, through @grafana/ui's builder (theme-aware axes). */
export function buildChartConfig(setup: ChartSetup): UPlotConfigBuilder {
  const { series, plot, theme, timeZone } = setup;
  const builder = new UPlotConfigBuilder(timeZone);
  builder.addScale({
    scaleKey: 'x',
    isTime: true,
    orientation: ScaleOrientation.Horizontal,
    direction: ScaleDirection.Right,
    range: setup.getXRange,
  });
  builder.addAxis({ scaleKey: 'x', isTime: true, placement: AxisPlacement.Bottom, timeZone, theme });
  builder.addScale({
    scaleKey: 'y',
    orientation: ScaleOrientation.Vertical,
    direction: ScaleDirection.Up,
    min: setup.min,
    max: setup.max,
  });
  builder.addAxis({
    scaleKey: 'y',
    placement: AxisPlacement.Left,
    theme,
    size: setup.yAxisSize,
    formatValue: (v, decimals) => formattedValueToString(setup.display(v, decimals)),
  });
  if (setup.thresholds && setup.thresholds.steps.length > 1) {
    builder.addThresholds({
      scaleKey: 'y',
      thresholds: setup.thresholds,
      config: { mode: GraphThresholdsStyleMode.Dashed },
      theme,
      hardMin: setup.min,
      hardMax: setup.max,
    });
  }
  const colors = series.map((s, i) => seriesColor(s, i, theme));
  plot.slots.forEach((slot, k) => {
    const look = LOOKS[slot.role];
    const color = slot.role === 'baseline' ? theme.colors.text.secondary : colors[slot.series];
    builder.addSeries({
      scaleKey: 'y',
      theme,
      drawStyle: GraphDrawStyle.Line,
      lineColor: color,
      lineWidth: look.width,
      lineStyle: look.dash ? { fill: 'dash', dash: look.dash } : { fill: 'solid' },
      fillOpacity: 0,
      showPoints: VisibilityMode.Never,
      spanNulls: false,
      pxAlign: false,
    });
    if (slot.role === 'upper') {
      const lower = plot.slots.findIndex((s) => s.series === slot.series && s.role === 'lower');
      builder.addBand({ series: [k + 1, lower + 1], fill: bandFill(colors[slot.series], theme) });
    }
  });
  builder.setPadding([8, RIGHT_PADDING, 0, 0]);
  builder.addHook('draw', overlayDrawHook(series, plot, theme, setup.showMarkers, setup.formatSize));
  builder.setCursor({
    points: { show: false },
    ...(setup.syncKey ? { sync: { key: setup.syncKey, scales: ['x', null] } } : {}),
  });
  return builder;
}
