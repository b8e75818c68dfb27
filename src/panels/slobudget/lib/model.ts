import type { FieldConfig } from '@grafana/data';

/** The backend's verdict on an SLO (pkg/slo State), most urgent first. */
export const SLO_STATES = ['breaching', 'warning', 'partial_history', 'ok', 'no_data'] as const;
export type SloState = (typeof SLO_STATES)[number];

/** Seconds of downtime for availability SLIs, events for ratio and latency SLIs. */
export type BudgetUnit = 'seconds' | 'events';

/** The SLI's kind (the summary's sli_kind), which names what the budget counts. */
export type SliKind = 'ratio' | 'latency' | 'availability';

/**
 * One row of the `slo_summary` frame. Ratios are 0–1 (never percent); numbers the backend
 * could not compute are NaN.
 */
export interface SloSummary {
  state: SloState;
  /** Good / total over the window so far. */
  sli: number;
  objective: number;
  /** The window as the backend names it, e.g. `30d`. */
  window: string;
  /** Remaining / allowed; negative when overspent. */
  remainingRatio: number;
  /** In `unit`; negative when overspent. */
  remaining: number;
  allowed: number;
  unit: BudgetUnit;
  /** Absent in frames of backends before sli_kind: the budget is then worded by its unit alone. */
  kind?: SliKind;
  /** Seconds until the budget runs out at the recent burn: 0 when it has, +Inf when nothing burns, NaN unknown. */
  exhaustionSeconds: number;
  partialHistory: boolean;
  /** Share of the window so far the data accounts for, 0–1. */
  coverage: number;
  totalEvents: number;
  /** The backend's sentences explaining the state (frame meta.custom.reasons), for the badge's tooltip. */
  reasons: string[];
}

export type Severity = 'page' | 'ticket';

/** One multiwindow burn-rate pair (a row of `slo_burn_rates`). */
export interface BurnRate {
  severity: Severity;
  longWindow: string;
  shortWindow: string;
  threshold: number;
  longBurn: number;
  shortBurn: number;
  firing: boolean;
  /** False when threshold × (1 − objective) ≥ 1: the pair can never fire. */
  feasible: boolean;
}

/** The remaining budget over the current window, against the ideal linear burn (ratios, epoch ms). */
export interface Burndown {
  time: number[];
  remaining: number[];
  ideal: number[];
}

/** Everything the frames say about one SLO; any part may be missing. */
export interface Slo {
  id: string;
  name: string;
  summary?: SloSummary;
  burnRates: BurnRate[];
  burndown?: Burndown;
  /** The all-SLOs summary's fastest_burn and firing columns (lib/burns reads them when no burn-rate table came). */
  burnColumns?: { fastest?: { burn: number; threshold: number; severity: Severity; pair: string }; firing: string[] };
  /** Field config of the remaining-ratio field (summary or burndown), for thresholds, unit and decimals. */
  ratioConfig: FieldConfig;
}
