import React, { type ReactNode } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import logo from '../../../src/datasource/img/logo.svg';

interface Props {
  title: string;
  subtitle: string;
  children: ReactNode;
}

/** A titled page with room around it, sized for the README's screenshots. */
export function Page({ title, subtitle, children }: Props) {
  const styles = useStyles2(getStyles);
  return (
    <main className={styles.page}>
      <header className={styles.header}>
        <img src={logo} alt="" className={styles.logo} />
        <div>
          <h1 className={styles.title}>{title}</h1>
          <p className={styles.subtitle}>{subtitle}</p>
        </div>
      </header>
      {children}
    </main>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({
    padding: theme.spacing(3),
    boxSizing: 'border-box',
    minHeight: '100vh',
    background: theme.colors.background.canvas,
  }),
  header: css({
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  }),
  logo: css({
    width: 40,
    height: 40,
  }),
  title: css({
    margin: 0,
    fontSize: theme.typography.h3.fontSize,
  }),
  subtitle: css({
    margin: 0,
    color: theme.colors.text.secondary,
  }),
});
