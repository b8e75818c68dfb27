import React, { useState } from 'react';
import { Field, Input } from '@grafana/ui';

import type { FieldValue } from '../../lib/settings';

interface Props<T> {
  id: string;
  label: string;
  description: string;
  placeholder: string;
  initialText: string;
  parse: (text: string) => FieldValue<T>;
  /** Called with each valid value as it is typed; undefined stands for "use the default". */
  onValue: (value: T | undefined) => void;
}

/** A text setting that shows why its text is refused and stores only what parses. */
export function ValidatedField<T>({ id, label, description, placeholder, initialText, parse, onValue }: Props<T>) {
  const [text, setText] = useState(initialText);
  const { error } = parse(text);

  const onChange = (next: string) => {
    setText(next);
    const parsed = parse(next);
    if (parsed.error === undefined) {
      onValue(parsed.value);
    }
  };

  return (
    <Field label={label} description={description} invalid={error !== undefined} error={error}>
      <Input
        id={id}
        width={24}
        value={text}
        placeholder={placeholder}
        onChange={(e) => onChange(e.currentTarget.value)}
      />
    </Field>
  );
}
