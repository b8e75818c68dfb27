/**
 * How much of one SLO a panel of this size shows (content px, without Grafana's header):
 * - `stat` (a 4×4 grid panel, about 100 px tall): the remaining budget as one big figure and
 *   what it is in time or events, like a stat panel;
 * - `compact` (a 6×8 grid panel, about 250 px tall and under 760 px wide): a small gauge, the
 *   budget, the SLI against the objective, the time to exhaustion and the firing (or fastest)
 *   burn-rate pair;
 * - `full`: everything, with the burndown and the burn-rate table.
 * A wide but short panel stays full: its gauge, figures and burndown share one row.
 */
export type SingleLayout = 'stat' | 'compact' | 'full';

export const STAT_MAX_HEIGHT = 160;
export const STAT_MAX_WIDTH = 200;
export const COMPACT_MAX_HEIGHT = 340;
export const COMPACT_MAX_WIDTH = 760;

export function singleLayout(width: number, height: number): SingleLayout {
  if (height < STAT_MAX_HEIGHT || width < STAT_MAX_WIDTH) {
    return 'stat';
  }
  if (height < COMPACT_MAX_HEIGHT && width < COMPACT_MAX_WIDTH) {
    return 'compact';
  }
  return 'full';
}
