import { dateTime, type DataSourceInstanceSettings, type DataSourcePluginMeta, type TimeRange } from '@grafana/data';

import { DataSource } from '../../../src/datasource/datasource';
import pluginJson from '../../../src/datasource/plugin.json';
import type { AnomalyDataSourceOptions } from '../../../src/datasource/types';

/** The datasource uid the devserver answers for (its --uid, as provisioned in provisioning/datasources). */
export const DATASOURCE_UID = 'ce-anomaly';

/** What the devserver tells about a fixture it serves (GET /api/harness/fixture). */
export interface FixtureInfo {
  /** Of the datasource over it: DATASOURCE_UID for the default fixture. */
  uid: string;
  prometheus: string;
  /** Epoch ms of the first and last sample. */
  start: number;
  end: number;
  /** Series IDs with sorted labels, e.g. `ce_cpu_usage{job="claude-enhancer-api",service="api"}`. */
  series: string[];
  /** The anomaly fixture's injected anomalies by case (spike, drop, …): start in epoch ms, length in ms. */
  injected?: Record<string, { at: number; for: number }>;
  /** The demo fixture's demo/timeline.json incidents by id: start (epoch ms), length (ms), instances hit. */
  incidents?: Record<string, { at: number; for: number; instances: string[] }>;
  /** Every fixture served, by name (default, anomaly, demo); only at the top level, which is the default one. */
  fixtures?: Record<string, FixtureInfo>;
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

/**
 * The real frontend DataSource, as Grafana would construct it for the provisioned instance, or
 * for the instance over another fixture the devserver serves (its uid is in that FixtureInfo).
 */
export function newDataSource(uid = DATASOURCE_UID): DataSource {
  const settings: DataSourceInstanceSettings<AnomalyDataSourceOptions> = {
    id: 1,
    uid,
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
