import React from 'react';
import type { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import {
  AdvancedHttpSettings,
  Auth,
  AuthMethod,
  ConfigSection,
  ConnectionSettings,
  convertLegacyAuthProps,
  DataSourceDescription,
} from '@grafana/plugin-ui';
import { Divider } from '@grafana/ui';

import { OVERVIEW_URL } from '../../../constants';
import type { AnomalyDataSourceOptions, AnomalySecureJsonData } from '../../types';
import { QuerySettings } from './QuerySettings';
import { SLOCatalogSection } from './SLOCatalogSection';

type Props = DataSourcePluginOptionsEditorProps<AnomalyDataSourceOptions, AnomalySecureJsonData>;

export function ConfigEditor({ options, onOptionsChange }: Props) {
  return (
    <>
      <DataSourceDescription dataSourceName="Claude Enhancer Anomaly & SLO" docsLink={OVERVIEW_URL} hasRequiredFields />
      <Divider />
      <ConnectionSettings config={options} onChange={onOptionsChange} urlPlaceholder="http://prometheus:9090" />
      <Divider />
      {/* Only what the backend's HTTP client (Go SDK) applies: basic auth or none, TLS, custom headers. */}
      <Auth
        {...convertLegacyAuthProps({ config: options, onChange: onOptionsChange })}
        visibleMethods={[AuthMethod.BasicAuth, AuthMethod.NoAuth]}
      />
      <Divider />
      <ConfigSection title="Additional settings" isCollapsible isInitiallyOpen={false}>
        <AdvancedHttpSettings config={options} onChange={onOptionsChange} />
      </ConfigSection>
      <Divider />
      <QuerySettings options={options} onOptionsChange={onOptionsChange} />
      <Divider />
      <SLOCatalogSection options={options} onOptionsChange={onOptionsChange} />
    </>
  );
}
