import { FieldColorModeId, FieldConfigProperty, PanelPlugin } from '@grafana/data';

import { SloBudgetPanel } from './components/SloBudgetPanel';
import { DEFAULT_THRESHOLDS } from './lib/display';
import { buildOptions } from './options';
import type { Options } from './types';

/**
 * The standard options apply to the remaining-budget ratio (gauge, bars, burndown colour):
 * unit, decimals, thresholds and colour scheme. Links are replaced by the drill-down URL option.
 */
export const plugin = new PanelPlugin<Options>(SloBudgetPanel).setPanelOptions(buildOptions).useFieldConfig({
  standardOptions: {
    [FieldConfigProperty.Unit]: { defaultValue: 'percentunit' },
    [FieldConfigProperty.Decimals]: { defaultValue: 1 },
    [FieldConfigProperty.Thresholds]: { defaultValue: DEFAULT_THRESHOLDS },
    [FieldConfigProperty.Color]: { defaultValue: { mode: FieldColorModeId.Thresholds } },
  },
  disableStandardOptions: [
    FieldConfigProperty.Min,
    FieldConfigProperty.Max,
    FieldConfigProperty.FieldMinMax,
    FieldConfigProperty.DisplayName,
    FieldConfigProperty.NoValue,
    FieldConfigProperty.Mappings,
    FieldConfigProperty.Links,
    FieldConfigProperty.Actions,
    FieldConfigProperty.Filterable,
  ],
});
