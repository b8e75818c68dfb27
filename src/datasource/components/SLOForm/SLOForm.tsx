import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { FieldSet, Stack, useStyles2 } from '@grafana/ui';

import type { DraftErrors, SLODraft } from '../../lib/sloForm';
import { TextField } from './FormFields';
import { LabelsField } from './LabelsField';
import { SLIFields } from './SLIFields';
import { WindowFields } from './WindowFields';

interface Props {
  draft: SLODraft;
  /** From parseDraft; each is shown under its field. */
  errors: DraftErrors;
  /** An inline SLO may go without an id; the backend names it `inline`. */
  inline?: boolean;
  /** The new draft; `chosen` when a choice made it rather than typing, so a query may run at once. */
  onChange: (draft: SLODraft, chosen: boolean) => void;
  /** A text field was left. */
  onBlur?: () => void;
}

/**
 * An SLO definition, as the catalog and inline queries hold it: identity, SLI, objective and
 * window, labels, and the guards of its alerts. Controlled: the container keeps the draft.
 */
export function SLOForm({ draft, errors, inline = false, onChange, onBlur }: Props) {
  const styles = useStyles2(getStyles);
  const part = {
    draft,
    errors,
    onChange: (patch: Partial<SLODraft>, chosen = false) => onChange({ ...draft, ...patch }, chosen),
    onBlur,
  };
  const text = (field: 'id' | 'name' | 'description' | 'minEvents' | 'violationFor' | 'violationWindow') => ({
    value: draft[field],
    error: errors[field],
    onChange: (value: string) => part.onChange({ [field]: value }),
    onBlur,
  });

  return (
    <div className={styles.form}>
      <FieldSet label="SLO" className={styles.set}>
        <Stack gap={2} wrap="wrap" alignItems="flex-start">
          <TextField
            label="Id"
            description={inline ? 'Optional; names the results.' : 'Queries and alert rules name the SLO by this id.'}
            placeholder={inline ? 'inline' : 'checkout-latency'}
            width={30}
            {...text('id')}
          />
          <TextField label="Name" placeholder="Checkout latency" width={40} {...text('name')} />
        </Stack>
        <TextField label="Description" placeholder="What the SLO promises, to whom." {...text('description')} />
      </FieldSet>
      <FieldSet label="SLI" className={styles.set}>
        <SLIFields {...part} />
      </FieldSet>
      <FieldSet label="Objective and window" className={styles.set}>
        <WindowFields {...part} />
      </FieldSet>
      <FieldSet label="Labels" className={styles.set}>
        <LabelsField {...part} />
      </FieldSet>
      <FieldSet label="Alert guards" className={styles.set}>
        <Stack gap={2} wrap="wrap" alignItems="flex-start">
          <TextField
            label="Min events"
            description="Fewer events in a window is no data, not a breach."
            placeholder="0"
            width={14}
            {...text('minEvents')}
          />
          <TextField
            label="Violation for"
            description="Adds a condition: error ratio above budget for this long."
            placeholder="30m"
            width={14}
            {...text('violationFor')}
          />
          <TextField
            label="Violation window"
            description="Error-ratio window of that condition."
            placeholder="5m"
            width={14}
            {...text('violationWindow')}
          />
        </Stack>
      </FieldSet>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  form: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1), width: '100%' }),
  set: css({
    marginBottom: 0,
    '> legend': { fontSize: theme.typography.h6.fontSize, marginBottom: theme.spacing(1) },
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(2),
  }),
});
