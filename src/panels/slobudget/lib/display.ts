import {
  FieldColorModeId,
  FieldType,
  getDisplayProcessor,
  ThresholdsMode,
  type DisplayValue,
  type FieldConfig,
  type GrafanaTheme2,
  type ThresholdsConfig,
} from '@grafana/data';

/** The panel's default thresholds on the remaining-budget ratio: red when overspent, orange under 25 %. */
export const DEFAULT_THRESHOLDS: ThresholdsConfig = {
  mode: ThresholdsMode.Absolute,
  steps: [
    { value: -Infinity, color: 'red' },
    { value: 0, color: 'orange' },
    { value: 0.25, color: 'green' },
  ],
};

/** What the remaining ratio is shown with when neither the panel nor the frame says otherwise. */
export const DEFAULT_RATIO_CONFIG: FieldConfig = {
  unit: 'percentunit',
  decimals: 1,
  thresholds: DEFAULT_THRESHOLDS,
  color: { mode: FieldColorModeId.Thresholds },
};

/**
 * Formats and colours a remaining-budget ratio with Grafana's display processor. In Grafana the
 * frame's field config already holds the panel's defaults and overrides; the merge repeats
 * that for callers that pass raw frames (tests, the browser harness) and fills in our defaults.
 */
export function ratioDisplay(
  theme: GrafanaTheme2,
  panelDefaults: FieldConfig = {},
  fieldConfig: FieldConfig = {}
): (ratio: number) => DisplayValue {
  const config = { ...DEFAULT_RATIO_CONFIG, ...defined(panelDefaults), ...defined(fieldConfig) };
  const process = getDisplayProcessor({
    field: { name: 'budget_remaining_ratio', type: FieldType.number, config },
    theme,
  });
  return (ratio) => process(ratio);
}

/** "72.2%": a display value's text with its prefix and suffix. */
export function displayText(d: DisplayValue): string {
  return `${d.prefix ?? ''}${d.text}${d.suffix ?? ''}`;
}

function defined(config: FieldConfig): FieldConfig {
  return Object.fromEntries(Object.entries(config).filter(([, v]) => v !== undefined && v !== null));
}
