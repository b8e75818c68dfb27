import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Stack, Tag, Text, TextLink, useStyles2 } from '@grafana/ui';

import { sloDetailUrl } from '../../constants';
import type { SloRow } from '../../lib/sloRows';
import { AlertCounts, Budget, Exhaustion, FastestBurn, SliVsObjective, State } from '../../components/slo/SloFigures';

const COLUMNS = ['SLO', 'State', 'Budget left', 'SLI vs objective', 'Fastest burn', 'Exhaustion', 'Alerts'];

/** One row per SLO, in the order given; on a narrow screen each row becomes a card. */
export function SloTable({ rows }: { rows: SloRow[] }) {
  const styles = useStyles2(getStyles);
  return (
    <table className={styles.table} aria-label="SLOs">
      <thead>
        <tr>
          {COLUMNS.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={`${row.datasourceUid}/${row.slo.id}`}>
            <td data-label="SLO">
              <Stack direction="column" gap={0.5}>
                <TextLink href={sloDetailUrl(row.datasourceUid, row.slo.id)} inline={false}>
                  {row.slo.name || row.slo.id}
                </TextLink>
                <Text variant="bodySmall" color="secondary">
                  {row.datasourceName}
                </Text>
                <Stack gap={0.5} wrap="wrap">
                  {Object.entries(row.slo.labels ?? {}).map(([k, v]) => (
                    <Tag key={k} name={`${k}=${v}`} colorIndex={7} />
                  ))}
                </Stack>
              </Stack>
            </td>
            <td data-label="State">
              <State summary={row.summary} error={row.error} />
            </td>
            <td data-label="Budget left" className={styles.budget}>
              <Budget summary={row.summary} />
            </td>
            <td data-label="SLI vs objective">
              <SliVsObjective summary={row.summary} />
            </td>
            <td data-label="Fastest burn">
              <FastestBurn burnRates={row.burnRates} />
            </td>
            <td data-label="Exhaustion">
              <Exhaustion summary={row.summary} />
            </td>
            <td data-label="Alerts">
              <AlertCounts alerts={row.alerts} />
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
    'th, td': {
      padding: theme.spacing(1),
      borderBottom: `1px solid ${theme.colors.border.weak}`,
      textAlign: 'left',
      verticalAlign: 'top',
    },
    th: { color: theme.colors.text.secondary, fontWeight: theme.typography.fontWeightMedium },
    [theme.breakpoints.down('md')]: {
      thead: { display: 'none' },
      'tr, td': { display: 'block' },
      tr: { borderBottom: `1px solid ${theme.colors.border.medium}`, padding: theme.spacing(1, 0) },
      td: { border: 'none', padding: theme.spacing(0.5, 0) },
      'td[data-label]:not(:first-child)::before': {
        content: 'attr(data-label) ": "',
        color: theme.colors.text.secondary,
        marginRight: theme.spacing(1),
      },
    },
  }),
  budget: css({ minWidth: 160 }),
});
