import type { OverlaySeries } from './model';

/**
 * The series to draw: the picked ones in the order picked, or else the `topN` with the highest
 * peak score (ties keep the query's order), so the series worth looking at come first.
 */
export function visibleSeries(all: OverlaySeries[], selected: string[], topN: number): OverlaySeries[] {
  const picked = selected.map((name) => all.find((s) => s.name === name)).filter((s): s is OverlaySeries => !!s);
  if (picked.length > 0) {
    return picked;
  }
  const n = Math.max(1, Math.floor(topN) || 1);
  return all
    .map((s, i) => ({ s, i }))
    .sort((a, b) => b.s.peakScore - a.s.peakScore || a.i - b.i)
    .slice(0, n)
    .map(({ s }) => s);
}
