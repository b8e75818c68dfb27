import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';

import { formatExhaustion, formatSliVsObjective } from '../lib/format';
import type { SloSummary } from '../lib/model';
import { toneColor, type Tone } from '../lib/state';

/** The summary's figures beside the gauge: SLI against the objective, window and exhaustion. */
export function KeyFigures({ summary }: { summary: SloSummary }) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const rows: Array<{ label: string; value: string; tone?: Tone }> = [
    { label: 'SLI vs objective', value: formatSliVsObjective(summary.sli, summary.objective), tone: sliTone(summary) },
    { label: 'Window', value: summary.window || '–' },
    {
      label: 'Time to exhaustion',
      value: formatExhaustion(summary.exhaustionSeconds, summary.remaining),
      tone: exhaustionTone(summary),
    },
  ];
  return (
    <dl className={styles.list}>
      {rows.map(({ label, value, tone }) => (
        <div key={label} className={styles.row}>
          <dt className={styles.label}>{label}</dt>
          <dd className={styles.value} style={tone ? { color: toneColor(tone, theme) } : undefined}>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function sliTone(s: SloSummary): Tone | undefined {
  if (!Number.isFinite(s.sli)) {
    return 'muted';
  }
  return s.sli < s.objective ? 'critical' : undefined;
}

function exhaustionTone(s: SloSummary): Tone | undefined {
  if (s.remaining <= 0 || s.exhaustionSeconds === 0) {
    return 'critical';
  }
  if (s.exhaustionSeconds === Infinity) {
    return 'ok';
  }
  return Number.isFinite(s.exhaustionSeconds) ? 'warning' : 'muted';
}

const getStyles = (theme: GrafanaTheme2) => ({
  // One column beside the gauge; two when the panel is narrow and the figures go under it.
  list: css({
    margin: 0,
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(140px, 1fr))',
    gap: theme.spacing(1.5, 2),
    minWidth: 0,
  }),
  row: css({
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.25),
  }),
  label: css({
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
    fontWeight: theme.typography.fontWeightRegular,
  }),
  value: css({
    margin: 0,
    fontSize: theme.typography.h5.fontSize,
    fontWeight: theme.typography.fontWeightMedium,
    fontVariantNumeric: 'tabular-nums',
  }),
});
