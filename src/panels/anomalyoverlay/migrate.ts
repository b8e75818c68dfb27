import type { PanelModel } from '@grafana/data';

import { DEFAULT_OPTIONS, type Options } from './types';

/**
 * Options as this version reads them, from any version's saved options: unknown keys dropped,
 * missing ones defaulted, a top N saved as text (an early text input) made a number. The first
 * version (1.0.0) saved exactly these keys, so its options pass through unchanged.
 */
export function migrateOptions(panel: PanelModel<Options>): Options {
  const saved: Partial<Record<keyof Options, unknown>> = panel.options ?? {};
  const topN = Number(saved.topN);
  return {
    topN: Number.isFinite(topN) && topN >= 1 ? Math.floor(topN) : DEFAULT_OPTIONS.topN,
    selected: Array.isArray(saved.selected) ? saved.selected.filter((s): s is string => typeof s === 'string') : [],
    showBand: bool(saved.showBand, DEFAULT_OPTIONS.showBand),
    showBaseline: bool(saved.showBaseline, DEFAULT_OPTIONS.showBaseline),
    showMarkers: bool(saved.showMarkers, DEFAULT_OPTIONS.showMarkers),
    showScoreStrip: bool(saved.showScoreStrip, DEFAULT_OPTIONS.showScoreStrip),
    exploreLink: bool(saved.exploreLink, DEFAULT_OPTIONS.exploreLink),
  };
}

function bool(v: unknown, fallback: boolean): boolean {
  return typeof v === 'boolean' ? v : fallback;
}
