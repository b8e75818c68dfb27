import React from 'react';
import type { DataSourceSettings } from '@grafana/data';
import { ConfigSection } from '@grafana/plugin-ui';
import { Field, RadioButtonGroup } from '@grafana/ui';

import {
  DEFAULT_SCRAPE_INTERVAL,
  parseResponseLimit,
  parseScrapeInterval,
  RESPONSE_LIMIT_MB,
} from '../../lib/settings';
import type { AnomalyDataSourceOptions, AnomalySecureJsonData, HttpMethod } from '../../types';
import { ValidatedField } from './ValidatedField';

type Settings = DataSourceSettings<AnomalyDataSourceOptions, AnomalySecureJsonData>;

interface Props {
  options: Settings;
  onOptionsChange: (options: Settings) => void;
}

const HTTP_METHODS: Array<{ label: string; value: HttpMethod }> = [
  { label: 'POST', value: 'POST' },
  { label: 'GET', value: 'GET' },
];

/** Settings of our own, beside the standard HTTP ones: how queries reach the server. */
export function QuerySettings({ options, onOptionsChange }: Props) {
  const { jsonData } = options;

  const setJsonData = <K extends keyof AnomalyDataSourceOptions>(
    key: K,
    value: AnomalyDataSourceOptions[K] | undefined
  ) => {
    const next = { ...jsonData };
    if (value === undefined) {
      delete next[key]; // the backend's default applies
    } else {
      next[key] = value;
    }
    onOptionsChange({ ...options, jsonData: next });
  };

  return (
    <ConfigSection title="Query" description="How queries are sent to the server and how much they may return.">
      <Field
        label="HTTP method"
        description="POST carries long queries; choose GET for servers or proxies that only accept GET."
      >
        <RadioButtonGroup<HttpMethod>
          options={HTTP_METHODS}
          value={jsonData.httpMethod ?? 'POST'}
          onChange={(method) => setJsonData('httpMethod', method)}
        />
      </Field>
      <ValidatedField
        id="response-limit-mb"
        label="Response size limit (MB)"
        description={`Larger answers from the server are refused. Default ${RESPONSE_LIMIT_MB.default} MB.`}
        placeholder={String(RESPONSE_LIMIT_MB.default)}
        initialText={jsonData.responseLimitMB?.toString() ?? ''}
        parse={parseResponseLimit}
        onValue={(limit) => setJsonData('responseLimitMB', limit)}
      />
      <ValidatedField
        id="scrape-interval"
        label="Scrape interval"
        description={`How often the server scrapes its targets; $__rate_interval is at least four times this. Default ${DEFAULT_SCRAPE_INTERVAL}.`}
        placeholder={DEFAULT_SCRAPE_INTERVAL}
        initialText={jsonData.timeInterval ?? ''}
        parse={parseScrapeInterval}
        onValue={(interval) => setJsonData('timeInterval', interval)}
      />
    </ConfigSection>
  );
}
