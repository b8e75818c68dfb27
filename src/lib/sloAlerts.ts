/*
 * Which alerts concern which SLO, from Grafana's rule states (GET /api/prometheus/grafana/api/v1/rules).
 * An alert is an SLO's when its labels say `slo: <id>`: the generated and the provisioned rules
 * set that label on the rule, and the `alert` output's series carry it too. No React here.
 */
import type { PromRulesResponse } from './grafanaApi';

export interface SloAlert {
  rule: string;
  ruleUid?: string;
  state: 'firing' | 'pending';
  labels: Record<string, string>;
  activeAt?: string;
}

/** Firing and pending alerts by SLO id; Grafana's "Alerting" state is "firing" in this API. */
export function alertsBySlo(res: PromRulesResponse | undefined): Map<string, SloAlert[]> {
  const out = new Map<string, SloAlert[]>();
  for (const group of res?.data?.groups ?? []) {
    for (const rule of group.rules ?? []) {
      for (const alert of rule.alerts ?? []) {
        const state = normalState(alert.state);
        const slo = alert.labels?.slo ?? rule.labels?.slo;
        if (!state || !slo) {
          continue;
        }
        const list = out.get(slo) ?? [];
        list.push({ rule: rule.name, ruleUid: rule.uid, state, labels: alert.labels ?? {}, activeAt: alert.activeAt });
        out.set(slo, list);
      }
    }
  }
  return out;
}

/** The API's alert states are "Alerting", "Pending", "Normal", "NoData", "Error" (and lower-case variants). */
function normalState(state: string | undefined): 'firing' | 'pending' | undefined {
  const s = (state ?? '').toLowerCase();
  if (s === 'alerting' || s === 'firing' || s.startsWith('alerting')) {
    return 'firing';
  }
  return s === 'pending' ? 'pending' : undefined;
}

export function countAlerts(alerts: SloAlert[] = []): { firing: number; pending: number } {
  return {
    firing: alerts.filter((a) => a.state === 'firing').length,
    pending: alerts.filter((a) => a.state === 'pending').length,
  };
}
