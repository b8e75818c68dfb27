import type { InterpolateFunction } from '@grafana/data';

import { drilldownHref } from './links';

/** Like Grafana's: scoped variables, then built-ins. */
const replaceVariables: InterpolateFunction = (value, scopedVars) =>
  value.replace(/\$\{slo\}/g, String(scopedVars?.slo?.value)).replace(/\$\{__url_time_range\}/g, 'from=now-6h&to=now');

describe('drilldownHref', () => {
  it('interpolates the SLO id and the time range', () => {
    expect(drilldownHref('/d/ce-sla?var-slo=${slo}&${__url_time_range}', 'error-rate', replaceVariables)).toBe(
      '/d/ce-sla?var-slo=error-rate&from=now-6h&to=now'
    );
  });
  it('is undefined without a template', () => {
    expect(drilldownHref('  ', 'error-rate', replaceVariables)).toBeUndefined();
  });
});
