import React from 'react';
import { render } from '@testing-library/react';
import {
  dateTime,
  EventBusSrv,
  LoadingState,
  type DataFrame,
  type DataQueryError,
  type FieldConfigSource,
  type PanelProps,
} from '@grafana/data';

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
  const props: PanelProps<Options> = {
    id: 1,
    data: { series, state: errors ? LoadingState.Error : LoadingState.Done, timeRange, errors },
    timeRange,
    timeZone: 'utc',
    options: { ...DEFAULT_OPTIONS, ...options },
    fieldConfig: fieldConfig ?? { defaults: {}, overrides: [] },
    transparent: false,
    width,
    height,
    renderCounter: 0,
    title: 'Anomaly overlay',
    eventBus: new EventBusSrv(),
    replaceVariables: (v) => v,
    onOptionsChange,
    onFieldConfigChange: jest.fn(),
    onChangeTimeRange: jest.fn(),
  };
  const view = render(<AnomalyOverlayPanel {...props} />);
  /** Renders again with a new time range, as a zoom does. */
  const zoom = (fromMs: number, toMs: number) => {
    const range = { from: dateTime(fromMs), to: dateTime(toMs), raw: { from: dateTime(fromMs), to: dateTime(toMs) } };
    view.rerender(<AnomalyOverlayPanel {...props} timeRange={range} />);
  };
  return { ...view, onOptionsChange, zoom };
}
