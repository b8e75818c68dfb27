import React, { useState } from 'react';
import type { QueryEditorProps } from '@grafana/data';
import { Field, Input } from '@grafana/ui';

import type { DataSource } from '../datasource';
import { hasVariable } from '../lib/templating';
import { parseVariableQuery, VARIABLE_QUERY_HELP, variableQueryText } from '../lib/variableQuery';
import type { AnomalyDataSourceOptions, Query, VariableQuery } from '../types';

type Props = QueryEditorProps<DataSource, Query, AnomalyDataSourceOptions, VariableQuery>;

/** Text of a Prometheus-style variable query, saved (and so run) on blur. */
export function VariableQueryEditor({ query, onChange }: Props) {
  const [text, setText] = useState(variableQueryText(query));
  const [error, setError] = useState<string>();

  const onBlur = () => {
    const parsed = parseVariableQuery(text);
    // A variable may stand for any part of the query; judge it once resolved, when it runs.
    setError(parsed.kind === 'invalid' && !hasVariable(text) ? parsed.error : undefined);
    onChange({ refId: 'VariableQuery', ...(typeof query === 'object' ? query : {}), query: text });
  };

  return (
    <Field label="Query" description={VARIABLE_QUERY_HELP} invalid={Boolean(error)} error={error}>
      <Input
        id="variable-query"
        value={text}
        placeholder="label_values(up, job)"
        onChange={(e) => setText(e.currentTarget.value)}
        onBlur={onBlur}
      />
    </Field>
  );
}
