import { FieldConfigProperty, PanelPlugin } from '@grafana/data';

import { AnomalyOverlayPanel } from './components/AnomalyOverlayPanel';
import { migrateOptions } from './migrate';
import { buildOptions } from './options';
import type { Options } from './types';

/**
 * Standard options apply to the value axis and readouts (unit, decimals, min, max, thresholds
 * drawn as dashed lines, links in the pinned tooltip); overrides set a series' colour or name.
 */
export const plugin = new PanelPlugin<Options>(AnomalyOverlayPanel)
  .setPanelOptions(buildOptions)
  .setMigrationHandler(migrateOptions)
  .useFieldConfig({
    disableStandardOptions: [
      FieldConfigProperty.NoValue,
      FieldConfigProperty.Mappings,
      FieldConfigProperty.Actions,
      FieldConfigProperty.FieldMinMax,
      FieldConfigProperty.Filterable,
    ],
  });
