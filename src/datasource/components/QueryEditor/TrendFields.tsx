import React from 'react';

import { DETECTION_DEFAULTS as D, setOption } from '../../lib/detectionOptions';
import type { TrendQuery } from '../../types';
import { NumberOptionField, TextOptionField, type OptionSetProps } from './OptionFields';

/** The window comparison of a trend query. */
export function TrendFields({ query, errors, onChange, onBlur }: OptionSetProps<TrendQuery>) {
  return (
    <>
      <TextOptionField
        label="Trend window"
        tooltip="The last trend window is compared with the one before it: Welch's t-test and Cohen's d decide whether the level changed."
        placeholder={D.trendWindow}
        value={query.trendWindow}
        error={errors.trendWindow}
        onChange={(value) => onChange(setOption(query, 'trendWindow', value))}
        onBlur={onBlur}
      />
      <NumberOptionField
        label="Ratio threshold"
        tooltip="The before/after ratio of the two windows is reported, and marked as exceeded above this value."
        placeholder={String(D.ratioThreshold)}
        value={query.ratioThreshold}
        error={errors.ratioThreshold}
        onChange={(value) => onChange(setOption(query, 'ratioThreshold', value))}
        onBlur={onBlur}
      />
    </>
  );
}
