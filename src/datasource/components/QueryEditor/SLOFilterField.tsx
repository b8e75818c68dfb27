import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Stack, useStyles2 } from '@grafana/ui';

import { parseSLOFilter, selectSLOs } from '../../lib/sloFilter';
import { hasVariable } from '../../lib/templating';
import type { SLO } from '../../types';
import { TextOptionField } from './OptionFields';

interface Props {
  value?: string;
  /** The catalog, when read: the field says which SLOs the filter selects. */
  slos?: SLO[];
  onChange: (filter: string) => void;
  onBlur: () => void;
}

/** The label filter of the all-SLOs query, with the SLOs it selects. */
export function SLOFilterField({ value, slos, onChange, onBlur }: Props) {
  const styles = useStyles2(getStyles);
  const text = value ?? '';
  const error = hasVariable(text) ? undefined : parseSLOFilter(text).error;
  const selected = slos && !error && !hasVariable(text) ? selectSLOs(slos, text) : undefined;
  return (
    <Stack direction="column" gap={0.5}>
      <TextOptionField
        label="Label filter"
        tooltip={
          'PromQL label matchers against the SLOs\u2019 labels; empty selects every SLO. Regular expressions match the whole value, and an absent label is empty, as in PromQL.'
        }
        width={48}
        placeholder={'service="api-gateway", tier=~"gold|silver"'}
        value={value}
        error={error}
        onChange={onChange}
        onBlur={onBlur}
      />
      {selected && (
        <span className={styles.about} data-testid="slo-filter-selection">
          {selected.length === 0
            ? `No SLO of the catalog matches (${slos!.length} in the catalog).`
            : `${selected.length} of ${slos!.length} SLOs: ${selected.map((s) => s.id).join(', ')}`}
        </span>
      )}
    </Stack>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  about: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
});
