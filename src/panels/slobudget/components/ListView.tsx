import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';

import { formatPercent, formatRemaining, formatSliVsObjective } from '../lib/format';
import { burnSummary } from '../lib/burns';
import type { Slo, SloState } from '../lib/model';
import { stateOf } from '../lib/order';
import { remainingRatio } from '../lib/parse';
import { testIds } from '../testIds';
import { BudgetBar } from './BudgetBar';
import { FastestBurnText, FiringText } from './BurnSummaryText';
import type { SloLook } from './SingleView';
import { SloName } from './SloName';
import { StateBadge } from './StateBadge';

interface Props {
  /** Already in display order. */
  slos: Slo[];
  lookOf: (slo: Slo) => SloLook;
  width: number;
}

/** Below this width the table becomes one card per SLO. */
const TABLE_MIN_WIDTH = 760;

/**
 * The state a list shows: partial history only qualifies an OK SLO (pkg/slo State), so the list
 * says OK and notes the partial history beside the window, rather than hiding the state.
 */
const listState = (slo: Slo): SloState => (stateOf(slo) === 'partial_history' ? 'ok' : stateOf(slo));

/**
 * Several SLOs, one row each: compact bar of the remaining budget, state, SLI, remaining budget,
 * the fastest burn against its threshold and the firing pairs.
 */
export function ListView({ slos, lookOf, width }: Props) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const rows = slos.map((slo) => ({
    slo,
    look: lookOf(slo),
    ratio: remainingRatio(slo),
    s: slo.summary,
    burns: burnSummary(slo),
  }));
  const remainingColor = (slo: Slo) =>
    slo.summary && slo.summary.remaining < 0 ? { color: theme.colors.error.text } : undefined;

  if (width < TABLE_MIN_WIDTH) {
    return (
      <ul className={styles.cards} data-testid={testIds.list} aria-label="SLOs">
        {rows.map(({ slo, look, ratio, s, burns }) => (
          <li key={slo.id} className={styles.card} data-testid={testIds.listRow}>
            <div className={styles.cardHead}>
              <SloName name={slo.name} href={look.href} />
              <StateBadge state={listState(slo)} reasons={slo.summary?.reasons} />
            </div>
            <BudgetBar ratio={ratio} display={look.display} />
            {s && (
              <div className={styles.cardFoot}>
                <span>{formatSliVsObjective(s.sli, s.objective)}</span>
                <span style={remainingColor(slo)}>{formatRemaining(s)}</span>
              </div>
            )}
            {(burns.fastest || burns.firing.length > 0) && (
              <div className={styles.cardFoot}>
                <span>
                  Fastest burn <FastestBurnText burns={burns} />
                </span>
                <span>
                  Firing: <FiringText burns={burns} />
                </span>
              </div>
            )}
          </li>
        ))}
      </ul>
    );
  }

  return (
    <table className={styles.table} data-testid={testIds.list}>
      <thead>
        <tr>
          <th scope="col">SLO</th>
          <th scope="col" className={styles.barColumn}>
            Remaining budget
          </th>
          <th scope="col">State</th>
          <th scope="col">SLI vs objective</th>
          <th scope="col">Budget</th>
          <th scope="col">Fastest burn</th>
          <th scope="col">Firing</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ slo, look, ratio, s, burns }) => (
          <tr key={slo.id} data-testid={testIds.listRow}>
            <th scope="row" className={styles.nameCell}>
              <SloName name={slo.name} href={look.href} />
              {s && (
                <span className={styles.sub}>
                  {s.window} window
                  {s.partialHistory &&
                    s.state !== 'no_data' &&
                    ` · partial history, ${formatPercent(s.coverage, 1)} covered`}
                </span>
              )}
            </th>
            <td>
              <BudgetBar ratio={ratio} display={look.display} />
            </td>
            <td>
              <StateBadge state={listState(slo)} reasons={slo.summary?.reasons} />
            </td>
            <td>{s ? formatSliVsObjective(s.sli, s.objective) : '–'}</td>
            <td style={remainingColor(slo)}>{s ? formatRemaining(s) : '–'}</td>
            <td>
              <FastestBurnText burns={burns} />
            </td>
            <td>
              <FiringText burns={burns} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  table: css({
    width: '100%',
    borderCollapse: 'collapse',
    fontVariantNumeric: 'tabular-nums',
    'th, td': {
      padding: theme.spacing(1, 1),
      textAlign: 'left',
      verticalAlign: 'middle',
      borderBottom: `1px solid ${theme.colors.border.weak}`,
      whiteSpace: 'nowrap',
    },
    'thead th': {
      padding: theme.spacing(0.5, 1.5),
      color: theme.colors.text.secondary,
      fontSize: theme.typography.bodySmall.fontSize,
      fontWeight: theme.typography.fontWeightMedium,
    },
    'tbody tr:last-child > *': {
      borderBottom: 'none',
    },
    'tbody tr:hover': {
      background: theme.colors.action.hover,
    },
  }),
  // Narrow enough that the burn columns fit beside it at a dashboard's full width.
  barColumn: css({
    width: '18%',
    minWidth: 120,
  }),
  nameCell: css({
    fontWeight: 'inherit',
    maxWidth: 260,
    '& > *': { display: 'block' },
  }),
  sub: css({
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
    fontWeight: theme.typography.fontWeightRegular,
  }),
  cards: css({
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
  }),
  card: css({
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.75),
    padding: theme.spacing(1, 0),
    borderBottom: `1px solid ${theme.colors.border.weak}`,
    '&:last-child': { borderBottom: 'none' },
  }),
  cardHead: css({
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
    minWidth: 0,
  }),
  cardFoot: css({
    display: 'flex',
    flexWrap: 'wrap',
    justifyContent: 'space-between',
    gap: theme.spacing(0.5, 1),
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
    fontVariantNumeric: 'tabular-nums',
  }),
});
