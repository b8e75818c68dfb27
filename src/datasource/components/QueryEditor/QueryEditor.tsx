import React from 'react';
import type { QueryEditorProps } from '@grafana/data';
import { Stack } from '@grafana/ui';

import type { DataSource } from '../../datasource';
import { changeQueryType, normalizeQuery } from '../../lib/queryTypes';
import { queryContext, type QueryContext } from '../../lib/ruleOutputs';
import type { AnomalyDataSourceOptions, Query, QueryType } from '../../types';
import { DetectionQueryEditor } from './DetectionQueryEditor';
import { QueryTypeSelector } from './QueryTypeSelector';
import { SeriesQueryEditor } from './SeriesQueryEditor';
import { SLOQueryEditor } from './SLOQueryEditor';

type Props = QueryEditorProps<DataSource, Query, AnomalyDataSourceOptions>;

/**
 * Used for panels, Explore, rules and annotations alike. In Grafana's rule editor (`app` is
 * CoreApp.UnifiedAlerting) it offers only the outputs rules can use, and new queries start with them.
 */
export function QueryEditor({ query: stored, datasource, range, app, onChange, onRunQuery }: Props) {
  const query = normalizeQuery(stored);
  const context = queryContext(app);

  const onTypeChange = (queryType: QueryType) => {
    if (queryType !== query.queryType) {
      onChange(changeQueryType(query, queryType, context));
      onRunQuery();
    }
  };

  return (
    <Stack direction="column" gap={1}>
      <QueryTypeSelector value={query.queryType} onChange={onTypeChange} />
      {editorFor(query, { datasource, range, onChange, onRunQuery, context })}
    </Stack>
  );
}

type EditorProps = Pick<Props, 'datasource' | 'range' | 'onChange' | 'onRunQuery'> & { context: QueryContext };

function editorFor(query: Query, { context, ...props }: EditorProps) {
  switch (query.queryType) {
    case 'series':
      return <SeriesQueryEditor query={query} {...props} />;
    case 'anomaly':
    case 'trend':
    case 'forecast':
      return <DetectionQueryEditor query={query} context={context} {...props} />;
    case 'slo':
      return (
        <SLOQueryEditor
          query={query}
          context={context}
          datasource={props.datasource}
          onChange={props.onChange}
          onRunQuery={props.onRunQuery}
        />
      );
  }
}
