import { readFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';

import { SEED_SLOS } from '../datasource/lib/seedSlos';
import type { SLO } from '../datasource/types';
import {
  burnRateRule,
  burnRuleTarget,
  burnRuleUid,
  ruleDifferences,
  rulesFileYAML,
  RULE_GROUP,
  RULE_GROUP_INTERVAL,
  type ProvisionedAlertRule,
} from './sloRules';

interface FileRule extends Omit<ProvisionedAlertRule, 'folderUID' | 'ruleGroup'> {
  dashboardUid?: string;
  panelId?: number;
}
interface FileGroup {
  name: string;
  folder: string;
  interval: string;
  rules: FileRule[];
}

const rulesFile = parse(readFileSync(join(__dirname, '../../provisioning/alerting/rules.yaml'), 'utf8')) as {
  groups: FileGroup[];
};
const seedGroup = rulesFile.groups.find((g) => g.name === RULE_GROUP)!;
/** The datasource the provisioned rules query (provisioning/datasources/datasources.yaml). */
const DS = 'ce-anomaly';

describe('burn-rate rules generated for the seed SLOs', () => {
  it('go into a group of the same name and interval as the provisioned ones', () => {
    expect(seedGroup.interval).toBe(RULE_GROUP_INTERVAL);
  });

  it.each(SEED_SLOS.map((slo) => [slo.id, slo] as const))(
    'for %s equal the hand-written rule in query, condition, timing, states, labels and links',
    (_, slo) => {
      const provisioned = seedGroup.rules.find((r) => burnRuleTarget(r)?.sloId === slo.id)!;
      expect(provisioned).toBeDefined();
      const generated = burnRateRule(slo, {
        datasourceUid: DS,
        folderUID: 'f',
        dashboardUid: provisioned.dashboardUid,
        panelId: provisioned.panelId,
      });

      // What Grafana evaluates: the same queries give the same series and the same firing times.
      expect(generated.data).toEqual(provisioned.data);
      expect(generated.condition).toBe(provisioned.condition);
      expect(generated.for).toBe(provisioned.for);
      expect(generated.noDataState).toBe(provisioned.noDataState);
      expect(generated.execErrState).toBe(provisioned.execErrState);
      // What routes and groups the notifications: the hand-written labels, plus the SLO's own.
      expect(generated.labels).toEqual({ ...slo.labels, ...provisioned.labels });
      // The links; the prose differs (the seed's is written per SLO).
      expect(generated.annotations.__dashboardUid__).toBe(provisioned.annotations.__dashboardUid__);
      expect(generated.annotations.__panelId__).toBe(provisioned.annotations.__panelId__);
      for (const key of ['summary', 'description']) {
        expect(generated.annotations[key]).toContain('{{ $labels.long }}');
      }
    }
  );
});

describe('burnRuleUid', () => {
  it('is a valid Grafana uid of at most 40 characters, different per datasource', () => {
    const long = 'a'.repeat(63);
    expect(burnRuleUid('ds1', long).length).toBeLessThanOrEqual(40);
    expect(burnRuleUid('ds1', long)).toMatch(/^[a-zA-Z0-9_-]+$/);
    expect(burnRuleUid('ds1', 'x')).not.toBe(burnRuleUid('ds2', 'x'));
    expect(burnRuleUid('ds1', 'error-rate')).toMatch(/^slo-error-rate-[a-z0-9]{7}-burn$/);
  });
});

describe('ruleDifferences', () => {
  const slo = SEED_SLOS[2] as SLO;
  const rule = burnRateRule(slo, { datasourceUid: DS, folderUID: 'f', runbookUrl: 'https://runbooks/x' });

  it('finds no change in a rule read back with its keys in another order and Grafana’s own fields', () => {
    const readBack = JSON.parse(JSON.stringify({ provenance: '', orgID: 1, id: 7, ...rule }));
    readBack.labels = Object.fromEntries(Object.entries(rule.labels).reverse());
    expect(ruleDifferences(readBack, rule)).toEqual([]);
  });

  it('names the fields a user edited', () => {
    const edited = { ...rule, for: '5m', labels: { ...rule.labels, team: 'payments' } };
    expect(ruleDifferences(edited, rule)).toEqual(['for', 'labels']);
  });
});

describe('rulesFileYAML', () => {
  it('writes a provisioning file with the rules, their dashboard link and no API-only fields', () => {
    const rule = burnRateRule(SEED_SLOS[0], { datasourceUid: DS, folderUID: 'f', dashboardUid: 'ce-sla', panelId: 9 });
    const file = parse(rulesFileYAML([{ ...rule, provenance: 'api' }], 'SLOs'));
    expect(file.apiVersion).toBe(1);
    expect(file.groups).toHaveLength(1);
    const [group] = file.groups;
    expect(group).toMatchObject({ orgId: 1, name: RULE_GROUP, folder: 'SLOs', interval: '1m' });
    const [written] = group.rules;
    expect(written).toMatchObject({ uid: rule.uid, dashboardUid: 'ce-sla', panelId: 9, for: '2m' });
    expect(written.data).toEqual(rule.data);
    for (const key of ['folderUID', 'ruleGroup', 'provenance']) {
      expect(written).not.toHaveProperty(key);
    }
  });
});
