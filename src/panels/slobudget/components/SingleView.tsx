import React, { useRef } from 'react';
import { css, cx } from '@emotion/css';
import type { DisplayValue, GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';

import { formatBudget, formatPercent } from '../lib/format';
import { fromFirstCovered } from '../lib/chart';
import type { Slo } from '../lib/model';
import { stateOf } from '../lib/order';
import { remainingRatio } from '../lib/parse';
import { testIds } from '../testIds';
import { BudgetGauge } from './BudgetGauge';
import { BurndownChart } from './BurndownChart';
import { BurnRateTable } from './BurnRateTable';
import { KeyFigures } from './KeyFigures';
import { Notice } from './Notice';
import { SloName } from './SloName';
import { StateBadge } from './StateBadge';
import { useWidth } from './useWidth';

export interface SloLook {
  display: DisplayValue;
  href?: string;
}

interface Props {
  slo: Slo;
  look: SloLook;
  width: number;
  height: number;
  showBurndown: boolean;
  showBurnRates: boolean;
  timeZone?: string;
}

/** Panel widths at which the gauge, the figures and the burndown stop sharing a row. */
const WIDE = 760;
const MEDIUM = 480;
const GAUGE_COLUMN = 190;
const FIGURES_COLUMN = 230;

/**
 * One SLO in full: gauge with the budget in percent and in minutes or errors, SLI against the
 * objective, time to exhaustion, burndown and burn-rate pairs. Below 480 px everything stacks
 * and the panel scrolls.
 */
export function SingleView({ slo, look, width, height, showBurndown, showBurnRates, timeZone }: Props) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const chartRef = useRef<HTMLDivElement>(null);
  const layout = width >= WIDE ? 'wide' : width >= MEDIUM ? 'medium' : 'narrow';
  const gap = theme.spacing.gridSize * 2;
  const chartFallback = layout === 'wide' ? width - GAUGE_COLUMN - FIGURES_COLUMN - 2 * gap : width;
  const chartWidth = useWidth(chartRef, Math.max(120, chartFallback));
  const { summary } = slo;
  const ratio = remainingRatio(slo);
  const rows = showBurnRates ? slo.burnRates.length : 0;
  // What the table and header leave of the height, within limits that keep the chart readable.
  // (header and gaps take about 55 px; the table's caption and head about 62, and 27 a row).
  const chartHeight =
    layout === 'narrow' ? 170 : Math.min(260, Math.max(170, height - 55 - (rows ? 62 + rows * 27 : 0)));
  const overspent = summary !== undefined && summary.remaining < 0;

  return (
    <section className={styles.root} data-testid={testIds.single} aria-label={slo.name}>
      <header className={styles.header}>
        <SloName name={slo.name} href={look.href} className={styles.title} />
        {summary?.window && <span className={styles.window}>{summary.window} window</span>}
        <span className={styles.badge}>
          <StateBadge state={stateOf(slo)} reasons={slo.summary?.reasons} />
        </span>
      </header>
      {summary?.partialHistory && summary.state !== 'no_data' && (
        <Notice tone="info" icon="history-alt">
          Partial history: the data covers {formatPercent(summary.coverage, 1)} of the {summary.window} window so far;
          the budget is extrapolated.
        </Notice>
      )}
      {summary?.state === 'no_data' && (
        <Notice tone="muted" icon="question-circle">
          No data: too few events in the {summary.window} window to measure the budget against.
        </Notice>
      )}
      <div className={cx(styles.body, styles[layout])}>
        <div className={styles.gauge}>
          <BudgetGauge
            ratio={ratio}
            display={look.display}
            size={layout === 'narrow' ? Math.min(200, width - 16) : 170}
          />
          {summary && (
            <div className={styles.budget} style={overspent ? { color: theme.colors.error.text } : undefined}>
              {formatBudget(summary)}
            </div>
          )}
        </div>
        {summary && (
          <div className={styles.figures}>
            <KeyFigures summary={summary} />
          </div>
        )}
        {showBurndown && slo.burndown && (
          <div ref={chartRef} className={styles.chart}>
            <BurndownChart
              burndown={fromFirstCovered(slo.burndown)}
              width={chartWidth}
              height={chartHeight}
              color={look.display.color ?? theme.colors.primary.main}
              timeZone={timeZone}
            />
          </div>
        )}
      </div>
      {showBurnRates && slo.burnRates.length > 0 && <BurnRateTable rates={slo.burnRates} />}
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  root: css({
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1.5),
    minWidth: 0,
  }),
  header: css({
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5, 1),
    minWidth: 0,
  }),
  title: css({
    fontSize: theme.typography.h5.fontSize,
  }),
  window: css({
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  badge: css({
    marginLeft: 'auto',
  }),
  body: css({
    display: 'grid',
    gap: theme.spacing(2),
    alignItems: 'start',
  }),
  wide: css({
    gridTemplateColumns: `${GAUGE_COLUMN}px ${FIGURES_COLUMN}px minmax(0, 1fr)`,
  }),
  medium: css({
    gridTemplateColumns: `${GAUGE_COLUMN}px minmax(0, 1fr)`,
    '& > :nth-child(3)': { gridColumn: '1 / -1' },
  }),
  narrow: css({
    gridTemplateColumns: 'minmax(0, 1fr)',
    justifyItems: 'stretch',
  }),
  gauge: css({
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    minWidth: 0,
  }),
  budget: css({
    textAlign: 'center',
    fontVariantNumeric: 'tabular-nums',
    color: theme.colors.text.primary,
  }),
  figures: css({
    minWidth: 0,
    paddingTop: theme.spacing(0.5),
  }),
  chart: css({
    minWidth: 0,
  }),
});
