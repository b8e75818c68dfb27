import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Icon, IconButton, Stack, useStyles2 } from '@grafana/ui';

import { objectiveLabel, SLI_KIND_LABELS, windowLabel, type SLOProblems } from '../../lib/sloCatalog';
import type { SLO } from '../../types';

interface Props {
  slos: SLO[];
  /** validateCatalog's answer, one entry per SLO. */
  problems: SLOProblems[];
  onEdit: (index: number) => void;
  onRemove: (index: number) => void;
}

/** The catalog as a table: what each SLO promises, and why it would be refused. */
export function SLOCatalogTable({ slos, problems, onEdit, onRemove }: Props) {
  const styles = useStyles2(getStyles);
  return (
    <table className={styles.table} aria-label="SLO catalog">
      <thead>
        <tr>
          <th>Name</th>
          <th>Id</th>
          <th>Objective</th>
          <th>Window</th>
          <th>SLI</th>
          <th>
            <span className={styles.hidden}>Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {slos.map((slo, i) => {
          const problem = Object.values(problems[i] ?? {})[0];
          const ref = slo.id || `SLO ${i + 1}`;
          return (
            <tr key={i}>
              <td>
                {slo.name || slo.id}
                {problem && (
                  <div className={styles.problem}>
                    <Icon name="exclamation-triangle" size="sm" /> {problem}
                  </div>
                )}
              </td>
              <td>
                <code>{slo.id}</code>
              </td>
              <td>{objectiveLabel(slo.objective)}</td>
              <td>{windowLabel(slo.window)}</td>
              <td>{SLI_KIND_LABELS[slo.sli?.kind] ?? slo.sli?.kind}</td>
              <td>
                <Stack gap={0.5} justifyContent="flex-end">
                  <IconButton name="pen" aria-label={`Edit ${ref}`} onClick={() => onEdit(i)} />
                  <IconButton name="trash-alt" aria-label={`Remove ${ref}`} onClick={() => onRemove(i)} />
                </Stack>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  table: css({
    width: '100%',
    marginBottom: theme.spacing(2),
    borderCollapse: 'collapse',
    'th, td': {
      padding: theme.spacing(0.75, 1),
      borderBottom: `1px solid ${theme.colors.border.weak}`,
      textAlign: 'left',
      verticalAlign: 'top',
    },
    th: { color: theme.colors.text.secondary, fontWeight: theme.typography.fontWeightMedium },
  }),
  problem: css({ color: theme.colors.warning.text, fontSize: theme.typography.bodySmall.fontSize }),
  hidden: css({
    position: 'absolute',
    width: 1,
    height: 1,
    overflow: 'hidden',
    clipPath: 'inset(50%)',
    whiteSpace: 'nowrap',
  }),
});
