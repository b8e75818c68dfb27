import React, { useId, useState, type MouseEvent } from 'react';
import { css } from '@emotion/css';
import { dateTimeFormat, type GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import { areaPath, burndownScale, CHART_PADDING, linePath, ticksNeedDates } from '../lib/chart';
import { formatPercent } from '../lib/format';
import type { Burndown } from '../lib/model';
import { testIds } from '../testIds';

interface Props {
  burndown: Burndown;
  width: number;
  height: number;
  /** The remaining line's colour: the threshold colour of the current remaining ratio. */
  color: string;
  timeZone?: string;
}

/**
 * The remaining budget over the SLO's window (its own time span, not the dashboard's range)
 * against the ideal linear burn, as a small SVG; hovering reads a point out in the legend.
 */
export function BurndownChart({ burndown, width, height, color, timeZone }: Props) {
  const styles = useStyles2(getStyles);
  const gradient = useId();
  const [hover, setHover] = useState<number>();
  const legendHeight = 20;
  const plotHeight = Math.max(60, height - legendHeight);
  const s = burndownScale(burndown, width, plotHeight);
  const { time, remaining, ideal } = burndown;
  const tickFormat = ticksNeedDates(s.xTicks) ? 'MMM D' : 'HH:mm';
  const last = lastFinite(remaining);
  const point = hover ?? last;
  const onMove = (e: MouseEvent<SVGSVGElement>) =>
    setHover(s.indexAt(e.clientX - e.currentTarget.getBoundingClientRect().left));
  const label =
    last === undefined
      ? 'Burndown: no data in the window'
      : `Burndown: ${formatPercent(remaining[last], 1)} of the budget left, ideal ${formatPercent(ideal[last], 1)}`;

  return (
    <figure className={styles.figure} data-testid={testIds.burndown}>
      <svg
        width={width}
        height={plotHeight}
        role="img"
        aria-label={label}
        onMouseMove={onMove}
        onMouseLeave={() => setHover(undefined)}
        className={styles.svg}
      >
        <defs>
          <linearGradient id={gradient} x1="0" y1="0" x2="0" y2="1">
            <stop offset="0" stopColor={color} stopOpacity={0.28} />
            <stop offset="1" stopColor={color} stopOpacity={0.04} />
          </linearGradient>
        </defs>
        {s.yTicks.map((v) => (
          <g key={v}>
            <line
              x1={CHART_PADDING.left}
              x2={width - CHART_PADDING.right}
              y1={s.y(v)}
              y2={s.y(v)}
              className={v === 0 ? styles.zero : styles.grid}
            />
            <text x={CHART_PADDING.left - 6} y={s.y(v)} dy="0.32em" textAnchor="end" className={styles.axis}>
              {formatPercent(v, 0)}
            </text>
          </g>
        ))}
        {s.xTicks.map((t) => (
          <text key={t} x={s.x(t)} y={plotHeight - 4} textAnchor={anchor(s.x(t), width)} className={styles.axis}>
            {dateTimeFormat(t, { format: tickFormat, timeZone })}
          </text>
        ))}
        <path d={areaPath(time, remaining, s)} fill={`url(#${gradient})`} />
        <path d={linePath(time, ideal, s)} className={styles.ideal} />
        <path d={linePath(time, remaining, s)} stroke={color} className={styles.remaining} />
        {point !== undefined && Number.isFinite(remaining[point]) && (
          <g>
            {hover !== undefined && (
              <line
                x1={s.x(time[point])}
                x2={s.x(time[point])}
                y1={CHART_PADDING.top}
                y2={plotHeight - CHART_PADDING.bottom}
                className={styles.cursor}
              />
            )}
            <circle cx={s.x(time[point])} cy={s.y(remaining[point])} r={3.5} fill={color} className={styles.dot} />
          </g>
        )}
      </svg>
      <figcaption className={styles.legend}>
        <span className={styles.key}>
          <span className={styles.swatch} style={{ background: color }} />
          Remaining
          {point !== undefined && <strong className={styles.reading}>{formatPercent(remaining[point], 1)}</strong>}
        </span>
        <span className={styles.key}>
          <span className={styles.dashed} />
          Ideal
          {point !== undefined && <strong className={styles.reading}>{formatPercent(ideal[point], 1)}</strong>}
        </span>
        {point !== undefined && (
          <span className={styles.when}>{dateTimeFormat(time[point], { format: 'MMM D HH:mm', timeZone })}</span>
        )}
      </figcaption>
    </figure>
  );
}

/** Labels near the plot's edges grow inwards, so they are not cut off. */
function anchor(x: number, width: number): 'start' | 'middle' | 'end' {
  if (x - CHART_PADDING.left < 20) {
    return 'start';
  }
  return width - CHART_PADDING.right - x < 20 ? 'end' : 'middle';
}

function lastFinite(values: number[]): number | undefined {
  for (let i = values.length - 1; i >= 0; i--) {
    if (Number.isFinite(values[i])) {
      return i;
    }
  }
  return undefined;
}

const getStyles = (theme: GrafanaTheme2) => ({
  figure: css({
    margin: 0,
    display: 'flex',
    flexDirection: 'column',
    minWidth: 0,
  }),
  svg: css({
    display: 'block',
    overflow: 'visible',
  }),
  grid: css({
    stroke: theme.colors.border.weak,
    strokeWidth: 1,
  }),
  zero: css({
    stroke: theme.colors.border.strong,
    strokeWidth: 1,
  }),
  axis: css({
    fill: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
    fontVariantNumeric: 'tabular-nums',
  }),
  ideal: css({
    fill: 'none',
    stroke: theme.colors.text.secondary,
    strokeWidth: 1.5,
    strokeDasharray: '5 4',
  }),
  remaining: css({
    fill: 'none',
    strokeWidth: 2,
    strokeLinejoin: 'round',
  }),
  cursor: css({
    stroke: theme.colors.text.disabled,
    strokeWidth: 1,
  }),
  dot: css({
    stroke: theme.colors.background.primary,
    strokeWidth: 1.5,
  }),
  legend: css({
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(0.5, 2),
    paddingLeft: CHART_PADDING.left,
    fontSize: theme.typography.bodySmall.fontSize,
    color: theme.colors.text.secondary,
    minHeight: 20,
  }),
  key: css({
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.75),
  }),
  swatch: css({
    width: 14,
    height: 3,
    borderRadius: 2,
  }),
  dashed: css({
    width: 14,
    borderTop: `2px dashed ${theme.colors.text.secondary}`,
  }),
  reading: css({
    color: theme.colors.text.primary,
    fontWeight: theme.typography.fontWeightMedium,
    fontVariantNumeric: 'tabular-nums',
  }),
  when: css({
    marginLeft: 'auto',
    fontVariantNumeric: 'tabular-nums',
  }),
});
