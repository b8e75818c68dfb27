import React from 'react';
import { render } from '@testing-library/react';
import {
  dateTime,
  LoadingState,
  type DataFrame,
  type FieldConfigSource,
  type InterpolateFunction,
} from '@grafana/data';

import { panelProps } from '../../../testing/panelProps';
import { SloBudgetPanel } from '../components/SloBudgetPanel';
import { DEFAULT_OPTIONS, type Options } from '../types';

interface Setup {
  options?: Partial<Options>;
  fieldConfig?: FieldConfigSource;
  width?: number;
  height?: number;
}

/** Stands in for Grafana's: `${slo}` from the scoped vars, a fixed `${__url_time_range}`. */
export const replaceVariables: InterpolateFunction = (value, scopedVars) =>
  value
    .replace(/\$\{slo\}/g, String(scopedVars?.slo?.value ?? '${slo}'))
    .replace(/\$\{__url_time_range\}/g, 'from=1764000000000&to=1764086400000');

/** Renders the panel as Grafana would, with the frames as the query result. */
export function renderPanel(series: DataFrame[], { options, fieldConfig, width = 1000, height = 500 }: Setup = {}) {
  const to = dateTime(Date.UTC(2026, 10, 26, 12));
  const from = dateTime(to.valueOf() - 6 * 3_600_000);
  const timeRange = { from, to, raw: { from: 'now-6h', to: 'now' } };
  const props = panelProps<Options>({
    data: { series, state: LoadingState.Done, timeRange },
    timeRange,
    options: { ...DEFAULT_OPTIONS, ...options },
    fieldConfig,
    width,
    height,
    title: 'SLA budget',
    replaceVariables,
  });
  return render(<SloBudgetPanel {...props} />);
}

/** A colour as the DOM normalises it, to compare with inline styles. */
export const cssColor = (color: string) => {
  const el = document.createElement('div');
  el.style.color = color;
  return el.style.color;
};
