/**
 * Panels of this plugin suite on the SDK's generic panel builder, with options typed by the panels'
 * own option types, so a dashboard cannot set an option the panel does not have.
 */
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';

import type { Options as SLOBudgetOptions } from '../../src/panels/slobudget/types';
import { ANOMALY, GREEN, ORANGE, RED, thresholds, withRefIds } from './grafana';
import type { Sized } from './panels';

export const SLO_BUDGET_PANEL = 'claudeenhancer-slobudget-panel';
export const ANOMALY_OVERLAY_PANEL = 'claudeenhancer-anomalyoverlay-panel';

/** The SLA-budget panel's default thresholds on the remaining budget (src/panels/slobudget/lib/display.ts). */
export const BUDGET_THRESHOLDS: Array<[string, number | null]> = [
  [RED, null],
  [ORANGE, 0],
  [GREEN, 0.25],
];

interface OurPanel {
  title: string;
  description: string;
  w: number;
  h: number;
  targets: Array<cog.Builder<cog.Dataquery>>;
}

export function sloBudgetPanel(o: OurPanel & { options: Partial<SLOBudgetOptions> }): Sized {
  const b = new dashboard.PanelBuilder()
    .type(SLO_BUDGET_PANEL)
    .title(o.title)
    .description(o.description)
    .datasource(ANOMALY)
    .targets(withRefIds(o.targets))
    .unit('percentunit')
    .decimals(1)
    .colorScheme(new dashboard.FieldColorBuilder().mode(dashboard.FieldColorModeId.Thresholds))
    .thresholds(thresholds(...BUDGET_THRESHOLDS))
    .options(o.options);
  return { builder: b, w: o.w, h: o.h };
}

/**
 * The anomaly-overlay panel's options. The panel is being written (src/panels/anomalyoverlay/); until
 * its Options type exists its defaults apply, so a dashboard sets none.
 */
export type AnomalyOverlayOptions = Record<string, never>;

export function anomalyOverlayPanel(o: OurPanel & { unit: string; min?: number; max?: number }): Sized {
  const b = new dashboard.PanelBuilder()
    .type(ANOMALY_OVERLAY_PANEL)
    .title(o.title)
    .description(o.description)
    .datasource(ANOMALY)
    .targets(withRefIds(o.targets))
    .unit(o.unit)
    .options({} satisfies AnomalyOverlayOptions);
  if (o.min !== undefined) {
    b.min(o.min);
  }
  if (o.max !== undefined) {
    b.max(o.max);
  }
  return { builder: b, w: o.w, h: o.h };
}
