import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import * as common from '@grafana/grafana-foundation-sdk/common';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as table from '@grafana/grafana-foundation-sdk/table';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';

import { ANOMALY, GREEN, ORANGE, ours, RED, thresholds, withRefIds } from './grafana';
import { buildDashboard, row } from './layout';
import { BUDGET_THRESHOLDS, sloBudgetPanel } from './ourpanels';
import { legend, type Sized, tooltip } from './panels';

/** The seed SLAs of the provisioned catalog (src/datasource/lib/testdata/seed-slos.json), in catalog order. */
const SLOS = [
  {
    id: 'availability',
    short: 'Availability',
    title: 'Availability · 99.9 % over 30 days',
    description:
      'Share of time the claude-enhancer targets are up: 99.9 % over a rolling 30 days allows 43m 12s of downtime. Gaps in up{job=~"claude-enhancer.*"} count as down.',
  },
  {
    id: 'latency-p95',
    short: 'Latency P95 < 200 ms',
    title: 'Latency P95 < 200 ms · ≥ 95 % of requests ≤ 200 ms over 7 days',
    description:
      'Share of authentication requests served within 200 ms (auth_response_time le="0.2"); P95 < 200 ms over 7 days means at least 95 % of requests within 200 ms. Budget in slow requests.',
  },
  {
    id: 'error-rate',
    short: 'Error rate < 0.1 %',
    title: 'Error rate < 0.1 % · 99.9 % of requests succeed over 24 hours',
    description:
      "Share of authentication requests that do not fail with a 5xx status over 24 hours; the seed's 30 minutes of continuous violation is a reason of the breaching state. Budget in failed requests.",
  },
] as const;

/**
 * What the lists and the compliance table show: the `slo` query's all-SLOs form, one summary row
 * per catalog SLO, most urgent first, so a new catalog entry appears without editing dashboards.
 */
export function sloSummaries(): Array<cog.Builder<cog.Dataquery>> {
  return [ours({ queryType: 'slo', sloId: '*', output: 'summary' })];
}

const DRILLDOWN_TO_ALERTS = '/alerting/list?search=label:slo=${slo}';

const list = sloBudgetPanel({
  title: 'SLA budgets · least budget left first',
  description:
    "The three seed SLAs, least remaining error budget first: remaining budget, state, SLI against the objective and the budget left in downtime or requests. A name opens the SLA's burn-rate alerts.",
  w: 24,
  h: 7,
  targets: sloSummaries(),
  options: {
    mode: 'list',
    sloId: '',
    sortBy: 'remaining',
    showBurndown: true,
    showBurnRates: true,
    drilldownUrl: DRILLDOWN_TO_ALERTS,
  },
});

const singles = SLOS.map((s) =>
  sloBudgetPanel({
    title: s.title,
    description: `${s.description} Remaining budget, time to exhaustion at the last hour's burn, the burndown over the window against the ideal line, and the multiwindow burn-rate pairs the alert rules use.`,
    w: 24,
    h: 13,
    targets: [
      ours({ queryType: 'slo', sloId: s.id, output: 'summary' }),
      ours({ queryType: 'slo', sloId: s.id, output: 'burndown' }),
    ],
    options: {
      mode: 'single',
      sloId: s.id,
      sortBy: 'remaining',
      showBurndown: true,
      showBurnRates: true,
      drilldownUrl: DRILLDOWN_TO_ALERTS,
    },
  })
);

function history(title: string, description: string, target: cog.Builder<cog.Dataquery>) {
  return new timeseries.PanelBuilder()
    .title(title)
    .description(description)
    .datasource(ANOMALY)
    .targets(withRefIds([target]))
    .drawStyle(common.GraphDrawStyle.Line)
    .showPoints(common.VisibilityMode.Never)
    .spanNulls(false)
    .axisPlacement(common.AxisPlacement.Auto)
    .mappings([])
    .dataLinks([]);
}

const burndowns: Sized[] = SLOS.map((s) => ({
  w: 8,
  h: 8,
  builder: history(
    `Burndown · ${s.short}`,
    "Share of the window's error budget left over time (solid), against spending it evenly over the window (dashed). The backend evaluates the SLO's own window, so a 30-day SLO shows its last 30 days whatever the dashboard range.",
    ours({ queryType: 'slo', sloId: s.id, output: 'burndown' })
  )
    .unit('percentunit')
    .decimals(1)
    .colorScheme(new dashboard.FieldColorBuilder().mode(dashboard.FieldColorModeId.Thresholds))
    .thresholds(thresholds(...BUDGET_THRESHOLDS))
    .lineWidth(2)
    .fillOpacity(12)
    .gradientMode(common.GraphGradientMode.Scheme)
    .thresholdsStyle(new common.GraphThresholdsStyleConfigBuilder().mode(common.GraphThresholdsStyleMode.Dashed))
    .overrideByRegexp('.* ideal$', [
      { id: 'color', value: { mode: dashboard.FieldColorModeId.Fixed, fixedColor: 'text' } },
      { id: 'custom.lineStyle', value: { fill: 'dash', dash: [6, 4] } satisfies common.LineStyle },
      { id: 'custom.lineWidth', value: 1 },
      { id: 'custom.fillOpacity', value: 0 },
    ])
    .legend(legend(['lastNotNull']))
    .tooltip(tooltip(common.SortOrder.None)),
}));

const burnRates: Sized[] = SLOS.map((s) => ({
  w: 8,
  h: 8,
  builder: history(
    `Burn rate · ${s.short}`,
    'How fast the budget burns over each alert window, as a multiple of the rate that spends it exactly over the SLO window (1× = on budget). The fast page pair fires above 14.4× on both its windows, the slowest ticket pair above 1×.',
    ours({ queryType: 'slo', sloId: s.id, output: 'burnrate' })
  )
    .unit('suffix:×')
    .decimals(2)
    .min(0)
    .colorScheme(new dashboard.FieldColorBuilder().mode(dashboard.FieldColorModeId.PaletteClassic))
    .thresholds(thresholds([GREEN, null], [ORANGE, 1], [RED, 14.4]))
    .lineWidth(1)
    .fillOpacity(0)
    .scaleDistribution(new common.ScaleDistributionConfigBuilder().type(common.ScaleDistribution.Log).log(10))
    .thresholdsStyle(new common.GraphThresholdsStyleConfigBuilder().mode(common.GraphThresholdsStyleMode.LineAndArea))
    .legend(legend(['max', 'lastNotNull']))
    .tooltip(tooltip(common.SortOrder.Descending)),
}));

const STATES: Record<string, dashboard.ValueMappingResult> = {
  ok: { text: 'OK', color: GREEN, index: 0 },
  warning: { text: 'Warning', color: ORANGE, index: 1 },
  breaching: { text: 'Breaching', color: RED, index: 2 },
  partial_history: { text: 'Partial history', color: 'blue', index: 3 },
  no_data: { text: 'No data', color: 'text', index: 4 },
};

const compliance: Sized = {
  w: 24,
  h: 6,
  builder: new table.PanelBuilder()
    .title('Compliance · SLI against objective')
    .description(
      'Each SLA over its window so far: the SLI against the objective, the state, the remaining budget and the share of the window the data covers (below 100 % the figures are extrapolated).'
    )
    .datasource(ANOMALY)
    .targets(withRefIds(sloSummaries()))
    .transformations([
      {
        id: 'filterFieldsByName',
        options: {
          include: { names: ['name', 'state', 'sli', 'objective', 'window', 'budget_remaining_ratio', 'coverage'] },
        },
      },
      { id: 'merge', options: {} },
      {
        id: 'organize',
        options: {
          renameByName: {
            name: 'SLA',
            state: 'State',
            sli: 'SLI',
            objective: 'Objective',
            window: 'Window',
            budget_remaining_ratio: 'Budget left',
            coverage: 'History coverage',
          },
        },
      },
    ])
    .unit('percentunit')
    .decimals(3)
    .align(common.FieldTextAlignment.Auto)
    .cellOptions({ type: common.TableCellDisplayMode.Auto })
    .thresholds(thresholds([GREEN, null]))
    .mappings([])
    .dataLinks([])
    .overrideByName('State', [
      {
        id: 'custom.cellOptions',
        value: { type: common.TableCellDisplayMode.ColorText } satisfies common.TableCellOptions,
      },
      {
        id: 'mappings',
        value: [{ type: dashboard.MappingType.ValueToText, options: STATES }] satisfies dashboard.ValueMapping[],
      },
    ])
    .overrideByName('Budget left', [
      { id: 'decimals', value: 1 },
      {
        id: 'custom.cellOptions',
        value: {
          type: common.TableCellDisplayMode.Gauge,
          mode: common.BarGaugeDisplayMode.Basic,
          valueDisplayMode: common.BarGaugeValueMode.Text,
        } satisfies common.TableCellOptions,
      },
      { id: 'min', value: 0 },
      { id: 'max', value: 1 },
      { id: 'color', value: { mode: dashboard.FieldColorModeId.Thresholds } satisfies dashboard.FieldColor },
      { id: 'thresholds', value: thresholds(...BUDGET_THRESHOLDS).build() },
    ])
    .overrideByName('History coverage', [{ id: 'decimals', value: 1 }])
    .showHeader(true)
    .cellHeight(common.TableCellHeight.Sm)
    .footer(new common.TableFooterOptionsBuilder().show(false).reducer(['sum'])),
};

export const sla = buildDashboard({
  uid: 'ce-sla',
  title: 'SLA budgets',
  description:
    "Error budgets of the seed SLAs (availability 99.9 % / 30 d, P95 < 200 ms / 7 d, error rate < 0.1 % / 24 h) from the Anomaly & SLO datasource's SLO catalog: remaining budget, burndown, burn rates and compliance.",
  tags: ['sla', 'slo'],
  time: 'now-7d',
  refresh: '1m',
  variables: [],
  linkVariables: false,
  header: [list, ...singles],
  rows: [row('History', [...burndowns, ...burnRates, compliance])],
});
