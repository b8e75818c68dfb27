import React, { type ReactNode } from 'react';
import type { TimeRange } from '@grafana/data';
import { EditorRow } from '@grafana/plugin-ui';

import type { DataSource } from '../../datasource';
import type { PromQLQuery } from '../../types';
import { ExpressionField } from './ExpressionField';
import { LegendField } from './LegendField';

interface Props<Q extends PromQLQuery> {
  query: Q;
  datasource: DataSource;
  range?: TimeRange;
  onChange: (query: Q) => void;
  /** Runs the query when the expression is submitted or the legend is left. */
  onRun: () => void;
  /** Fields that share the legend's row. */
  children?: ReactNode;
}

/** The expression, then a row with the legend: how every PromQL-based query kind starts. */
export function ExpressionRows<Q extends PromQLQuery>({
  query,
  datasource,
  range,
  onChange,
  onRun,
  children,
}: Props<Q>) {
  return (
    <>
      <ExpressionField
        value={query.expr}
        datasource={datasource}
        range={range}
        onChange={(expr) => onChange({ ...query, expr })}
        onRunQuery={onRun}
      />
      <EditorRow>
        <LegendField
          value={query.legendFormat}
          onChange={(legendFormat) => onChange({ ...query, legendFormat })}
          onBlur={onRun}
        />
        {children}
      </EditorRow>
    </>
  );
}
