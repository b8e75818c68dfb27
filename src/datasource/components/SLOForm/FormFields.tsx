import React, { useId, type ReactNode } from 'react';
import type { SelectableValue } from '@grafana/data';
import { Field, Input, RadioButtonGroup } from '@grafana/ui';

import type { DraftErrors, SLODraft } from '../../lib/sloForm';

interface TextProps {
  label: string;
  description?: ReactNode;
  value: string;
  error?: string;
  placeholder?: string;
  width?: number;
  suffix?: ReactNode;
  onChange: (text: string) => void;
  onBlur?: () => void;
}

/** A text field of the SLO form: kept as typed, its problem shown under it. */
export function TextField({
  label,
  description,
  value,
  error,
  placeholder,
  width,
  suffix,
  onChange,
  onBlur,
}: TextProps) {
  const id = useId();
  return (
    <Field label={label} description={description} invalid={error !== undefined} error={error} noMargin>
      <Input
        id={id}
        width={width}
        value={value}
        placeholder={placeholder}
        suffix={suffix}
        onChange={(e) => onChange(e.currentTarget.value)}
        onBlur={onBlur}
      />
    </Field>
  );
}

interface ChoiceProps<T> {
  label: string;
  description?: ReactNode;
  options: Array<SelectableValue<T>>;
  value: T;
  error?: string;
  onChange: (value: T) => void;
}

/** A few exclusive choices, as radio buttons named by the label. */
export function ChoiceField<T>({ label, description, options, value, error, onChange }: ChoiceProps<T>) {
  return (
    <Field label={label} description={description} invalid={error !== undefined} error={error} noMargin>
      <RadioButtonGroup<T> aria-label={label} options={options} value={value} onChange={onChange} />
    </Field>
  );
}

/** What each part of the SLO form receives. */
export interface DraftPartProps {
  draft: SLODraft;
  errors: DraftErrors;
  /** A patch of the draft; `chosen` when it comes from a choice rather than typing. */
  onChange: (patch: Partial<SLODraft>, chosen?: boolean) => void;
  /** A text field was left. */
  onBlur?: () => void;
}
