import React from 'react';
import type { SelectableValue } from '@grafana/data';

import { DETECTION_DEFAULTS as D, setOption } from '../../lib/detectionOptions';
import type { ForecastMethod, ForecastQuery } from '../../types';
import { ChoiceField, NumberOptionField, TextOptionField, type OptionSetProps } from './OptionFields';

const METHODS: Array<SelectableValue<ForecastMethod>> = [
  { value: 'linear', label: 'Linear', description: 'Least-squares line over the training history.' },
  {
    value: 'holtwinters',
    label: 'Holt-Winters',
    description: 'Additive level, trend and daily season; needs two seasons of training history.',
  },
];

/** The horizon, training history and threshold of a forecast query. */
export function ForecastFields({ query, errors, onChange, onChoose, onBlur }: OptionSetProps<ForecastQuery>) {
  const text = (key: 'horizon' | 'training') => ({
    value: query[key],
    error: errors[key],
    onChange: (value: string) => onChange(setOption(query, key, value)),
    onBlur,
  });
  const number = (key: 'forecastThreshold' | 'level') => ({
    value: query[key],
    error: errors[key],
    onChange: (value: number | undefined) => onChange(setOption(query, key, value)),
    onBlur,
  });

  return (
    <>
      <ChoiceField<ForecastMethod>
        label="Forecast method"
        tooltip="How the history is extended: a straight line, or Holt-Winters with a daily season."
        options={METHODS}
        value={query.forecastMethod ?? D.forecastMethod}
        onChange={(method) => onChoose(setOption(query, 'forecastMethod', method))}
      />
      <TextOptionField
        label="Horizon"
        tooltip="How far past the end of the range to forecast."
        placeholder={D.horizon}
        {...text('horizon')}
      />
      <TextOptionField
        label="Training"
        tooltip="History the forecast learns from, ending at the end of the range. Empty: the visible range."
        placeholder="visible range"
        width={14}
        {...text('training')}
      />
      <NumberOptionField
        label="Threshold"
        tooltip="A value to watch, e.g. a disk's size. With the score output the query returns the seconds until the forecast reaches it."
        placeholder="none"
        {...number('forecastThreshold')}
      />
      <NumberOptionField
        label="Level"
        tooltip="Level of the prediction interval, between 0 and 1."
        placeholder={String(D.level)}
        width={8}
        {...number('level')}
      />
    </>
  );
}
