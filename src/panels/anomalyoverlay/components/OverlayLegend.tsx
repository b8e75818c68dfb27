import React, { memo } from 'react';
import type { GrafanaTheme2 } from '@grafana/data';
import { LegendDisplayMode } from '@grafana/schema';
import { VizLegend, type VizLegendItem } from '@grafana/ui';

import { seriesColor } from '../lib/colors';
import { formatDuration } from '../lib/display';
import type { OverlaySeries } from '../lib/model';

interface Props {
  series: OverlaySeries[];
  hidden: Set<string>;
  theme: GrafanaTheme2;
  onToggle: (name: string, isolate: boolean) => void;
}

/**
 * One legend entry per series (not per field), with its anomaly count and the forecast's time to
 * threshold. Memoised: a zoom changes none of its props, and 20 entries cost milliseconds.
 */
export const OverlayLegend = memo(function OverlayLegend({ series, hidden, theme, onToggle }: Props) {
  const items: VizLegendItem[] = series.map((s, i) => ({
    label: s.name,
    color: seriesColor(s, i, theme),
    yAxis: 1,
    disabled: hidden.has(s.name),
    getItemKey: () => s.name,
    getDisplayValues: () => legendValues(s),
  }));
  return (
    <VizLegend
      placement="bottom"
      displayMode={LegendDisplayMode.List}
      items={items}
      onLabelClick={(item, event) => onToggle(item.label, !(event.ctrlKey || event.metaKey || event.shiftKey))}
    />
  );
});

function legendValues(s: OverlaySeries) {
  const values = [];
  if (s.flag) {
    const n = s.anomalyCount;
    values.push({ numeric: n, text: `${n} ${n === 1 ? 'anomaly' : 'anomalies'}` });
  }
  if (s.changes.length > 0) {
    const n = s.changes.length;
    values.push({ numeric: n, text: `${n} ${n === 1 ? 'change' : 'changes'}` });
  }
  const t = s.timeToThreshold;
  if (t !== undefined) {
    values.push({
      numeric: t,
      text:
        t === 0
          ? 'threshold reached'
          : Number.isFinite(t)
            ? `threshold in ${formatDuration(t)}`
            : 'threshold not reached',
    });
  }
  return values;
}
