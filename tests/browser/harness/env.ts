import { dateTime, type DataSourceInstanceSettings, type DataSourcePluginMeta, type TimeRange } from '@grafana/data';

import { DataSource } from '../../../src/datasource/datasource';
import pluginJson from '../../../src/datasource/plugin.json';
import type { AnomalyDataSourceOptions } from '../../../src/datasource/types';

/** The datasource uid the devserver answers for (its --uid, as provisioned in provisioning/datasources). */
export const DATASOURCE_UID = 'ce-anomaly';

/** What the devserver tells about the fixture it serves (GET /api/harness/fixture). */
export interface FixtureInfo {
  prometheus: string;
  /** Epoch ms of the first and last sample. */
  start: number;
  end: number;
  series: string[];
}

export async function loadFixture(): Promise<FixtureInfo> {
  const res = await fetch('/api/harness/fixture');
  if (!res.ok) {
    throw new Error(`GET /api/harness/fixture: ${res.status} ${await res.text()}`);
  }
  return res.json();
}

/** The last `hours` of the fixture, so the data reaches the right edge of a panel. */
export function fixtureRange(fixture: FixtureInfo, hours: number): TimeRange {
  const to = dateTime(fixture.end);
  const from = dateTime(fixture.end - hours * 3600_000);
  return { from, to, raw: { from, to } };
}

/** The real frontend DataSource, as Grafana would construct it for the provisioned instance. */
export function newDataSource(): DataSource {
  const settings: DataSourceInstanceSettings<AnomalyDataSourceOptions> = {
    id: 1,
    uid: DATASOURCE_UID,
    type: pluginJson.id,
    name: pluginJson.name,
    meta: {
      ...pluginJson,
      module: 'public/plugins/claudeenhancer-monitoring-app/datasource/module.js',
      baseUrl: '',
    } as unknown as DataSourcePluginMeta,
    jsonData: {},
    access: 'proxy',
    readOnly: false,
  };
  return new DataSource(settings);
}
