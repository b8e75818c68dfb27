import { colorManipulator, FieldColorModeId, type GrafanaTheme2 } from '@grafana/data';

import type { OverlaySeries } from './model';

/**
 * The series' line colour: a fixed colour from its field config (defaults or an override), else
 * the theme's classic palette by position, as Grafana's "Classic palette" colour scheme does.
 */
export function seriesColor(s: OverlaySeries, index: number, theme: GrafanaTheme2): string {
  const color = s.valueField.config.color;
  if (color?.mode === FieldColorModeId.Fixed && color.fixedColor) {
    return theme.visualization.getColorByName(color.fixedColor);
  }
  const palette = theme.visualization.palette;
  return theme.visualization.getColorByName(palette[index % palette.length]);
}

/** The band's fill: the series colour, faint enough that the lines over it stay readable in both themes. */
export function bandFill(color: string, theme: GrafanaTheme2): string {
  return colorManipulator.alpha(color, theme.isDark ? 0.18 : 0.14);
}

/**
 * A marker's colour by anomaly score (score > 1 ⇔ outside the band): orange just outside,
 * red at twice the band's half-width, dark red from four times.
 */
export function scoreColor(score: number, theme: GrafanaTheme2): string {
  const name = score >= 4 ? 'dark-red' : score >= 2 ? 'red' : 'orange';
  return theme.visualization.getColorByName(name);
}

/** A marker's radius in CSS px: 3 just outside the band, growing with the score up to 8. */
export function scoreRadius(score: number): number {
  return 3 + Math.min(5, Math.max(0, score - 1) * 0.8);
}
