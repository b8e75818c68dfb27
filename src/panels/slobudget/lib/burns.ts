import type { BurnRate, Severity, Slo } from './model';

/** The pair closest to firing: its burn, min(long, short), against its threshold. */
export interface FastestBurn {
  burn: number;
  threshold: number;
  severity: Severity;
  /** "page 1h/5m", as the backend names pairs. */
  pair: string;
}

/** What the list shows of an SLO's burn-rate pairs. */
export interface BurnSummary {
  fastest?: FastestBurn;
  /** The firing pairs, "page 1h/5m", pages first. */
  firing: string[];
}

const pairName = (b: BurnRate) => `${b.severity} ${b.longWindow}/${b.shortWindow}`;

/**
 * The fastest burn and the firing pairs, as pkg/slo FastestBurn picks them: among feasible pairs
 * with both burns, the largest min(long, short) / threshold (the alert output's value, > 1
 * exactly when the pair fires). From the burn-rate table when the queries returned one, else
 * from the all-SLOs summary's fastest_burn and firing columns.
 */
export function burnSummary(slo: Slo): BurnSummary {
  if (slo.burnRates.length === 0) {
    return slo.burnColumns ?? { firing: [] };
  }
  let fastest: FastestBurn | undefined;
  let best = -Infinity;
  for (const b of slo.burnRates) {
    const burn = Math.min(b.longBurn, b.shortBurn);
    if (b.feasible && Number.isFinite(burn) && burn / b.threshold > best) {
      best = burn / b.threshold;
      fastest = { burn, threshold: b.threshold, severity: b.severity, pair: pairName(b) };
    }
  }
  const firing = slo.burnRates.filter((b) => b.firing).map(pairName);
  return {
    fastest,
    firing: [...firing.filter((p) => p.startsWith('page')), ...firing.filter((p) => !p.startsWith('page'))],
  };
}
