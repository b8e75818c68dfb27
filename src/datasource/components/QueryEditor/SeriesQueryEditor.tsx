import React, { useCallback, useId } from 'react';
import type { TimeRange } from '@grafana/data';
import { Field, Input, Stack } from '@grafana/ui';

import type { DataSource } from '../../datasource';
import type { ResourceRequest } from '../../lib/completion';
import { positiveDurationError } from '../../lib/duration';
import type { SeriesQuery } from '../../types';
import { PromQLField } from './PromQLField';

interface Props {
  query: SeriesQuery;
  datasource: DataSource;
  range?: TimeRange;
  onChange: (query: SeriesQuery) => void;
  onRunQuery: () => void;
}

/**
 * Editor of a `series` query. Every keystroke reaches onChange as typed, so nothing is lost;
 * leaving a field runs the query, except a min step the backend would refuse, which shows why.
 */
export function SeriesQueryEditor({ query, datasource, range, onChange, onRunQuery }: Props) {
  const id = useId();
  const minStepError = positiveDurationError(query.minStep ?? '');
  const fetchSuggestions = useCallback(
    (request: ResourceRequest) => datasource.fetchResource(request, range),
    [datasource, range]
  );

  return (
    <Stack direction="column" gap={1}>
      <Field
        label="Expression"
        description="PromQL. Shift+Enter runs it; Ctrl+Space lists metric names."
        htmlFor={`${id}-expr`}
      >
        <PromQLField
          id={`${id}-expr`}
          value={query.expr}
          onChange={(expr) => onChange({ ...query, expr })}
          onRunQuery={onRunQuery}
          fetchSuggestions={fetchSuggestions}
        />
      </Field>
      <Stack direction="row" gap={2} wrap="wrap">
        <Field label="Legend" description="Series name; {{label}} becomes that label's value." htmlFor={`${id}-legend`}>
          <Input
            id={`${id}-legend`}
            width={32}
            placeholder="{{instance}}"
            value={query.legendFormat ?? ''}
            onChange={(e) => onChange({ ...query, legendFormat: e.currentTarget.value })}
            onBlur={onRunQuery}
          />
        </Field>
        <Field
          label="Min step"
          description="Lower bound for the step between points, e.g. 30s."
          htmlFor={`${id}-min-step`}
          invalid={minStepError !== undefined}
          error={minStepError}
        >
          <Input
            id={`${id}-min-step`}
            width={16}
            placeholder="15s"
            value={query.minStep ?? ''}
            onChange={(e) => onChange({ ...query, minStep: e.currentTarget.value })}
            onBlur={() => minStepError === undefined && onRunQuery()}
          />
        </Field>
      </Stack>
    </Stack>
  );
}
