import type { PanelOptionsEditorBuilder } from '@grafana/data';

import { DEFAULT_OPTIONS, type Options } from './types';

/** Panel options, in the "SLA budget" category of the options pane. */
export function buildOptions(builder: PanelOptionsEditorBuilder<Options>) {
  const category = ['SLA budget'];
  return builder
    .addRadio({
      path: 'mode',
      name: 'Layout',
      description: 'Auto shows one SLO in full, and a list when the queries return several.',
      category,
      defaultValue: DEFAULT_OPTIONS.mode,
      settings: {
        options: [
          { value: 'auto', label: 'Auto' },
          { value: 'single', label: 'Single SLO' },
          { value: 'list', label: 'List' },
        ],
      },
    })
    .addTextInput({
      path: 'sloId',
      name: 'SLO',
      description:
        'Id of the SLO to show when the queries return several; empty shows the one with the least budget left.',
      category,
      defaultValue: DEFAULT_OPTIONS.sloId,
      settings: { placeholder: 'least budget left' },
      showIf: (o) => o.mode !== 'list',
    })
    .addBooleanSwitch({
      path: 'showBurndown',
      name: 'Burndown',
      description: 'Remaining budget over the window against the ideal linear burn (needs a burndown query).',
      category,
      defaultValue: DEFAULT_OPTIONS.showBurndown,
      showIf: (o) => o.mode !== 'list',
    })
    .addBooleanSwitch({
      path: 'showBurnRates',
      name: 'Burn-rate table',
      description: 'Multiwindow burn-rate pairs with their alert state.',
      category,
      defaultValue: DEFAULT_OPTIONS.showBurnRates,
      showIf: (o) => o.mode !== 'list',
    })
    .addSelect({
      path: 'sortBy',
      name: 'Sort list by',
      category,
      defaultValue: DEFAULT_OPTIONS.sortBy,
      settings: {
        options: [
          { value: 'remaining', label: 'Remaining budget', description: 'Least budget left first' },
          { value: 'state', label: 'State', description: 'Breaching, warning, partial history, OK, no data' },
          { value: 'name', label: 'Name' },
        ],
      },
      showIf: (o) => o.mode !== 'single',
    })
    .addTextInput({
      path: 'drilldownUrl',
      name: 'Drill-down URL',
      description:
        'Link on each SLO name. ${slo} is the SLO id, ${__url_time_range} the time range, and dashboard variables work, e.g. /d/ce-sla?var-slo=${slo}&${__url_time_range}',
      category,
      defaultValue: DEFAULT_OPTIONS.drilldownUrl,
      settings: { placeholder: '/d/<uid>?var-slo=${slo}&${__url_time_range}' },
    });
}
