import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Button, IconButton, Input, Stack, useStyles2 } from '@grafana/ui';

import type { LabelRow } from '../../lib/sloForm';
import type { DraftPartProps } from './FormFields';

/** Labels as name/value rows; a row left empty is not written. */
export function LabelsField({ draft, errors, onChange, onBlur }: DraftPartProps) {
  const styles = useStyles2(getStyles);
  const rows = draft.labels;
  const setRows = (labels: LabelRow[], chosen?: boolean) => onChange({ labels }, chosen);
  const setRow = (i: number, patch: Partial<LabelRow>) =>
    setRows(rows.map((row, j) => (j === i ? { ...row, ...patch } : row)));

  return (
    <Stack direction="column" gap={1} alignItems="flex-start">
      {rows.map((row, i) => {
        const error = errors[`label.${i}`];
        return (
          <div key={i}>
            <Stack gap={1} alignItems="center">
              <Input
                aria-label={`Label ${i + 1} name`}
                width={20}
                placeholder="team"
                value={row.key}
                invalid={error !== undefined}
                onChange={(e) => setRow(i, { key: e.currentTarget.value })}
                onBlur={onBlur}
              />
              <Input
                aria-label={`Label ${i + 1} value`}
                width={30}
                placeholder="payments"
                value={row.value}
                onChange={(e) => setRow(i, { value: e.currentTarget.value })}
                onBlur={onBlur}
              />
              <IconButton
                name="trash-alt"
                aria-label={`Remove label ${i + 1}`}
                onClick={() =>
                  setRows(
                    rows.filter((_, j) => j !== i),
                    true
                  )
                }
              />
            </Stack>
            {error && (
              <div role="alert" className={styles.error}>
                {error}
              </div>
            )}
          </div>
        );
      })}
      <Button variant="secondary" size="sm" icon="plus" onClick={() => setRows([...rows, { key: '', value: '' }])}>
        Add label
      </Button>
    </Stack>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  error: css({
    marginTop: theme.spacing(0.5),
    color: theme.colors.error.text,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
});
