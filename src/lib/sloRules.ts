/*
 * Burn-rate alert rules for an SLO, generated: one Grafana-managed rule per SLO whose query A is
 * the datasource's `slo` query with output `alert` at 1-minute buckets (one burn_alert series per
 * SRE Workbook pair, labelled slo, long, short and severity page|ticket, above 1 exactly when the
 * pair fires), B = Reduce(last, drop non-numeric), C = Threshold > 1. The same rule as the
 * hand-written seed rules in provisioning/alerting/rules.yaml (sloRules.test.ts compares them), so
 * a generated rule fires at the same instants as the provisioned one. No React here.
 *
 * Shapes are Grafana's provisioning API (ProvisionedAlertRule in
 * pkg/services/ngalert/api/tooling/definitions/provisioning_alert_rules.go) and its file format
 * (AlertRuleV1 in pkg/services/provisioning/alerting/rules_types.go).
 */
import { stringify } from 'yaml';

import type { SLO } from '../datasource/types';
import { budgetLabel, sloTitle } from '../datasource/lib/sloCatalog';

export const DATASOURCE_TYPE = 'claudeenhancer-anomaly-datasource';
/** The rule group the generated rules go into, and its evaluation interval. */
export const RULE_GROUP = 'slo-burn-rates';
export const RULE_GROUP_INTERVAL = '1m';

export interface AlertQuery {
  refId: string;
  queryType?: string;
  relativeTimeRange?: { from: number; to: number };
  datasourceUid: string;
  model: Record<string, unknown>;
}

/** A rule as POST /api/v1/provisioning/alert-rules takes it and GET returns it. */
export interface ProvisionedAlertRule {
  uid: string;
  title: string;
  folderUID: string;
  ruleGroup: string;
  condition: string;
  data: AlertQuery[];
  noDataState: 'OK' | 'NoData' | 'Alerting' | 'KeepLast';
  execErrState: 'OK' | 'Error' | 'Alerting' | 'KeepLast';
  for: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  isPaused?: boolean;
  /** Set by Grafana: "file" for provisioned files, "api" without X-Disable-Provenance, "" editable. */
  provenance?: string;
  orgID?: number;
}

export interface RuleOptions {
  datasourceUid: string;
  folderUID: string;
  /** Linked from the alert: a runbook, and a dashboard (panel) showing the SLO. */
  runbookUrl?: string;
  dashboardUid?: string;
  panelId?: number;
}

/** Grafana's rule uids: at most 40 of [a-zA-Z0-9-_] (util.IsValidShortUID). */
const MAX_UID = 40;

/** A short stable hash (FNV-1a, 32 bits) so SLOs of two datasources get different uids. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36).padStart(7, '0').slice(0, 7);
}

/** `slo-error-rate-1x2y3z4-burn`: stable for a datasource and SLO id, within Grafana's 40 characters. */
export function burnRuleUid(datasourceUid: string, sloId: string): string {
  const suffix = `-${fnv1a(datasourceUid)}-burn`;
  return `slo-${sloId.slice(0, MAX_UID - 4 - suffix.length)}${suffix}`;
}

/** The seed rules' category label: latency SLOs are about performance, the others availability. */
export function categoryOf(slo: SLO): string {
  return slo.sli.kind === 'latency' ? 'performance' : 'availability';
}

/** The pair's severity (page|ticket, from the series) read as the notification policies' severity. */
export const SEVERITY_TEMPLATE = '{{ if eq .Labels.severity "page" }}critical{{ else }}warning{{ end }}';

/** The query A of the burn-rate rule of an SLO. */
export function burnQuery(slo: SLO, datasourceUid: string): AlertQuery {
  return {
    refId: 'A',
    queryType: 'slo',
    relativeTimeRange: { from: 600, to: 0 },
    datasourceUid,
    model: {
      refId: 'A',
      datasource: { type: DATASOURCE_TYPE, uid: datasourceUid },
      queryType: 'slo',
      sloId: slo.id,
      output: 'alert',
      bucketStep: '1m',
      intervalMs: 1000,
      maxDataPoints: 43200,
    },
  };
}

const EXPR = { type: '__expr__', uid: '__expr__' };

/** The page and ticket burn-rate rule of an SLO: one series per pair, severity from the pair. */
export function burnRateRule(slo: SLO, options: RuleOptions): ProvisionedAlertRule {
  const title = sloTitle(slo);
  const budget = budgetLabel(slo);
  const annotations: Record<string, string> = {
    summary: `${title} SLO: the {{ $labels.long }}/{{ $labels.short }} {{ $labels.severity }} pair burns the error budget too fast`,
    description:
      `Over both the last {{ $labels.long }} and the last {{ $labels.short }} the SLO “${title}” spent its error budget ` +
      `{{ $values.B }}× as fast as the pair allows: at this rate the budget${budget ? ` (${budget})` : ''} runs out early.`,
  };
  if (options.runbookUrl) {
    annotations.runbook_url = options.runbookUrl;
  }
  if (options.dashboardUid) {
    annotations.__dashboardUid__ = options.dashboardUid;
    if (options.panelId !== undefined) {
      annotations.__panelId__ = String(options.panelId);
    }
  }
  return {
    uid: burnRuleUid(options.datasourceUid, slo.id),
    title: `${title} budget burn`,
    folderUID: options.folderUID,
    ruleGroup: RULE_GROUP,
    condition: 'C',
    data: [
      burnQuery(slo, options.datasourceUid),
      {
        refId: 'B',
        datasourceUid: '__expr__',
        model: {
          refId: 'B',
          datasource: EXPR,
          type: 'reduce',
          expression: 'A',
          reducer: 'last',
          settings: { mode: 'dropNN' },
        },
      },
      {
        refId: 'C',
        datasourceUid: '__expr__',
        model: {
          refId: 'C',
          datasource: EXPR,
          type: 'threshold',
          expression: 'B',
          conditions: [{ evaluator: { type: 'gt', params: [1] } }],
        },
      },
    ],
    // The short windows of 7-day and 1-day SLOs are one minute: two more evaluations confirm a burn.
    for: '2m',
    // No series: no traffic, nothing to judge. A query error keeps the last state, so an
    // upstream outage does not resolve firing alerts.
    noDataState: 'OK',
    execErrState: 'KeepLast',
    // The SLO's own labels (service, team, …) first: the rule's severity, category and slo win.
    labels: { ...slo.labels, severity: SEVERITY_TEMPLATE, category: categoryOf(slo), slo: slo.id },
    annotations,
    isPaused: false,
  };
}

/** The rule's query A when it is a burn-rate rule of an SLO of our datasource: which SLO and where. */
export function burnRuleTarget(
  rule: Pick<ProvisionedAlertRule, 'data'>
): { datasourceUid: string; sloId: string } | undefined {
  const a = rule.data.find((q) => q.refId === 'A');
  const m = a?.model ?? {};
  if (!a || m.queryType !== 'slo' || m.output !== 'alert' || typeof m.sloId !== 'string') {
    return undefined;
  }
  return { datasourceUid: a.datasourceUid, sloId: m.sloId };
}

/** The fields that make a rule what it is: what a user may edit in Grafana's alerting UI. */
const MEANINGFUL = [
  'title',
  'condition',
  'data',
  'for',
  'noDataState',
  'execErrState',
  'labels',
  'annotations',
] as const;
export type RuleField = (typeof MEANINGFUL)[number];

/** Sorted-key JSON, so key order does not count as a change. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, v[k]])
        )
      : v
  );
}

/** The fields where the installed rule differs from the generated one: edits that updating would lose. */
export function ruleDifferences(installed: ProvisionedAlertRule, generated: ProvisionedAlertRule): RuleField[] {
  return MEANINGFUL.filter((field) => canonical(installed[field]) !== canonical(generated[field]));
}

/** The rules as a provisioning file (apiVersion 1), for provisioning/alerting/*.yaml. */
export function rulesFileYAML(rules: ProvisionedAlertRule[], folderTitle: string, orgId = 1): string {
  const file = {
    apiVersion: 1,
    groups: [
      {
        orgId,
        name: RULE_GROUP,
        folder: folderTitle,
        interval: RULE_GROUP_INTERVAL,
        rules: rules.map((rule) => {
          const { folderUID: _f, ruleGroup: _g, provenance: _p, orgID: _o, isPaused: _i, ...rest } = rule;
          const dashboardUid = rule.annotations.__dashboardUid__;
          const panelId = rule.annotations.__panelId__;
          return {
            ...rest,
            ...(dashboardUid && { dashboardUid }),
            ...(panelId !== undefined && { panelId: Number(panelId) }),
          };
        }),
      },
    ],
  };
  return stringify(file, { lineWidth: 0 });
}
