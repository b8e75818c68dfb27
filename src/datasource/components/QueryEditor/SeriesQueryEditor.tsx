import React from 'react';
import type { TimeRange } from '@grafana/data';
import { EditorRows } from '@grafana/plugin-ui';

import type { DataSource } from '../../datasource';
import { positiveDurationError } from '../../lib/duration';
import type { SeriesQuery } from '../../types';
import { ExpressionRows } from './ExpressionRows';
import { TextOptionField } from './OptionFields';

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
  return (
    <EditorRows>
      <ExpressionRows query={query} datasource={datasource} range={range} onChange={onChange} onRun={onRunQuery}>
        <TextOptionField
          label="Min step"
          tooltip="Lower bound for the step between points, e.g. 30s."
          placeholder="15s"
          value={query.minStep}
          error={positiveDurationError(query.minStep ?? '')}
          onChange={(minStep) => onChange({ ...query, minStep })}
          onBlur={onRunQuery}
        />
      </ExpressionRows>
    </EditorRows>
  );
}
