import React, { useState, type ReactNode } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Collapse, Stack, useStyles2 } from '@grafana/ui';

interface Props {
  /** What the options amount to, shown while the group is closed. */
  summary: string[];
  /** Whether an option would be refused; a saved query in that state opens with the group open. */
  invalid: boolean;
  children: ReactNode;
}

/** The collapsible "Options" row of Grafana's Prometheus editor, with an error mark when closed. */
export function OptionsGroup({ summary, invalid, children }: Props) {
  const styles = useStyles2(getStyles);
  const [open, setOpen] = useState(invalid);

  const label = (
    <Stack gap={2} alignItems="baseline" wrap="wrap">
      <h6 className={styles.title}>Options</h6>
      {!open &&
        summary.map((item) => (
          <span key={item} className={styles.summary}>
            {item}
          </span>
        ))}
      {!open && invalid && <span className={styles.error}>Some options are invalid</span>}
    </Stack>
  );

  return (
    <Collapse className={styles.collapse} isOpen={open} onToggle={setOpen} label={label}>
      <div className={styles.body}>{children}</div>
    </Collapse>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  collapse: css({
    backgroundColor: 'unset',
    border: 'unset',
    marginBottom: 0,
    '> div:first-child': { padding: theme.spacing(0.5, 0) },
  }),
  title: css({
    fontSize: theme.typography.bodySmall.fontSize,
    fontWeight: theme.typography.fontWeightMedium,
    margin: 0,
  }),
  summary: css({
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  error: css({
    color: theme.colors.error.text,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  body: css({
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
  }),
});
