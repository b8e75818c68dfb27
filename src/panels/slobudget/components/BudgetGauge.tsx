import React from 'react';
import { css } from '@emotion/css';
import type { DisplayValue, GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';

import { displayText } from '../lib/display';
import { testIds } from '../testIds';

interface Props {
  /** Remaining / allowed; NaN without data, negative when overspent. */
  ratio: number;
  /** The ratio formatted and coloured by the field config. */
  display: DisplayValue;
  /** Diameter in px. */
  size: number;
}

const STROKE = 0.11;
const RING = 0.025;

/**
 * A half-circle gauge of the remaining budget: the arc fills with the threshold colour of the
 * value, and the thin outer ring takes that colour all round, so an overspent budget (no arc to
 * fill) still reads as its step's colour rather than as the steps it is not in.
 */
export function BudgetGauge({ ratio, display, size }: Props) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const stroke = size * STROKE;
  const ring = Math.max(2, size * RING);
  const r = size / 2 - ring * 2 - stroke / 2;
  const cx = size / 2;
  const cy = size / 2;
  const height = size / 2 + stroke / 2 + 2;
  const known = Number.isFinite(ratio);
  const fill = known ? Math.min(1, Math.max(0, ratio)) : 0;
  const text = known ? displayText(display) : 'No data';
  return (
    <svg
      width={size}
      height={height}
      viewBox={`0 0 ${size} ${height}`}
      role="meter"
      aria-label="Remaining error budget"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={known ? Math.round(ratio * 1000) / 10 : undefined}
      aria-valuetext={text}
      data-testid={testIds.gauge}
      className={styles.svg}
    >
      <path d={arc(cx, cy, r, 0, 1)} className={styles.track} strokeWidth={stroke} />
      {fill > 0 && <path d={arc(cx, cy, r, 0, fill)} stroke={display.color} strokeWidth={stroke} fill="none" />}
      {known && display.color && (
        <path d={arc(cx, cy, r + stroke / 2 + ring, 0, 1)} stroke={display.color} strokeWidth={ring} fill="none" />
      )}
      <text
        x={cx}
        y={cy - stroke * 0.35}
        textAnchor="middle"
        fontSize={known ? size * 0.17 : size * 0.12}
        fill={known ? display.color : theme.colors.text.secondary}
        className={styles.value}
      >
        {text}
      </text>
    </svg>
  );
}

/** An arc of the upper half circle from fraction a to b (0 = left end, 1 = right end). */
function arc(cx: number, cy: number, r: number, a: number, b: number): string {
  const point = (f: number) => {
    const angle = Math.PI * (1 - f);
    return `${round(cx + r * Math.cos(angle))},${round(cy - r * Math.sin(angle))}`;
  };
  return `M${point(a)}A${round(r)},${round(r)} 0 0 1 ${point(b)}`;
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}

const getStyles = (theme: GrafanaTheme2) => ({
  svg: css({
    display: 'block',
    overflow: 'visible',
  }),
  track: css({
    stroke: theme.colors.background.secondary,
    fill: 'none',
  }),
  value: css({
    fontWeight: theme.typography.fontWeightMedium,
    fontVariantNumeric: 'tabular-nums',
  }),
});
