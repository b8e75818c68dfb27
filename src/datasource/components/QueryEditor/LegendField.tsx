import React, { useId } from 'react';
import { EditorField } from '@grafana/plugin-ui';
import { Input } from '@grafana/ui';

interface Props {
  value?: string;
  onChange: (legendFormat: string) => void;
  onBlur: () => void;
}

export function LegendField({ value, onChange, onBlur }: Props) {
  const id = useId();
  return (
    <EditorField label="Legend" tooltip="Series name; {{label}} becomes that label's value." htmlFor={id}>
      <Input
        id={id}
        width={24}
        placeholder="{{instance}}"
        value={value ?? ''}
        onChange={(e) => onChange(e.currentTarget.value)}
        onBlur={onBlur}
      />
    </EditorField>
  );
}
