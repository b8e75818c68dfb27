import type { GrafanaTheme2 } from '@grafana/data';
import uPlot from 'uplot';

import { scoreColor, scoreRadius } from './colors';
import type { OverlaySeries } from './model';
import type { PlotData } from './plotData';

/** Formats a change size in the series' unit, e.g. "+12.5 ms". */
export type FormatSize = (s: OverlaySeries, size: number) => string;

/**
 * A uPlot draw hook that paints, over the lines, each flagged point as a disc coloured and sized
 * by its score, and each trend change point as a triangle with its size. Drawing them here rather
 * than as point series keeps the cost to the flagged points themselves.
 */
export function overlayDrawHook(
  series: OverlaySeries[],
  plot: PlotData,
  theme: GrafanaTheme2,
  showMarkers: boolean,
  formatSize: FormatSize
) {
  const valueColumn = series.map((_, i) => 1 + plot.slots.findIndex((s) => s.series === i && s.role === 'value'));
  // Colour and size depend on the score only: worked out once, not on every redraw (hover, zoom).
  const looks = plot.flagged.map((idx, i) =>
    idx.map((k) => {
      const score = plot.scores[i]?.[k] ?? 1;
      return { color: scoreColor(score, theme), radius: scoreRadius(score) };
    })
  );
  const outline = theme.colors.background.primary;
  return (u: uPlot) => {
    const ctx = u.ctx;
    const px = uPlot.pxRatio;
    ctx.save();
    ctx.beginPath();
    ctx.rect(u.bbox.left, u.bbox.top, u.bbox.width, u.bbox.height);
    ctx.clip();
    series.forEach((s, i) => {
      const col = valueColumn[i];
      if (col < 1 || u.series[col]?.show === false) {
        return;
      }
      // plot.data, not u.data: uPlot may draw decimated columns, and every flagged point is marked.
      const ys = plot.data[col];
      if (showMarkers) {
        const [xMin, xMax] = [u.scales.x.min!, u.scales.x.max!];
        plot.flagged[i].forEach((k, j) => {
          const y = ys[k];
          const t = plot.x[k];
          if (y == null || t < xMin || t > xMax) {
            return;
          }
          const cx = u.valToPos(t, 'x', true);
          const cy = u.valToPos(y, u.series[col].scale!, true);
          ctx.beginPath();
          ctx.arc(cx, cy, looks[i][j].radius * px, 0, 2 * Math.PI);
          ctx.fillStyle = looks[i][j].color;
          ctx.fill();
          ctx.lineWidth = px;
          ctx.strokeStyle = outline;
          ctx.stroke();
        });
      }
      for (const c of s.changes) {
        drawChange(u, c.time, c.size, theme);
      }
    });
    drawChangeLabels(
      u,
      series.flatMap((s) => s.changes.map((c) => ({ time: c.time, size: c.size, label: formatSize(s, c.size) }))),
      theme
    );
    ctx.restore();
  };
}

function drawChange(u: uPlot, time: number, size: number, theme: GrafanaTheme2) {
  const ctx = u.ctx;
  const px = uPlot.pxRatio;
  const x = u.valToPos(time, 'x', true);
  if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) {
    return;
  }
  const top = u.bbox.top + 4 * px;
  ctx.strokeStyle = theme.colors.text.secondary;
  ctx.setLineDash([3 * px, 3 * px]);
  ctx.lineWidth = px;
  ctx.beginPath();
  ctx.moveTo(x, top);
  ctx.lineTo(x, u.bbox.top + u.bbox.height);
  ctx.stroke();
  ctx.setLineDash([]);
  const h = TRIANGLE * px;
  const up = size >= 0;
  ctx.beginPath();
  ctx.moveTo(x - h, up ? top + h : top);
  ctx.lineTo(x + h, up ? top + h : top);
  ctx.lineTo(x, up ? top : top + h);
  ctx.closePath();
  ctx.fillStyle = theme.colors.warning.main;
  ctx.fill();
}

/** Half the width of a change point's triangle, in CSS pixels. */
const TRIANGLE = 7;

/**
 * The sizes beside the change points' triangles, largest change first, right of the triangle or
 * else left of it, each only where it covers no label already drawn and no other triangle: close
 * change points would otherwise print over each other. An unlabelled change keeps its triangle
 * and line.
 */
function drawChangeLabels(
  u: uPlot,
  changes: Array<{ time: number; size: number; label: string }>,
  theme: GrafanaTheme2
) {
  const ctx = u.ctx;
  const px = uPlot.pxRatio;
  ctx.font = `${12 * px}px ${theme.typography.fontFamily}`;
  ctx.fillStyle = theme.colors.text.primary;
  ctx.textBaseline = 'top';
  ctx.textAlign = 'left'; // uPlot leaves the axes' alignment set
  const top = u.bbox.top + 4 * px;
  const [left, right] = [u.bbox.left, u.bbox.left + u.bbox.width];
  const gap = 4 * px;
  const t = TRIANGLE * px;
  const shown = changes
    .map((c) => ({ ...c, x: u.valToPos(c.time, 'x', true) }))
    .filter((c) => c.x >= left && c.x <= right);
  const taken: Array<[number, number]> = [];
  const free = (from: number, to: number, own: number) =>
    from >= left &&
    to <= right &&
    !taken.some(([a, b]) => from < b + gap && a < to + gap) &&
    !shown.some((c) => c.x !== own && from < c.x + t + gap && c.x - t < to + gap);
  for (const c of [...shown].sort((a, b) => Math.abs(b.size) - Math.abs(a.size))) {
    const width = ctx.measureText(c.label).width;
    const candidates = [c.x + t + 2 * px, c.x - t - 2 * px - width];
    const textX = candidates.find((x) => free(x, x + width, c.x));
    if (textX !== undefined) {
      taken.push([textX, textX + width]);
      ctx.fillText(c.label, textX, top);
    }
  }
}
