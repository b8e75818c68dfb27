import React, { useId } from 'react';
import { MultiCombobox, type ComboboxOption } from '@grafana/ui';

import type { OverlaySeries } from '../lib/model';
import { testIds } from '../testIds';

interface Props {
  all: OverlaySeries[];
  selected: string[];
  topN: number;
  onChange: (selected: string[]) => void;
}

/** Picks the series to draw when there are more than the top N; empty goes back to the top N by peak score. */
export function SeriesPicker({ all, selected, topN, onChange }: Props) {
  const labelId = useId();
  const options: Array<ComboboxOption<string>> = all.map((s) => ({
    value: s.name,
    label: s.name,
    description: s.flag ? `peak score ${s.peakScore.toFixed(1)}, ${s.anomalyCount} anomalies` : undefined,
  }));
  return (
    <div data-testid={testIds.picker}>
      <span id={labelId} hidden>
        Series to show
      </span>
      <MultiCombobox<string>
        aria-labelledby={labelId}
        options={options}
        value={selected}
        onChange={(items) => onChange(items.map((i) => i.value))}
        placeholder={`Top ${Math.min(topN, all.length)} of ${all.length} by peak score`}
        isClearable
      />
    </div>
  );
}
