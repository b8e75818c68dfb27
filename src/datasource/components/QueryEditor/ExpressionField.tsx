import React, { useCallback, useId } from 'react';
import type { TimeRange } from '@grafana/data';
import { Field } from '@grafana/ui';

import type { DataSource } from '../../datasource';
import type { ResourceRequest } from '../../lib/completion';
import { PromQLField } from './PromQLField';

interface Props {
  value: string;
  datasource: DataSource;
  range?: TimeRange;
  onChange: (expr: string) => void;
  onRunQuery: () => void;
}

/** The PromQL expression every query kind starts from, with completion from the datasource. */
export function ExpressionField({ value, datasource, range, onChange, onRunQuery }: Props) {
  const id = useId();
  const fetchSuggestions = useCallback(
    (request: ResourceRequest) => datasource.fetchResource(request, range),
    [datasource, range]
  );

  return (
    <Field
      label="Expression"
      description="PromQL. Shift+Enter runs it; Ctrl+Space lists metric names."
      htmlFor={id}
      noMargin
    >
      <PromQLField
        id={id}
        value={value}
        onChange={onChange}
        onRunQuery={onRunQuery}
        fetchSuggestions={fetchSuggestions}
      />
    </Field>
  );
}
