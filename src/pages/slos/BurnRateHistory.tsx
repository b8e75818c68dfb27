import React from 'react';
import { Stack, Text, useTheme2 } from '@grafana/ui';

import { formatBurn, formatThreshold } from '../../panels/slobudget/lib/format';
import type { BurnRate } from '../../panels/slobudget/lib/model';
import type { BurnRateSeries } from '../../lib/sloDetail';

const WIDTH = 420;
const HEIGHT = 48;

/** One sparkline per long window, its page/ticket threshold dashed, the peak beside it. */
export function BurnRateHistory({ series, pairs }: { series: BurnRateSeries[]; pairs: BurnRate[] }) {
  const theme = useTheme2();
  if (series.length === 0) {
    return <Text color="secondary">No burn-rate history in this range.</Text>;
  }
  return (
    <Stack direction="column" gap={1}>
      {series.map((s) => {
        const threshold = pairs.find((p) => p.longWindow === s.window)?.threshold ?? NaN;
        const finite = s.values.filter(Number.isFinite);
        const peak = finite.length ? Math.max(...finite) : NaN;
        const top = Math.max(peak, Number.isFinite(threshold) ? threshold : 0, 1) * 1.1;
        const [t0, t1] = [s.time[0], s.time[s.time.length - 1]];
        const x = (t: number) => (t1 > t0 ? ((t - t0) / (t1 - t0)) * WIDTH : 0);
        const y = (v: number) => HEIGHT - (v / top) * HEIGHT;
        const d = s.values
          .map((v, i) => (Number.isFinite(v) ? `${x(s.time[i]).toFixed(1)},${y(v).toFixed(1)}` : ''))
          .filter(Boolean)
          .join(' L');
        return (
          <Stack key={s.window} gap={2} alignItems="center">
            <Text weight="medium">{s.window}</Text>
            <svg width={WIDTH} height={HEIGHT} role="img" aria-label={`Burn rate over ${s.window}`}>
              {Number.isFinite(threshold) && (
                <line
                  x1={0}
                  x2={WIDTH}
                  y1={y(threshold)}
                  y2={y(threshold)}
                  stroke={theme.colors.error.main}
                  strokeDasharray="4 3"
                />
              )}
              {d && <path d={`M${d}`} fill="none" stroke={theme.colors.primary.main} strokeWidth={1.5} />}
            </svg>
            <Text color="secondary">
              peak {formatBurn(peak)}
              {Number.isFinite(threshold) && ` · threshold ${formatThreshold(threshold)}`}
            </Text>
          </Stack>
        );
      })}
    </Stack>
  );
}
