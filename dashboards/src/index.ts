/**
 * The suite's dashboards as code. Each module builds one dashboard with Grafana's typed builders
 * (grafana.ts, panels.ts, ourpanels.ts, layout.ts); `npm run dashboards` writes them into
 * provisioning/dashboards, where Grafana's file provider reads them, and dashboards.test.ts fails
 * when a committed file differs from what its module builds.
 */
import { anomalies } from './anomalies';
import { auth } from './auth';
import { overview } from './overview';
import { performance } from './performance';
import { sla } from './sla';
import { system } from './system';

/** The generated dashboards, by file name under provisioning/dashboards. */
export const DASHBOARDS: Record<string, object> = {
  'overview.json': overview,
  'auth.json': auth,
  'system.json': system,
  'performance.json': performance,
  'sla.json': sla,
  'anomalies.json': anomalies,
};

/** The text written for a dashboard: 2-space JSON, trailing newline. */
export function render(d: object): string {
  return JSON.stringify(d, null, 2) + '\n';
}
