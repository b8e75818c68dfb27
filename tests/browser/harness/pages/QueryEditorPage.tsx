import React, { useState } from 'react';
import { css } from '@emotion/css';
import type { CoreApp, GrafanaTheme2, TimeRange } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import { QueryEditor } from '../../../../src/datasource/components/QueryEditor/QueryEditor';
import type { DataSource } from '../../../../src/datasource/datasource';
import type { Query } from '../../../../src/datasource/types';

interface Props {
  datasource: DataSource;
  range: TimeRange;
  /** Where Grafana renders the editor; a panel's query row when unset. */
  app?: CoreApp;
}

const PANEL_QUERY: Query = { refId: 'A', queryType: 'series', expr: '', legendFormat: '{{service}} {{code}}' };

/**
 * The query editor as a panel's query row holds it, or as Grafana's rule editor does (`app`):
 * there a new query is the datasource's default for the app. Completion asks the devserver.
 */
export function QueryEditorPage({ datasource, range, app }: Props) {
  const styles = useStyles2(getStyles);
  const [query, setQuery] = useState<Query>(() =>
    app === undefined ? PANEL_QUERY : ({ refId: 'A', ...datasource.getDefaultQuery(app) } as Query)
  );
  const [runs, setRuns] = useState(0);
  return (
    <div className={styles.row}>
      <div className={styles.rowHeader}>
        <span className={styles.refId}>{query.refId}</span>
        <span className={styles.dsName}>({datasource.name})</span>
      </div>
      <QueryEditor
        datasource={datasource}
        query={query}
        range={range}
        app={app}
        onChange={setQuery}
        onRunQuery={() => setRuns((n) => n + 1)}
      />
      <output data-testid="harness-query" data-runs={runs} hidden>
        {JSON.stringify(query)}
      </output>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  row: css({
    maxWidth: 900,
    padding: theme.spacing(1, 2, 2),
    background: theme.colors.background.primary,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
  }),
  rowHeader: css({
    display: 'flex',
    gap: theme.spacing(1),
    alignItems: 'baseline',
    marginBottom: theme.spacing(1),
  }),
  refId: css({
    color: theme.colors.primary.text,
    fontWeight: theme.typography.fontWeightMedium,
  }),
  dsName: css({
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
});
