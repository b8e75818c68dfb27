import React from 'react';

import {
  DETECTION_DEFAULTS as D,
  defaultThreshold,
  DIRECTION_OPTIONS,
  METHOD_OPTIONS,
  setOption,
  withMethod,
} from '../../lib/detectionOptions';
import type { AnomalyQuery, TrendQuery } from '../../types';
import { ChoiceField, NumberOptionField, TextOptionField, type OptionSetProps } from './OptionFields';

/**
 * The point detector's options: all of them for anomaly queries, the window for trend queries
 * (the baseline of their level-shift detector). Season options show for seasonal methods only.
 */
export function DetectorFields({
  query,
  shown,
  errors,
  onChange,
  onChoose,
  onBlur,
}: OptionSetProps<AnomalyQuery | TrendQuery>) {
  const text = (key: 'window' | 'season' | 'persistence') => ({
    value: query[key],
    error: errors[key],
    onChange: (value: string) => onChange(setOption(query, key, value)),
    onBlur,
  });
  const number = (key: 'threshold' | 'minDeviation' | 'seasons') => ({
    value: query[key],
    error: errors[key],
    onChange: (value: number | undefined) => onChange(setOption(query, key, value)),
    onBlur,
  });

  return (
    <>
      {shown.has('method') && (
        <ChoiceField
          label="Method"
          tooltip="How the expected value and its band are learned from the series' history."
          options={METHOD_OPTIONS}
          value={query.method ?? D.method}
          onChange={(method) => onChoose(withMethod(query, method))}
        />
      )}
      {shown.has('window') && (
        <TextOptionField
          label="Window"
          tooltip="History each point is compared with, e.g. 1h. Trend queries use it as the baseline of level-shift detection."
          placeholder={D.window}
          {...text('window')}
        />
      )}
      {shown.has('threshold') && (
        <NumberOptionField
          label="Threshold"
          tooltip="Half-width of the band in spreads: σ for z-score and EWMA, scaled MAD for robust and seasonal, RMS one-step deviation for Holt-Winters."
          placeholder={String(defaultThreshold(query.method))}
          {...number('threshold')}
        />
      )}
      {shown.has('direction') && (
        <ChoiceField
          label="Direction"
          tooltip="Which deviations count as anomalies."
          options={DIRECTION_OPTIONS}
          value={query.direction ?? D.direction}
          onChange={(direction) => onChoose(setOption(query, 'direction', direction))}
        />
      )}
      {shown.has('season') && (
        <TextOptionField
          label="Season"
          tooltip="Length of the repeating pattern: 1d for a daily one, 1w for a weekly one."
          placeholder={D.season}
          {...text('season')}
        />
      )}
      {shown.has('seasons') && (
        <NumberOptionField
          label="Seasons"
          tooltip="How many past seasons the same moment is compared with."
          placeholder={String(D.seasons)}
          width={8}
          {...number('seasons')}
        />
      )}
      {shown.has('minDeviation') && (
        <NumberOptionField
          label="Min deviation"
          tooltip="Smallest deviation that counts, in the series' own units; also the band's half-width when the history is flat."
          placeholder={String(D.minDeviation)}
          {...number('minDeviation')}
        />
      )}
      {shown.has('persistence') && (
        <TextOptionField
          label="Persistence"
          tooltip="k/n: flag a point only when k of the last n points are outside the band. 1/1 flags every point outside."
          placeholder={D.persistence}
          width={10}
          {...text('persistence')}
        />
      )}
    </>
  );
}
