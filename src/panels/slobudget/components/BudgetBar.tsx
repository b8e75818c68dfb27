import React from 'react';
import { css } from '@emotion/css';
import { colorManipulator, type DisplayValue, type GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import { displayText } from '../lib/display';

/** The list's compact bar: the remaining ratio filled in its threshold colour, the percentage beside it. */
export function BudgetBar({ ratio, display }: { ratio: number; display: DisplayValue }) {
  const styles = useStyles2(getStyles);
  const known = Number.isFinite(ratio);
  const fill = known ? Math.min(1, Math.max(0, ratio)) : 0;
  return (
    <div className={styles.bar}>
      {/* An overspent budget tints the empty track with its (red) colour. */}
      <div
        className={styles.track}
        style={
          known && ratio < 0 && display.color ? { background: colorManipulator.alpha(display.color, 0.25) } : undefined
        }
        aria-hidden
      >
        <div className={styles.fill} style={{ width: `${fill * 100}%`, background: display.color }} />
      </div>
      <span className={styles.value} style={known ? { color: display.color } : undefined}>
        {known ? displayText(display) : 'No data'}
      </span>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  bar: css({
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    minWidth: 0,
  }),
  track: css({
    flex: 1,
    height: 8,
    minWidth: 48,
    borderRadius: theme.shape.radius.pill,
    background: theme.colors.background.secondary,
    boxShadow: `inset 0 0 0 1px ${theme.colors.border.weak}`,
    overflow: 'hidden',
  }),
  fill: css({
    height: '100%',
    borderRadius: theme.shape.radius.pill,
  }),
  value: css({
    minWidth: '4.5em',
    textAlign: 'right',
    fontWeight: theme.typography.fontWeightMedium,
    fontVariantNumeric: 'tabular-nums',
    color: theme.colors.text.secondary,
  }),
});
