import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';

import { burnSummary } from '../lib/burns';
import { displayText } from '../lib/display';
import {
  formatBudget,
  formatBurn,
  formatExhaustion,
  formatRemaining,
  formatSliVsObjective,
  formatThreshold,
} from '../lib/format';
import type { Slo } from '../lib/model';
import { stateOf } from '../lib/order';
import { remainingRatio } from '../lib/parse';
import { STATE_LOOKS, toneColor } from '../lib/state';
import { testIds } from '../testIds';
import { BudgetGauge } from './BudgetGauge';
import type { SloLook } from './SingleView';
import { SloName } from './SloName';
import { StateBadge } from './StateBadge';

interface Props {
  slo: Slo;
  look: SloLook;
  width: number;
  height: number;
}

/** A 4×4 panel: the remaining budget as one figure in its threshold colour, and what it is. */
export function StatView({ slo, look, height }: Omit<Props, 'width'>) {
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  const known = Number.isFinite(remainingRatio(slo));
  const s = slo.summary;
  return (
    <section className={styles.stat} data-testid={testIds.single} aria-label={slo.name}>
      <span
        className={styles.statValue}
        style={{
          color: known ? look.display.color : theme.colors.text.secondary,
          fontSize: Math.max(20, Math.min(48, height * 0.4)),
        }}
      >
        {known ? displayText(look.display) : 'No data'}
      </span>
      <span className={styles.statSub}>
        {s ? `${formatRemaining(s)} · ${STATE_LOOKS[stateOf(slo)].label}` : 'budget left'}
      </span>
    </section>
  );
}

/**
 * A 6×8 panel: small gauge and budget beside the SLI against the objective, the time to
 * exhaustion and the burn-rate pair that fires (or the one closest to firing).
 */
export function CompactView({ slo, look, width }: Props) {
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  const s = slo.summary;
  const burns = burnSummary(slo);
  const f = burns.fastest;
  const pair =
    burns.firing.length > 0
      ? { text: `${burns.firing.join(', ')} firing`, tone: burns.firing[0].startsWith('page') ? 'critical' : 'warning' }
      : f
        ? {
            text: `none firing; closest ${f.pair} at ${formatBurn(f.burn)} of ${formatThreshold(f.threshold)}`,
            tone: undefined,
          }
        : { text: 'no burn-rate data', tone: 'muted' };
  const rows: Array<{ label: string; value: string; color?: string }> = s
    ? [
        { label: 'SLI vs objective', value: formatSliVsObjective(s.sli, s.objective) },
        { label: 'Time to exhaustion', value: formatExhaustion(s.exhaustionSeconds, s.remaining) },
        {
          label: 'Burn-rate alert',
          value: pair.text,
          color: pair.tone ? toneColor(pair.tone as 'critical' | 'warning' | 'muted', theme) : undefined,
        },
      ]
    : [];
  return (
    <section className={styles.compact} data-testid={testIds.single} aria-label={slo.name}>
      <header className={styles.header}>
        <SloName name={slo.name} href={look.href} className={styles.title} />
        <span className={styles.badge}>
          <StateBadge state={stateOf(slo)} reasons={s?.reasons} />
        </span>
      </header>
      <div className={styles.body}>
        <div className={styles.gauge}>
          <BudgetGauge ratio={remainingRatio(slo)} display={look.display} size={Math.min(130, width * 0.36)} />
          {s && (
            <div className={styles.budget} style={s.remaining < 0 ? { color: theme.colors.error.text } : undefined}>
              {formatBudget(s)}
            </div>
          )}
        </div>
        <dl className={styles.figures}>
          {rows.map(({ label, value, color }) => (
            <div key={label}>
              <dt className={styles.label}>{label}</dt>
              <dd className={styles.value} style={color ? { color } : undefined}>
                {value}
              </dd>
            </div>
          ))}
        </dl>
      </div>
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  stat: css({
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    justifyContent: 'center',
    height: '100%',
    minHeight: 0,
    textAlign: 'center',
  }),
  statValue: css({
    fontWeight: theme.typography.fontWeightMedium,
    fontVariantNumeric: 'tabular-nums',
    lineHeight: 1.1,
  }),
  statSub: css({
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
    fontVariantNumeric: 'tabular-nums',
  }),
  compact: css({
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
    minWidth: 0,
  }),
  header: css({
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    minWidth: 0,
  }),
  title: css({
    fontSize: theme.typography.body.fontSize,
  }),
  badge: css({
    marginLeft: 'auto',
  }),
  body: css({
    display: 'flex',
    gap: theme.spacing(1.5),
    alignItems: 'flex-start',
    minWidth: 0,
  }),
  gauge: css({
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    flexShrink: 0,
    maxWidth: '45%',
  }),
  budget: css({
    textAlign: 'center',
    fontSize: theme.typography.bodySmall.fontSize,
    fontVariantNumeric: 'tabular-nums',
  }),
  figures: css({
    margin: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.75),
    minWidth: 0,
  }),
  label: css({
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  value: css({
    margin: 0,
    fontWeight: theme.typography.fontWeightMedium,
    fontVariantNumeric: 'tabular-nums',
  }),
});
