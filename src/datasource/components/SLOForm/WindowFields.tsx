import React, { useId } from 'react';
import type { SelectableValue } from '@grafana/data';
import { Combobox, Field, Stack } from '@grafana/ui';

import { budgetLabel } from '../../lib/sloCatalog';
import { draftWindow } from '../../lib/sloForm';
import { parsePercentText, timeZones } from '../../lib/sloValues';
import type { CalendarUnit } from '../../types';
import { ChoiceField, TextField, type DraftPartProps } from './FormFields';

const WINDOW_KINDS: Array<SelectableValue<'rolling' | 'calendar'>> = [
  { value: 'rolling', label: 'Rolling', description: 'The last period, sliding with now.' },
  {
    value: 'calendar',
    label: 'Calendar',
    description: 'The current week, month or quarter; the budget resets when it ends.',
  },
];

const UNITS: Array<SelectableValue<CalendarUnit>> = [
  { value: 'week', label: 'Week' },
  { value: 'month', label: 'Month' },
  { value: 'quarter', label: 'Quarter' },
];

/** The objective, entered as a percent, and the compliance window it applies to. */
export function WindowFields({ draft, errors, onChange, onBlur }: DraftPartProps) {
  const objective = parsePercentText(draft.objective).value ?? NaN;
  const budget = budgetLabel({ objective, window: draftWindow(draft), sli: { kind: draft.kind } });
  return (
    <Stack direction="column" gap={2}>
      <TextField
        label="Objective"
        description={budget ? `Error budget: ${budget}.` : 'Share of good events or time, in percent.'}
        placeholder="99.9"
        width={14}
        suffix="%"
        value={draft.objective}
        error={errors.objective}
        onChange={(text) => onChange({ objective: text })}
        onBlur={onBlur}
      />
      <ChoiceField
        label="Window"
        description={WINDOW_KINDS.find((k) => k.value === draft.windowKind)?.description}
        options={WINDOW_KINDS.map(({ value, label }) => ({ value, label }))}
        value={draft.windowKind}
        onChange={(windowKind) => onChange({ windowKind }, true)}
      />
      {draft.windowKind === 'rolling' ? (
        <TextField
          label="Duration"
          description="Such as 30d, 7d or 1d (units w, d, h, m)."
          placeholder="30d"
          width={14}
          value={draft.duration}
          error={errors.window}
          onChange={(duration) => onChange({ duration })}
          onBlur={onBlur}
        />
      ) : (
        <Stack gap={2} wrap="wrap" alignItems="flex-start">
          <ChoiceField
            label="Period"
            options={UNITS}
            value={draft.unit}
            error={errors.window}
            onChange={(unit) => onChange({ unit }, true)}
          />
          <TimeZoneField
            value={draft.timeZone}
            error={errors.timeZone}
            onChange={(timeZone) => onChange({ timeZone }, true)}
          />
        </Stack>
      )}
    </Stack>
  );
}

let zoneOptions: Array<{ value: string }> | undefined;

interface TimeZoneProps {
  value: string;
  error?: string;
  onChange: (timeZone: string) => void;
}

/** An IANA time zone, picked from the browser's list or typed (aliases the server knows); empty is UTC. */
function TimeZoneField({ value, error, onChange }: TimeZoneProps) {
  const id = useId();
  zoneOptions ??= timeZones().map((zone) => ({ value: zone }));
  return (
    <Field
      label="Time zone"
      description="Where periods start; UTC when empty."
      invalid={error !== undefined}
      error={error}
      noMargin
    >
      <Combobox<string>
        id={id}
        width={30}
        placeholder="UTC"
        options={zoneOptions}
        value={value || null}
        createCustomValue
        isClearable
        onChange={(option) => onChange(option?.value ?? '')}
      />
    </Field>
  );
}
