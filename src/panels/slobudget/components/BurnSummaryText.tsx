import React from 'react';
import { useTheme2 } from '@grafana/ui';

import type { BurnSummary } from '../lib/burns';
import { formatBurn, formatThreshold } from '../lib/format';
import { overThresholdTone, toneColor } from '../lib/state';

/**
 * "3.10× of 6×" over "page 6h/30m": the burn of the pair closest to firing against its threshold,
 * in the threshold's colour when above it; "–" without a pair that has both burns.
 */
export function FastestBurnText({ burns }: { burns: BurnSummary }) {
  const theme = useTheme2();
  const f = burns.fastest;
  if (!f) {
    return <>–</>;
  }
  const over = f.burn > f.threshold;
  return (
    <span title="The pair closest to firing: the smaller of its two burns against its threshold">
      <span style={over ? { color: toneColor(overThresholdTone(f), theme) } : undefined}>{formatBurn(f.burn)}</span>
      {` of ${formatThreshold(f.threshold)}`}
      <span
        style={{ display: 'block', color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }}
      >
        {f.pair}
      </span>
    </span>
  );
}

/** The firing pairs, a page in the critical colour, a ticket in the warning colour; "none". */
export function FiringText({ burns }: { burns: BurnSummary }) {
  const theme = useTheme2();
  if (burns.firing.length === 0) {
    return <>none</>;
  }
  const tone = burns.firing[0].startsWith('page') ? 'critical' : 'warning';
  return <span style={{ color: toneColor(tone, theme) }}>{burns.firing.join(', ')}</span>;
}
