import React, { useMemo } from 'react';
import type { AlignedData } from 'uplot';
import { AxisPlacement, GraphDrawStyle, ScaleDirection, ScaleOrientation, VisibilityMode } from '@grafana/schema';
import { UPlotChart, UPlotConfigBuilder, useTheme2 } from '@grafana/ui';

import { RIGHT_PADDING } from '../lib/config';
import type { PlotData } from '../lib/plotData';
import { testIds } from '../testIds';

interface Props {
  plot: PlotData;
  colors: string[];
  width: number;
  height: number;
  timeZone: string;
  getXRange: () => [number, number];
  syncKey: string;
  yAxisSize: number;
}

/**
 * Anomaly scores under the chart, one line per series on a shared x axis, with the band's edge
 * (score 1) marked: everything above the line is outside its band.
 */
export function ScoreStrip({ plot, colors, width, height, timeZone, getXRange, syncKey, yAxisSize }: Props) {
  const theme = useTheme2();
  const withScores = useMemo(() => plot.scores.map((s, i) => ({ s, i })).filter(({ s }) => s), [plot.scores]);
  const data = useMemo(() => [plot.x, ...withScores.map(({ s }) => s!)] as AlignedData, [plot.x, withScores]);
  const config = useMemo(() => {
    const b = new UPlotConfigBuilder(timeZone);
    b.addScale({
      scaleKey: 'x',
      isTime: true,
      orientation: ScaleOrientation.Horizontal,
      direction: ScaleDirection.Right,
      range: getXRange,
    });
    b.addAxis({ scaleKey: 'x', isTime: true, placement: AxisPlacement.Hidden, show: false, timeZone, theme });
    b.addScale({
      scaleKey: 'score',
      orientation: ScaleOrientation.Vertical,
      direction: ScaleDirection.Up,
      min: 0,
      softMax: 2,
    });
    b.addAxis({
      scaleKey: 'score',
      placement: AxisPlacement.Left,
      theme,
      size: yAxisSize,
      space: 20,
      formatValue: (v) => String(v),
    });
    for (const { i } of withScores) {
      b.addSeries({
        scaleKey: 'score',
        theme,
        drawStyle: GraphDrawStyle.Line,
        lineColor: colors[i],
        lineWidth: 1,
        fillOpacity: 10,
        showPoints: VisibilityMode.Never,
        spanNulls: false,
      });
    }
    b.addHook('draw', (u) => {
      const y = u.valToPos(1, 'score', true);
      u.ctx.save();
      u.ctx.strokeStyle = theme.colors.error.main;
      u.ctx.setLineDash([4, 4]);
      u.ctx.beginPath();
      u.ctx.moveTo(u.bbox.left, y);
      u.ctx.lineTo(u.bbox.left + u.bbox.width, y);
      u.ctx.stroke();
      u.ctx.restore();
    });
    b.setPadding([4, RIGHT_PADDING, 0, 0]);
    b.setCursor({ points: { show: false }, sync: { key: syncKey, scales: ['x', null] } });
    return b;
  }, [withScores, colors, theme, timeZone, getXRange, syncKey, yAxisSize]);
  return (
    <div
      data-testid={testIds.scoreStrip}
      role="img"
      aria-label="Anomaly score per series; above the dashed line is outside the band"
    >
      <UPlotChart config={config} data={data} width={width} height={height} />
    </div>
  );
}
