import React, { useId, useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2, SelectableValue } from '@grafana/data';
import { EditorField } from '@grafana/plugin-ui';
import { Input, RadioButtonGroup, useStyles2 } from '@grafana/ui';

import { parseNumberText, type OptionField } from '../../lib/detectionOptions';
import type { DetectionQuery } from '../../types';

interface FieldProps {
  label: string;
  tooltip: string;
  /** Why the stored value would be refused; shown under the field. */
  error?: string;
  width?: number;
}

interface TextProps extends FieldProps {
  value?: string;
  placeholder: string;
  /** Receives the text as typed, so nothing is lost; the editor removes an empty field. */
  onChange: (text: string) => void;
  /** Leaving the field; not called while it is invalid. */
  onBlur: () => void;
}

/** A text option such as a duration. */
export function TextOptionField({
  label,
  tooltip,
  error,
  width = 12,
  value,
  placeholder,
  onChange,
  onBlur,
}: TextProps) {
  const id = useId();
  return (
    <EditorField label={label} tooltip={tooltip} htmlFor={id} invalid={error !== undefined} error={error}>
      <Input
        id={id}
        width={width}
        value={value ?? ''}
        placeholder={placeholder}
        onChange={(e) => onChange(e.currentTarget.value)}
        onBlur={() => error === undefined && onBlur()}
      />
    </EditorField>
  );
}

interface NumberProps extends FieldProps {
  value?: number;
  placeholder: string;
  /** Receives the number typed, in range or not; undefined when the field is empty or not a number. */
  onChange: (value: number | undefined) => void;
  onBlur: () => void;
}

/**
 * A numeric option. The text is kept here, since `1.` or `abc` is not a number the query could
 * hold; text that is not a number leaves the option unset and says why.
 */
export function NumberOptionField({
  label,
  tooltip,
  error,
  width = 10,
  value,
  placeholder,
  onChange,
  onBlur,
}: NumberProps) {
  const id = useId();
  const [text, setText] = useState(value === undefined ? '' : String(value));
  const parsed = parseNumberText(text);
  // A value changed from outside (another field's edit, query history) replaces the text.
  if (value !== parsed.value) {
    setText(value === undefined ? '' : String(value));
  }
  const shownError = parsed.error ?? error;

  return (
    <EditorField label={label} tooltip={tooltip} htmlFor={id} invalid={shownError !== undefined} error={shownError}>
      <Input
        id={id}
        width={width}
        inputMode="decimal"
        value={text}
        placeholder={placeholder}
        onChange={(e) => {
          const next = e.currentTarget.value;
          setText(next);
          onChange(parseNumberText(next).value);
        }}
        onBlur={() => shownError === undefined && onBlur()}
      />
    </EditorField>
  );
}

interface ChoiceProps<T> extends Omit<FieldProps, 'width'> {
  options: Array<SelectableValue<T>>;
  /** A value none of the options has leaves them all unselected; `error` says why. */
  value: T;
  onChange: (value: T) => void;
  disabledOptions?: T[];
  /** Shown under the buttons, e.g. what the chosen option is for. */
  hint?: string;
}

/** A few exclusive choices, as radio buttons. */
export function ChoiceField<T>({
  label,
  tooltip,
  hint,
  error,
  options,
  value,
  onChange,
  disabledOptions,
}: ChoiceProps<T>) {
  const styles = useStyles2(getStyles);
  return (
    <EditorField label={label} tooltip={tooltip} invalid={error !== undefined} error={error}>
      {/* A fragment, so the field does not pass `invalid` on to a div. */}
      <>
        <div>
          <RadioButtonGroup<T>
            aria-label={label}
            size="sm"
            options={options}
            value={value}
            disabledOptions={disabledOptions}
            onChange={onChange}
          />
          {hint && <div className={styles.hint}>{hint}</div>}
        </div>
      </>
    </EditorField>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  hint: css({
    marginTop: theme.spacing(0.5),
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
});

/** What an editor of a group of detection options receives. */
export interface OptionSetProps<Q extends DetectionQuery> {
  query: Q;
  shown: Set<OptionField>;
  errors: Partial<Record<OptionField, string>>;
  /** A typed edit: it reaches the query; the query runs when the field is left. */
  onChange: (query: DetectionQuery) => void;
  /** A choice: it reaches the query, which runs at once if valid. */
  onChoose: (query: DetectionQuery) => void;
  /** Leaving a text field. */
  onBlur: () => void;
}
