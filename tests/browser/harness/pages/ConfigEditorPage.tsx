import React, { useState } from 'react';
import { css } from '@emotion/css';
import type { DataSourceSettings, GrafanaTheme2 } from '@grafana/data';
import { Alert, Button, useStyles2 } from '@grafana/ui';

import { ConfigEditor } from '../../../../src/datasource/components/ConfigEditor/ConfigEditor';
import type { DataSource } from '../../../../src/datasource/datasource';
import type { AnomalyDataSourceOptions, AnomalySecureJsonData } from '../../../../src/datasource/types';
import { DATASOURCE_UID } from '../env';

type Settings = DataSourceSettings<AnomalyDataSourceOptions, AnomalySecureJsonData>;

/**
 * Saved settings as Grafana sends them to the editor: the header's value is secret, so only
 * `secureJsonFields` says it is set; the browser never sees it.
 */
export function savedSettings(url: string): Settings {
  return {
    id: 1,
    uid: DATASOURCE_UID,
    orgId: 1,
    name: 'Claude Enhancer Anomaly & SLO',
    type: 'claudeenhancer-anomaly-datasource',
    typeName: 'Claude Enhancer Anomaly & SLO',
    typeLogoUrl: '',
    access: 'proxy',
    url,
    user: '',
    database: '',
    basicAuth: false,
    basicAuthUser: '',
    withCredentials: false,
    isDefault: true,
    jsonData: { httpMethod: 'POST', timeInterval: '15s', httpHeaderName1: 'X-Scope-OrgID' },
    secureJsonFields: { httpHeaderValue1: true },
    readOnly: false,
  };
}

interface Props {
  datasource: DataSource;
  prometheusURL: string;
}

interface TestResult {
  ok: boolean;
  message: string;
}

/** The settings page: the config editor, then "Save & test", which runs the backend's health check. */
export function ConfigEditorPage({ datasource, prometheusURL }: Props) {
  const styles = useStyles2(getStyles);
  const [options, setOptions] = useState(() => savedSettings(prometheusURL));
  const [result, setResult] = useState<TestResult>();

  const test = () =>
    datasource.testDatasource().then(
      (r) => setResult({ ok: r.status === 'success', message: r.message }),
      (e) => setResult({ ok: false, message: e?.message ?? String(e) })
    );

  return (
    <div className={styles.settings}>
      <ConfigEditor options={options} onOptionsChange={setOptions} />
      {result && <Alert severity={result.ok ? 'success' : 'error'} title={result.message} className={styles.result} />}
      <Button onClick={test}>Save &amp; test</Button>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  settings: css({
    maxWidth: 900,
  }),
  result: css({
    marginTop: theme.spacing(2),
  }),
});
