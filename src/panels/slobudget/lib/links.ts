import type { InterpolateFunction } from '@grafana/data';

/**
 * The drill-down URL for one SLO: the template with `${slo}` set to its id and everything else
 * (`${__url_time_range}`, dashboard variables) left to Grafana's interpolation. Undefined when
 * no template is set. Ids are slugs (pkg/slo validates them), so they need no URL encoding.
 */
export function drilldownHref(
  template: string,
  sloId: string,
  replaceVariables: InterpolateFunction
): string | undefined {
  if (!template.trim()) {
    return undefined;
  }
  return replaceVariables(template.trim(), { slo: { text: sloId, value: sloId } });
}
