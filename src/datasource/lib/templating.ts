/*
 * Dashboard variables in PromQL. Values are escaped as Grafana's Prometheus datasource does with
 * `prometheusSpecialCharsInLabelValues` on: they land inside double-quoted PromQL strings, and
 * multi-value variables inside regex matchers (`=~"$var"`).
 */

/** Whether the text refers to a dashboard variable, resolved only when the query runs. */
export function hasVariable(text: string): boolean {
  return /\$(\w|\{)/.test(text);
}

/** Escapes a value for a double-quoted PromQL string. */
export function prometheusRegularEscape(value: string): string {
  // A whole matcher such as `job="api"` keeps its quotes: it is meant to be pasted into `{…}`.
  if (/^\w+(=|!=|=~|!~)".*"$/.test(value)) {
    return value;
  }
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

/**
 * Escapes a value for a regex inside a double-quoted PromQL string: RE2 metacharacters get a
 * backslash, and every backslash is doubled again for the string literal.
 */
export function prometheusSpecialRegexEscape(value: string): string {
  return value
    .replace(/\\/g, '\\\\\\\\')
    .replace(/"/g, '\\\\\\"')
    .replace(/[$^*{}[\]'+?.()|]/g, '\\\\$&');
}

/** The part of a variable Grafana passes to a custom formatter. */
export interface FormatVariable {
  multi?: boolean;
  includeAll?: boolean;
}

/**
 * Formatter for `getTemplateSrv().replace(expr, scopedVars, formatPromQLVariable)`.
 * Single-value variables are escaped as plain strings; multi-value and "All" variables become a
 * regex alternation `(a|b)` of regex-escaped values, for use with `=~`.
 */
export function formatPromQLVariable(value: string | string[], variable?: FormatVariable): string {
  if (typeof value === 'string' && !variable?.multi && !variable?.includeAll) {
    return prometheusRegularEscape(value);
  }
  const values = (typeof value === 'string' ? [value] : value).map(prometheusSpecialRegexEscape);
  return values.length === 1 ? values[0] : `(${values.join('|')})`;
}
