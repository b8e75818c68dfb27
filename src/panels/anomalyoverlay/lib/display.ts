import {
  formattedValueToString,
  getDisplayProcessor,
  type DisplayProcessor,
  type Field,
  type FieldConfig,
  type GrafanaTheme2,
} from '@grafana/data';

import type { OverlaySeries } from './model';

/**
 * The series' value config with the panel's standard options filling what the field does not set
 * (Grafana has usually merged them already; tests and the harness pass raw frames).
 */
export function valueConfig(s: OverlaySeries, defaults: FieldConfig): FieldConfig {
  const own = s.valueField.config;
  return {
    ...own,
    unit: own.unit ?? defaults.unit,
    decimals: own.decimals ?? defaults.decimals,
    min: own.min ?? defaults.min,
    max: own.max ?? defaults.max,
    thresholds: own.thresholds ?? defaults.thresholds,
    links: [...(own.links ?? []), ...(defaults.links ?? [])],
  };
}

/** A display processor for values in the series' unit and decimals. */
export function displayFor(
  s: OverlaySeries | undefined,
  defaults: FieldConfig,
  theme: GrafanaTheme2
): DisplayProcessor {
  const field: Partial<Field> = s ? { ...s.valueField, config: valueConfig(s, defaults) } : { config: defaults };
  return getDisplayProcessor({ field, theme });
}

/** A value as text in the series' unit, "–" for a gap. */
export function formatValue(display: DisplayProcessor, v: number | null | undefined): string {
  return v === null || v === undefined ? '–' : formattedValueToString(display(v));
}

/** Seconds as "3h 10m", "2d 4h", "45s": the two largest units. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) {
    return 'never';
  }
  const units: Array<[string, number]> = [
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ];
  const parts: string[] = [];
  let rest = Math.max(0, Math.round(seconds));
  for (const [name, size] of units) {
    if (rest >= size && parts.length < 2) {
      parts.push(`${Math.floor(rest / size)}${name}`);
      rest %= size;
    }
  }
  return parts.join(' ') || '0s';
}
