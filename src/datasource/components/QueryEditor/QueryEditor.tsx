import React from 'react';
import type { QueryEditorProps } from '@grafana/data';
import { Stack } from '@grafana/ui';

import type { DataSource } from '../../datasource';
import { newQuery, normalizeQuery } from '../../lib/queryTypes';
import type { AnomalyDataSourceOptions, Query, QueryType } from '../../types';
import { QueryTypeSelector } from './QueryTypeSelector';
import { SeriesQueryEditor } from './SeriesQueryEditor';

type Props = QueryEditorProps<DataSource, Query, AnomalyDataSourceOptions>;

/** Used for panels, Explore, alert rules and annotations alike; it does not depend on `app`. */
export function QueryEditor({ query: stored, datasource, range, onChange, onRunQuery }: Props) {
  const query = normalizeQuery(stored);

  const onTypeChange = (queryType: QueryType) => {
    if (queryType !== query.queryType) {
      // A new kind starts from its defaults; only the query's identity carries over.
      onChange({ ...newQuery(queryType), refId: query.refId, datasource: query.datasource, hide: query.hide });
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
  }
}
