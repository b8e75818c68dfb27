import React from 'react';
import type { QueryEditorProps } from '@grafana/data';
import { Stack } from '@grafana/ui';

import type { DataSource } from '../../datasource';
import { changeQueryType, normalizeQuery } from '../../lib/queryTypes';
import type { AnomalyDataSourceOptions, Query, QueryType } from '../../types';
import { DetectionQueryEditor } from './DetectionQueryEditor';
import { QueryTypeSelector } from './QueryTypeSelector';
import { SeriesQueryEditor } from './SeriesQueryEditor';
import { SLOQueryEditor } from './SLOQueryEditor';

type Props = QueryEditorProps<DataSource, Query, AnomalyDataSourceOptions>;

/** Used for panels, Explore, alert rules and annotations alike; it does not depend on `app`. */
export function QueryEditor({ query: stored, datasource, range, onChange, onRunQuery }: Props) {
  const query = normalizeQuery(stored);

  const onTypeChange = (queryType: QueryType) => {
    if (queryType !== query.queryType) {
      onChange(changeQueryType(query, queryType));
      onRunQuery();
    }
  };

  return (
    <Stack direction="column" gap={1}>
      <QueryTypeSelector value={query.queryType} onChange={onTypeChange} />
      {editorFor(query, { datasource, range, onChange, onRunQuery })}
    </Stack>
  );
}

function editorFor(query: Query, props: Pick<Props, 'datasource' | 'range' | 'onChange' | 'onRunQuery'>) {
  switch (query.queryType) {
    case 'series':
      return <SeriesQueryEditor query={query} {...props} />;
    case 'anomaly':
    case 'trend':
    case 'forecast':
      return <DetectionQueryEditor query={query} {...props} />;
    case 'slo':
      return (
        <SLOQueryEditor
          query={query}
          datasource={props.datasource}
          onChange={props.onChange}
          onRunQuery={props.onRunQuery}
        />
      );
  }
}
