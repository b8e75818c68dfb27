import React from 'react';
import { render } from '@testing-library/react';
import { dateTime, LoadingState, type DataFrame, type DataQueryError, type FieldConfigSource } from '@grafana/data';

import { panelProps } from '../../../testing/panelProps';
import { AnomalyOverlayPanel } from '../components/AnomalyOverlayPanel';
import { DEFAULT_OPTIONS, type Options } from '../types';
import { T0 } from './frames';

interface Setup {
  options?: Partial<Options>;
  fieldConfig?: FieldConfigSource;
  width?: number;
  height?: number;
  errors?: DataQueryError[];
}

/** Renders the panel as Grafana would, with the frames as the query result over 06:00–07:00 UTC. */
export function renderPanel(
  series: DataFrame[],
  { options, fieldConfig, width = 1000, height = 400, errors }: Setup = {}
) {
  const from = dateTime(T0);
  const to = dateTime(T0 + 3_600_000);
  const timeRange = { from, to, raw: { from, to } };
  const onOptionsChange = jest.fn();
  const props = panelProps<Options>({
    data: { series, state: errors ? LoadingState.Error : LoadingState.Done, timeRange, errors },
    timeRange,
    options: { ...DEFAULT_OPTIONS, ...options },
    fieldConfig,
    width,
    height,
    title: 'Anomaly overlay',
    onOptionsChange,
  });
  const view = render(<AnomalyOverlayPanel {...props} />);
  /** Renders again with a new time range, as a zoom does. */
  const zoom = (fromMs: number, toMs: number) => {
    const range = { from: dateTime(fromMs), to: dateTime(toMs), raw: { from: dateTime(fromMs), to: dateTime(toMs) } };
    view.rerender(<AnomalyOverlayPanel {...props} timeRange={range} />);
  };
  return { ...view, onOptionsChange, zoom };
}
