import type { DisplayMode, SortBy } from '../types';
import { SLO_STATES, type Slo, type SloState } from './model';
import { remainingRatio } from './parse';

const byName = (a: Slo, b: Slo) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);

/** Least remaining budget first; SLOs without a budget (no data) last. */
const byRemaining = (a: Slo, b: Slo) => {
  const [ra, rb] = [remainingRatio(a), remainingRatio(b)];
  const [na, nb] = [Number.isNaN(ra), Number.isNaN(rb)];
  if (na || nb) {
    return na === nb ? byName(a, b) : na ? 1 : -1;
  }
  return ra - rb || byName(a, b);
};

const stateRank = (s: Slo) => SLO_STATES.indexOf(stateOf(s));
const byState = (a: Slo, b: Slo) => stateRank(a) - stateRank(b) || byRemaining(a, b);

const COMPARATORS: Record<SortBy, (a: Slo, b: Slo) => number> = {
  remaining: byRemaining,
  name: byName,
  state: byState,
};

/** A sorted copy. */
export function sortSlos(slos: Slo[], by: SortBy): Slo[] {
  return [...slos].sort(COMPARATORS[by] ?? byRemaining);
}

/** The state, or what the remaining budget says when only a burndown came back. */
export function stateOf(slo: Slo): SloState {
  if (slo.summary) {
    return slo.summary.state;
  }
  const r = remainingRatio(slo);
  if (Number.isNaN(r)) {
    return 'no_data';
  }
  return r < 0 ? 'breaching' : r < 0.25 ? 'warning' : 'ok';
}

/** The SLO single mode shows: the one named, else the one with the least budget left. */
export function pickSlo(slos: Slo[], id: string): Slo | undefined {
  return slos.find((s) => s.id === id) ?? sortSlos(slos, 'remaining')[0];
}

/** `auto` lists several SLOs and shows a single one in full. */
export function resolveMode(mode: DisplayMode, count: number): 'single' | 'list' {
  if (mode === 'auto') {
    return count > 1 ? 'list' : 'single';
  }
  return mode;
}
