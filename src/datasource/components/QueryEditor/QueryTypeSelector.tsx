import React from 'react';
import { Field, RadioButtonGroup } from '@grafana/ui';

import { QUERY_TYPE_OPTIONS } from '../../lib/queryTypes';
import type { QueryType } from '../../types';

interface Props {
  value: QueryType;
  onChange: (queryType: QueryType) => void;
}

export function QueryTypeSelector({ value, onChange }: Props) {
  return (
    <Field label="Query type" noMargin>
      <RadioButtonGroup<QueryType>
        aria-label="Query type"
        options={QUERY_TYPE_OPTIONS}
        value={value}
        onChange={onChange}
      />
    </Field>
  );
}
