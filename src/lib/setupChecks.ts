/*
 * The getting-started checklist: each step of setting up SLO alerting, whether it is done, and
 * where to fix it. The facts come from Grafana's API (grafanaApi.ts); this only judges. No React here.
 */
import type { ContactPoint, HealthResult, SloDatasource } from './grafanaApi';
import { burnRuleTarget, type ProvisionedAlertRule } from './sloRules';

export type CheckStatus = 'done' | 'todo' | 'unknown';

export interface Check {
  id: 'app' | 'datasource' | 'health' | 'slos' | 'contact-points' | 'rules';
  title: string;
  status: CheckStatus;
  detail: string;
  fix?: { label: string; href: string };
}

export interface SetupFacts {
  appEnabled?: boolean;
  datasources: SloDatasource[];
  health: Record<string, HealthResult>;
  /** Undefined when Grafana refused to list them. */
  contactPoints?: ContactPoint[];
  rules?: ProvisionedAlertRule[];
}

/** Grafana's own default contact point, whose address is a placeholder (conf/defaults.ini alertmanager config). */
const PLACEHOLDER_ADDRESS = '<example@email.com>';

export function setupChecks(
  f: SetupFacts,
  urls: {
    addDatasource: string;
    settings: (uid: string) => string;
    newSlo: string;
    detail: (uid: string, id: string) => string;
  }
): Check[] {
  const slos = f.datasources.flatMap((ds) => ds.slos.map((slo) => ({ ds, slo })));
  const unhealthy = f.datasources.filter((ds) => f.health[ds.uid]?.status !== 'OK');
  const real = f.contactPoints?.filter((cp) => !JSON.stringify(cp.settings ?? {}).includes(PLACEHOLDER_ADDRESS));
  const covered = new Set(
    (f.rules ?? [])
      .map((r) => burnRuleTarget(r))
      .filter(Boolean)
      .map((t) => `${t!.datasourceUid}/${t!.sloId}`)
  );
  const uncovered = slos.filter(({ ds, slo }) => !covered.has(`${ds.uid}/${slo.id}`));

  return [
    {
      id: 'app',
      title: 'The app is enabled',
      status: f.appEnabled === undefined ? 'unknown' : f.appEnabled ? 'done' : 'todo',
      detail:
        f.appEnabled === false
          ? 'Enable it in its plugin page (Administration → Plugins).'
          : 'Its pages are in the menu.',
      fix:
        f.appEnabled === false
          ? { label: 'Open the plugin page', href: '/plugins/claudeenhancer-monitoring-app' }
          : undefined,
    },
    {
      id: 'datasource',
      title: 'A datasource is configured',
      status: f.datasources.length > 0 ? 'done' : 'todo',
      detail:
        f.datasources.length > 0
          ? f.datasources.map((ds) => ds.name).join(', ')
          : 'Add a Claude Enhancer Anomaly & SLO datasource pointing at your Prometheus.',
      fix: f.datasources.length === 0 ? { label: 'Add the datasource', href: urls.addDatasource } : undefined,
    },
    {
      id: 'health',
      title: 'The datasource reaches Prometheus',
      status: f.datasources.length === 0 ? 'todo' : unhealthy.length === 0 ? 'done' : 'todo',
      detail:
        unhealthy.length === 0
          ? f.datasources
              .map((ds) => f.health[ds.uid]?.message)
              .filter(Boolean)
              .join(' ') || 'No datasource to test yet.'
          : unhealthy.map((ds) => `${ds.name}: ${f.health[ds.uid]?.message ?? 'not tested'}`).join(' '),
      fix: unhealthy[0] ? { label: 'Open its settings', href: urls.settings(unhealthy[0].uid) } : undefined,
    },
    {
      id: 'slos',
      title: 'SLOs are defined',
      status: slos.length > 0 ? 'done' : 'todo',
      detail:
        slos.length > 0
          ? `${slos.length} SLO${slos.length === 1 ? '' : 's'}.`
          : 'Define what "good" means for a service.',
      fix: slos.length === 0 ? { label: 'Create an SLO', href: urls.newSlo } : undefined,
    },
    {
      id: 'contact-points',
      title: 'A contact point receives alerts',
      status: real === undefined ? 'unknown' : real.length > 0 ? 'done' : 'todo',
      detail:
        real === undefined
          ? 'Grafana did not list the contact points (alert.notifications:read is needed).'
          : real.length > 0
            ? real.map((cp) => `${cp.name} (${cp.type})`).join(', ')
            : 'Only the default contact point, with its placeholder address, exists.',
      fix: real?.length === 0 ? { label: 'Add a contact point', href: '/alerting/notifications' } : undefined,
    },
    {
      id: 'rules',
      title: 'Every SLO has burn-rate alerts',
      status: f.rules === undefined ? 'unknown' : slos.length > 0 && uncovered.length === 0 ? 'done' : 'todo',
      detail:
        f.rules === undefined
          ? 'Grafana did not list the alert rules (alert.provisioning:read is needed).'
          : uncovered.length === 0
            ? slos.length > 0
              ? 'Each SLO has its rule.'
              : 'No SLO yet.'
            : `Without rules: ${uncovered.map(({ slo }) => slo.name || slo.id).join(', ')}.`,
      fix: uncovered[0]
        ? { label: 'Create its rules', href: urls.detail(uncovered[0].ds.uid, uncovered[0].slo.id) }
        : undefined,
    },
  ];
}
