/*
 * Queries in Grafana's alert and recording rules: which outputs they may use, what a new query
 * of each kind starts with there, and what the editor says about them. No React here.
 *
 * Server-side expressions read every numeric field of a frame as its own series, so a rule can
 * only use outputs with one numeric field per series; the backend refuses the others when
 * Grafana's alerting sends the query (pkg/plugin/alerting.go). Recording rules write one sample
 * per number, after a Reduce for time series.
 */
import { CoreApp, type SelectableValue } from '@grafana/data';

import type { DetectionOutput, Query, QueryType, SLOOutput } from '../types';
import { outputOptions } from './detectionOptions';
import { SLO_OUTPUT_OPTIONS } from './sloQuery';

/** Where a query is edited: a rule (alert or recording) or anywhere else (panels, Explore, annotations). */
export type QueryContext = 'panel' | 'rule';

/**
 * Grafana's rule editor passes CoreApp.UnifiedAlerting to the query editor and to getDefaultQuery,
 * for alert rules and Grafana-managed recording rules alike
 * (public/app/features/alerting/unified/components/rule-editor/QueryWrapper.tsx). CloudAlerting is
 * the editor of rules a Mimir or Loki ruler evaluates, which never runs this datasource.
 */
export function queryContext(app?: string): QueryContext {
  return app === CoreApp.UnifiedAlerting ? 'rule' : 'panel';
}

type OutputKind = Exclude<QueryType, 'series'>;
type OutputOf<K extends OutputKind> = K extends 'slo' ? SLOOutput : DetectionOutput;

/** Outputs with one number per series, default first, each with what its number means and its threshold. */
const RULE_OUTPUTS: { [K in OutputKind]: Array<{ value: OutputOf<K>; hint: string }> } = {
  anomaly: [
    { value: 'score', hint: 'Anomaly score per series, above 1 outside the band: Reduce (last) → Threshold above 1.' },
  ],
  trend: [
    {
      value: 'score',
      hint: "Cohen's d of the last trend window against the one before: Threshold above 0.5 for a rise, below −0.5 for a drop.",
    },
  ],
  forecast: [
    {
      value: 'score',
      hint: 'Seconds until the forecast reaches the threshold (+Inf: never): Threshold below your lead time, e.g. 21600 for 6 h.',
    },
  ],
  slo: [
    {
      value: 'alert',
      hint: 'burn_alert per burn-rate pair, above 1 while the pair fires: Reduce (last) → Threshold above 1.',
    },
    {
      value: 'burnrate',
      hint: "Burn rate per long window, 1 spends the budget over exactly the SLO's window: Threshold above the pair's factor (14.4 for 1h of a 30d SLO).",
    },
    {
      value: 'budget',
      hint: 'Remaining error budget, 1 untouched and 0 spent: Threshold below e.g. 0.25, or record it.',
    },
  ],
};

/** What a new query of each kind starts with in a rule: its alert output, and 1-minute SLO buckets. */
export function ruleDefaults(queryType: QueryType): Partial<Query> {
  switch (queryType) {
    case 'series':
      return {};
    case 'slo':
      return { output: RULE_OUTPUTS.slo[0].value, bucketStep: '1m' };
    default:
      return { output: RULE_OUTPUTS[queryType][0].value };
  }
}

function allOutputs<K extends OutputKind>(kind: K): Array<SelectableValue<OutputOf<K>>> {
  return (kind === 'slo' ? SLO_OUTPUT_OPTIONS : outputOptions(kind)) as Array<SelectableValue<OutputOf<K>>>;
}

/** The output choices of a kind in a context; in a rule only the valid ones, described for rules. */
export function outputChoices<K extends OutputKind>(
  kind: K,
  context: QueryContext
): Array<SelectableValue<OutputOf<K>>> {
  const all = allOutputs(kind);
  if (context === 'panel') {
    return all;
  }
  return RULE_OUTPUTS[kind].map(({ value, hint }) => ({
    ...all.find((o) => o.value === value),
    value,
    description: hint,
  }));
}

/** Why a rule cannot use the output, with what to choose; undefined when it can or outside rules. */
export function ruleOutputError<K extends OutputKind>(
  kind: K,
  output: OutputOf<K>,
  context: QueryContext
): string | undefined {
  const valid = outputChoices(kind, context);
  if (context === 'panel' || valid.some((o) => o.value === output)) {
    return undefined;
  }
  const label = allOutputs(kind).find((o) => o.value === output)?.label ?? output;
  const labels = valid.map((o) => o.label);
  const choose = labels.length === 1 ? labels[0] : `${labels.slice(0, -1).join(', ')} or ${labels[labels.length - 1]}`;
  return `${label} is for panels: alert and recording rules need one number per series. Choose ${choose}.`;
}
