import React from 'react';
import { css, cx } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Tooltip, useStyles2, useTheme2 } from '@grafana/ui';

import { formatBurn, formatThreshold } from '../lib/format';
import type { BurnRate } from '../lib/model';
import { aboveThreshold, burnStatus, overThresholdTone, toneColor } from '../lib/state';
import { testIds } from '../testIds';

/**
 * One row per multiwindow burn-rate pair: both windows' burn against the threshold (a burn above
 * it in the threshold's colour, firing or not), and whether the pair fires (a page in the critical colour, a ticket in the warning colour) or cannot fire
 * at this objective. Scrolls sideways in a narrow panel.
 */
export function BurnRateTable({ rates }: { rates: BurnRate[] }) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.scroll} data-testid={testIds.burnRates}>
      <table className={styles.table}>
        <caption className={styles.caption}>Burn rates</caption>
        <thead>
          <tr>
            <th scope="col">Severity</th>
            <th scope="col">Windows</th>
            <th scope="col" data-align="right">
              Threshold
            </th>
            <th scope="col" data-align="right">
              Long burn
            </th>
            <th scope="col" data-align="right">
              Short burn
            </th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {rates.map((b) => {
            const status = burnStatus(b);
            const color = toneColor(status.tone, theme);
            // A figure above the threshold is in the threshold's colour even when the pair does not fire.
            const overColor = toneColor(overThresholdTone(b), theme);
            const over = (burn: number) => aboveThreshold(b, burn);
            return (
              <tr
                key={`${b.severity}-${b.longWindow}-${b.shortWindow}`}
                className={cx(!b.feasible && styles.infeasible, b.firing && styles.firing)}
                style={b.firing ? { boxShadow: `inset 3px 0 0 ${color}` } : undefined}
              >
                <td className={styles.severity}>{b.severity}</td>
                <td>
                  {b.longWindow} / {b.shortWindow}
                </td>
                <td data-align="right">{formatThreshold(b.threshold)}</td>
                <td data-align="right" style={over(b.longBurn) ? { color: overColor } : undefined}>
                  {formatBurn(b.longBurn)}
                </td>
                <td data-align="right" style={over(b.shortBurn) ? { color: overColor } : undefined}>
                  {formatBurn(b.shortBurn)}
                </td>
                <td>
                  <Tooltip content={status.description}>
                    <span className={styles.status} style={{ color }} tabIndex={0}>
                      <span className={styles.dot} style={{ background: color }} />
                      {status.label}
                    </span>
                  </Tooltip>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  scroll: css({
    overflowX: 'auto',
    maxWidth: '100%',
  }),
  table: css({
    width: '100%',
    borderCollapse: 'collapse',
    fontSize: theme.typography.bodySmall.fontSize,
    fontVariantNumeric: 'tabular-nums',
    whiteSpace: 'nowrap',
    'th, td': {
      padding: theme.spacing(0.5, 1),
      textAlign: 'left',
      borderBottom: `1px solid ${theme.colors.border.weak}`,
    },
    th: {
      color: theme.colors.text.secondary,
      fontWeight: theme.typography.fontWeightMedium,
    },
    '[data-align="right"]': {
      textAlign: 'right',
    },
    'tbody tr:last-child td': {
      borderBottom: 'none',
    },
  }),
  caption: css({
    captionSide: 'top',
    textAlign: 'left',
    padding: theme.spacing(0, 1, 0.5),
    color: theme.colors.text.primary,
    fontSize: theme.typography.body.fontSize,
    fontWeight: theme.typography.fontWeightMedium,
  }),
  severity: css({
    textTransform: 'capitalize',
  }),
  firing: css({
    background: theme.colors.action.hover,
  }),
  infeasible: css({
    color: theme.colors.text.disabled,
  }),
  status: css({
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.75),
    fontWeight: theme.typography.fontWeightMedium,
  }),
  dot: css({
    width: 8,
    height: 8,
    borderRadius: '50%',
    flexShrink: 0,
  }),
});
