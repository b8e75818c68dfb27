import type { VariableQuery } from '../types';
import { parseSLOFilter } from './sloFilter';
import { hasVariable } from './templating';

/**
 * Prometheus-style variable queries, as Grafana's Prometheus datasource spells them:
 * `label_names()`, `label_names(<selector>)`, `label_values(<label>)`,
 * `label_values(<selector>, <label>)` and `metrics(<regex>)`; and `slos(<label filter>)`, the ids of
 * the catalog SLOs whose labels match (the all-SLOs query's filter), named by their names.
 */
export type ParsedVariableQuery =
  | { kind: 'label_names'; match?: string }
  | { kind: 'label_values'; label: string; match?: string }
  | { kind: 'metrics'; regex: string }
  | { kind: 'slos'; filter: string }
  | { kind: 'invalid'; error: string };

const LABEL_NAMES = /^label_names\(\s*(.*?)\s*\)$/s;
// The label is what follows the last comma, so selectors may hold commas of their own.
const LABEL_VALUES = /^label_values\(\s*(?:(.+?)\s*,\s*)?([a-zA-Z_][a-zA-Z0-9_]*)\s*\)$/s;
const METRICS = /^metrics\(\s*(.*?)\s*\)$/s;
const SLOS = /^slos\(\s*(.*?)\s*\)$/s;

export const VARIABLE_QUERY_HELP =
  'Use label_names(), label_names(<selector>), label_values(<label>), label_values(<selector>, <label>), metrics(<regex>) or slos(<label filter>).';

export function parseVariableQuery(text: string): ParsedVariableQuery {
  const query = text.trim();
  let m: RegExpExecArray | null;
  if ((m = LABEL_NAMES.exec(query))) {
    return m[1] ? { kind: 'label_names', match: m[1] } : { kind: 'label_names' };
  }
  if ((m = LABEL_VALUES.exec(query))) {
    return m[1] ? { kind: 'label_values', label: m[2], match: m[1] } : { kind: 'label_values', label: m[2] };
  }
  if ((m = METRICS.exec(query))) {
    return { kind: 'metrics', regex: m[1] };
  }
  if ((m = SLOS.exec(query))) {
    // A variable may stand for any part of the filter: the backend judges it once resolved.
    const error = hasVariable(m[1]) ? undefined : parseSLOFilter(m[1]).error;
    return error ? { kind: 'invalid', error } : { kind: 'slos', filter: m[1] };
  }
  if (query === '') {
    return { kind: 'invalid', error: `The query is empty. ${VARIABLE_QUERY_HELP}` };
  }
  return { kind: 'invalid', error: `Unsupported variable query "${query}". ${VARIABLE_QUERY_HELP}` };
}

/** The query text; variables saved by older editors (or copied from Prometheus) hold a bare string. */
export function variableQueryText(query: VariableQuery | string | undefined): string {
  return typeof query === 'string' ? query : (query?.query ?? '');
}
