import React from 'react';
import type { BackendSrvRequest } from '@grafana/runtime';

import type { SLO } from '../../../../src/datasource/types';
import { burnRateRule } from '../../../../src/lib/sloRules';
import { FakeGrafana, firingBurnRule } from '../../../../src/testing/fakeGrafana';
import { seedState, sloDatasource } from '../../../../src/testing/fakeState';
import { MountedApp } from '../../../../src/testing/MountedApp';
import { harnessBackendSrv } from '../backendSrv';
import { DATASOURCE_UID } from '../env';
import { HARNESS_SLOS } from './SloBudgetPage';

/** The harness SLOs (over the devserver's default fixture) as the datasource's catalog. */
export const APP_CATALOG: SLO[] = Object.entries(HARNESS_SLOS).map(
  ([id, slo]) => ({ id, ...slo, labels: { service: id.startsWith('api') ? 'api' : id } }) as unknown as SLO
);

/**
 * A Grafana in front of the devserver: the fake (src/testing/fakeGrafana.ts) answers Grafana's own
 * endpoints (datasource settings, alerting, folders); /api/ds/query and the datasource's resources
 * and health go to the devserver's real backend. Grafana would hand the backend the saved catalog;
 * the devserver's datasource has none, so each `sloId` query carries its catalog entry inline.
 */
export function harnessGrafana(): FakeGrafana {
  const real = harnessBackendSrv();
  const state = seedState({
    datasources: [sloDatasource(DATASOURCE_UID, APP_CATALOG)],
    health: {},
    secrets: {},
    rules: [burnRateRule(APP_CATALOG[1], { datasourceUid: DATASOURCE_UID, folderUID: 'slos' })],
    folders: [{ uid: 'slos', title: 'SLOs' }],
    contactPoints: [{ name: 'on-call', type: 'slack', settings: { recipient: '#sre' } }],
    ruleStates: firingBurnRule('api-errors', 'Alerting', 'API errors budget burn'),
  });
  const grafana: FakeGrafana = new FakeGrafana(state, (req: BackendSrvRequest) => {
    if (req.url === '/api/ds/query') {
      const catalog = grafana.state.datasources[0].jsonData.slos ?? [];
      const body = req.data as { queries: Array<Record<string, unknown>> };
      const queries = body.queries.map((q) =>
        q.sloId && !q.slo ? { ...q, slo: catalog.find((s) => s.id === q.sloId) } : q
      );
      return import('rxjs').then(({ lastValueFrom }) =>
        lastValueFrom(real.fetch({ ...req, data: { ...body, queries } }))
      );
    }
    return import('rxjs').then(({ lastValueFrom }) => lastValueFrom(real.fetch(req)));
  });
  return grafana;
}

/** The app at `path` (`/slos`, `/slos/new`, …), as Grafana mounts it under /a/<app id>. */
export function AppPage({ path }: { path: string }) {
  return <MountedApp path={path} />;
}
