import React, { type ReactNode } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2, IconName } from '@grafana/data';
import { Icon, useStyles2, useTheme2 } from '@grafana/ui';

import { toneColor, type Tone } from '../lib/state';

/** A one-line note under the header (partial history, no data), quieter than an Alert. */
export function Notice({ tone, icon, children }: { tone: Tone; icon: IconName; children: ReactNode }) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const color = toneColor(tone, theme);
  return (
    <p className={styles.notice} style={{ borderLeftColor: color }} role="note">
      <Icon name={icon} style={{ color }} className={styles.icon} />
      <span>{children}</span>
    </p>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  notice: css({
    display: 'flex',
    alignItems: 'flex-start',
    gap: theme.spacing(1),
    margin: 0,
    padding: theme.spacing(0.5, 1),
    borderLeft: '3px solid',
    borderRadius: theme.shape.radius.default,
    background: theme.colors.background.secondary,
    color: theme.colors.text.primary,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  icon: css({
    flexShrink: 0,
    marginTop: 1,
  }),
});
