import React from 'react';
import { css } from '@emotion/css';
import { dateTimeFormat, type DisplayProcessor, type GrafanaTheme2, type LinkModel } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import { formatDuration, formatValue } from '../lib/display';
import type { OverlaySeries } from '../lib/model';
import { testIds } from '../testIds';

export interface PointReading {
  series: OverlaySeries;
  color: string;
  time: number;
  value: number | null;
  baseline: number | null;
  lower: number | null;
  upper: number | null;
  score: number | null;
  flagged: boolean;
  forecast: boolean;
}

interface Props {
  reading: PointReading;
  display: DisplayProcessor;
  timeZone: string;
  links: LinkModel[];
}

/** Explains one point: where it is against its baseline and band, its score, and the event it belongs to. */
export function PointTooltip({ reading: r, display, timeZone, links }: Props) {
  const styles = useStyles2(getStyles);
  const fmt = (v: number | null) => formatValue(display, v);
  const event = r.series.events.find((e) => e.time <= r.time && r.time <= e.timeEnd);
  const direction = directionOf(r);
  const rows: Array<[string, string]> = [[r.forecast ? 'Forecast' : 'Value', fmt(r.forecast ? r.baseline : r.value)]];
  if (!r.forecast && r.baseline !== null) {
    rows.push(['Baseline', fmt(r.baseline)]);
  }
  if (r.lower !== null && r.upper !== null) {
    rows.push([r.forecast ? 'Interval' : 'Expected band', `${fmt(r.lower)} – ${fmt(r.upper)}`]);
  }
  if (r.score !== null) {
    rows.push(['Score', `${r.score.toFixed(2)}${r.score > 1 ? ' (outside the band)' : ''}`]);
  }
  const method = event?.method || r.series.method;
  if (method) {
    rows.push(['Method', method]);
  }
  if (direction) {
    rows.push(['Direction', direction]);
  }
  if (event && event.references.length > 0) {
    rows.push(['Earlier seasons', event.references.map((v) => fmt(v)).join(', ')]);
  }
  if (r.series.timeToThreshold !== undefined) {
    rows.push(['Threshold reached', ttsText(r.series.timeToThreshold)]);
  }
  return (
    <div className={styles.root} data-testid={testIds.tooltip}>
      <div className={styles.header}>
        <span className={styles.swatch} style={{ background: r.color }} />
        <strong>{r.series.name}</strong>
        <span className={styles.time}>{dateTimeFormat(r.time, { timeZone, format: 'YYYY-MM-DD HH:mm:ss' })}</span>
      </div>
      {r.flagged && <div className={styles.flag}>Anomaly{event ? ` (${event.kind || 'event'})` : ''}</div>}
      <dl className={styles.rows}>
        {rows.map(([k, v]) => (
          <React.Fragment key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </React.Fragment>
        ))}
      </dl>
      {links.length > 0 && (
        <div className={styles.links}>
          {links.map((l) => (
            <a key={l.href} href={l.href} target={l.target} rel="noreferrer">
              {l.title}
            </a>
          ))}
        </div>
      )}
    </div>
  );
}

function directionOf(r: PointReading): string | undefined {
  if (r.forecast || r.value === null || r.baseline === null) {
    return undefined;
  }
  if (r.value === r.baseline) {
    return 'at the baseline';
  }
  return r.value > r.baseline ? 'above the baseline (up)' : 'below the baseline (down)';
}

function ttsText(seconds: number): string {
  if (seconds === 0) {
    return 'already';
  }
  return Number.isFinite(seconds) ? `in ${formatDuration(seconds)}` : 'not within the forecast';
}

const getStyles = (theme: GrafanaTheme2) => ({
  root: css({
    padding: theme.spacing(1),
    fontSize: theme.typography.bodySmall.fontSize,
    // At most half the screen (less Grafana's 10 px cursor offset and the wrapper's padding): the
    // tooltip goes right of the cursor or, where that does not fit, left of it, so on a phone a
    // wider one would leave the screen on both sides from a point mid-chart.
    maxWidth: 'min(360px, calc(50vw - 32px))',
    overflowWrap: 'anywhere',
  }),
  header: css({
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(0.5),
  }),
  swatch: css({ width: 12, height: 3, borderRadius: 2, flexShrink: 0 }),
  time: css({ marginLeft: 'auto', color: theme.colors.text.secondary, fontVariantNumeric: 'tabular-nums' }),
  flag: css({ color: theme.colors.error.text, fontWeight: theme.typography.fontWeightMedium }),
  rows: css({
    display: 'grid',
    gridTemplateColumns: 'auto 1fr',
    gap: theme.spacing(0.25, 1.5),
    margin: 0,
    dt: { color: theme.colors.text.secondary },
    dd: { margin: 0, fontVariantNumeric: 'tabular-nums' },
  }),
  links: css({
    marginTop: theme.spacing(1),
    paddingTop: theme.spacing(0.5),
    borderTop: `1px solid ${theme.colors.border.weak}`,
    display: 'flex',
    flexDirection: 'column',
    a: { color: theme.colors.text.link },
  }),
});
