import React from 'react';
import { css, cx } from '@emotion/css';
import { textUtil, type GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

interface Props {
  name: string;
  /** The drill-down URL; plain text without one. */
  href?: string;
  className?: string;
}

/**
 * The SLO's name, a link when the panel has a drill-down URL. A plain anchor rather than
 * TextLink, which needs a router and would send absolute URLs through it.
 */
export function SloName({ name, href, className }: Props) {
  const styles = useStyles2(getStyles);
  if (!href) {
    return <span className={cx(styles.name, className)}>{name}</span>;
  }
  return (
    <a className={cx(styles.name, styles.link, className)} href={textUtil.sanitizeUrl(href)}>
      {name}
    </a>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  name: css({
    fontWeight: theme.typography.fontWeightMedium,
    color: theme.colors.text.primary,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    minWidth: 0,
  }),
  link: css({
    '&:hover, &:focus-visible': {
      color: theme.colors.text.link,
      textDecoration: 'underline',
    },
  }),
});
