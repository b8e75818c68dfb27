import { FieldType, type DataFrame, type Field } from '@grafana/data';

import { formatWindow } from './format';
import {
  SLO_STATES,
  type BudgetUnit,
  type BurnRate,
  type Burndown,
  type Slo,
  type SloState,
  type SliKind,
  type SloSummary,
} from './model';

/** Frame names the backend's `slo` query type gives its summary and burn-rate tables. */
export const SUMMARY_FRAME = 'slo_summary';
export const BURN_RATES_FRAME = 'slo_burn_rates';

/**
 * Reads the frames of any number of `slo` queries (summary, burn-rate and burndown outputs, in
 * any combination) into one entry per SLO id, in the order the ids first appear. Frames are
 * recognised by name or, failing that, by their fields, so renamed frames still work; frames of
 * other queries are ignored.
 */
export function parseFrames(frames: DataFrame[]): Slo[] {
  const slos = new Map<string, Slo>();
  const get = (id: string) => {
    let slo = slos.get(id);
    if (!slo) {
      slo = { id, name: id, burnRates: [], ratioConfig: {} };
      slos.set(id, slo);
    }
    return slo;
  };
  const burndowns: DataFrame[] = [];
  for (const frame of frames) {
    if (frame.name === SUMMARY_FRAME || field(frame, 'budget_remaining_ratio')) {
      readSummary(frame, get);
    } else if (frame.name === BURN_RATES_FRAME || field(frame, 'long_burn')) {
      readBurnRates(frame, get);
    } else if (field(frame, 'remaining') && frame.fields.some((f) => f.type === FieldType.time)) {
      burndowns.push(frame);
    }
  }
  // After the tables, so an unlabelled burndown can go to the only SLO they name.
  for (const frame of burndowns) {
    readBurndown(frame, slos, get);
  }
  return [...slos.values()];
}

function readSummary(frame: DataFrame, get: (id: string) => Slo) {
  const ratioField = field(frame, 'budget_remaining_ratio');
  // One SLO's summary carries its reasons in the frame's meta as a list; the all-SLOs summary as
  // an object keyed by SLO id.
  const custom: unknown = frame.meta?.custom?.reasons;
  const reasonsOf = (id: string): string[] => {
    if (Array.isArray(custom)) {
      return frame.length === 1 ? custom.map(String) : [];
    }
    const own: unknown = custom && typeof custom === 'object' ? (custom as Record<string, unknown>)[id] : undefined;
    return Array.isArray(own) ? own.map(String) : [];
  };
  for (let i = 0; i < frame.length; i++) {
    const id = text(frame, 'id', i);
    if (!id) {
      continue;
    }
    const slo = get(id);
    slo.name = text(frame, 'name', i) || slo.name;
    slo.ratioConfig = ratioField?.config ?? {};
    const remainingRatio = num(frame, 'budget_remaining_ratio', i);
    slo.summary = {
      state: state(text(frame, 'state', i), remainingRatio),
      sli: num(frame, 'sli', i),
      objective: num(frame, 'objective', i),
      window: windowText(value(frame, 'window', i)),
      remainingRatio,
      remaining: num(frame, 'budget_remaining', i),
      allowed: num(frame, 'budget_allowed', i),
      unit: unit(text(frame, 'budget_unit', i)),
      ...sliKind(text(frame, 'sli_kind', i)),
      exhaustionSeconds: num(frame, 'exhaustion_seconds', i),
      partialHistory: bool(frame, 'partial_history', i),
      coverage: num(frame, 'coverage', i),
      totalEvents: num(frame, 'total_events', i),
      reasons: reasonsOf(id),
    } satisfies SloSummary;
    if (field(frame, 'fastest_burn_pair')) {
      slo.burnColumns = burnColumns(frame, i);
    }
  }
}

function readBurnRates(frame: DataFrame, get: (id: string) => Slo) {
  const seen = new Set<string>();
  for (let i = 0; i < frame.length; i++) {
    const id = text(frame, 'id', i);
    if (!id) {
      continue;
    }
    const slo = get(id);
    // Several queries of the same SLO: the last table replaces the earlier ones, as the summary does.
    if (!seen.has(id)) {
      seen.add(id);
      slo.burnRates = [];
    }
    slo.burnRates.push({
      severity: text(frame, 'severity', i) === 'page' ? 'page' : 'ticket',
      longWindow: windowText(value(frame, 'long_window', i)),
      shortWindow: windowText(value(frame, 'short_window', i)),
      threshold: num(frame, 'threshold', i),
      longBurn: num(frame, 'long_burn', i),
      shortBurn: num(frame, 'short_burn', i),
      firing: bool(frame, 'firing', i),
      feasible: field(frame, 'feasible') ? bool(frame, 'feasible', i) : true,
    } satisfies BurnRate);
  }
}

/** A burndown frame may hold one SLO (labels {slo}) or several side by side. */
function readBurndown(frame: DataFrame, known: Map<string, Slo>, get: (id: string) => Slo) {
  const time = frame.fields.find((f) => f.type === FieldType.time);
  if (!time) {
    return;
  }
  const only = known.size === 1 ? [...known.keys()][0] : undefined;
  const series = new Map<string, Partial<Record<'remaining' | 'ideal', Field>>>();
  for (const f of frame.fields) {
    if (f.name !== 'remaining' && f.name !== 'ideal') {
      continue;
    }
    const id = f.labels?.slo || only || frame.refId || 'burndown';
    series.set(id, { ...series.get(id), [f.name]: f });
  }
  const times = Array.from(time.values, Number);
  for (const [id, { remaining, ideal }] of series) {
    if (!remaining) {
      continue;
    }
    const slo = get(id);
    const burndown: Burndown = {
      time: times,
      remaining: Array.from(remaining.values, toNumber),
      ideal: ideal ? Array.from(ideal.values, toNumber) : times.map(() => NaN),
    };
    slo.burndown = burndown;
    if (!slo.summary) {
      slo.ratioConfig = remaining.config ?? {};
    }
  }
}

/**
 * The remaining budget ratio the list sorts and colours by: the summary's, else the burndown's
 * last value (which the backend makes equal to it), else NaN.
 */
export function remainingRatio(slo: Slo): number {
  if (slo.summary) {
    return slo.summary.remainingRatio;
  }
  const values = slo.burndown?.remaining ?? [];
  for (let i = values.length - 1; i >= 0; i--) {
    if (Number.isFinite(values[i])) {
      return values[i];
    }
  }
  return NaN;
}

function field(frame: DataFrame, name: string): Field | undefined {
  return frame.fields.find((f) => f.name === name);
}

function value(frame: DataFrame, name: string, i: number): unknown {
  return field(frame, name)?.values[i];
}

function text(frame: DataFrame, name: string, i: number): string {
  const v = value(frame, name, i);
  return v === null || v === undefined ? '' : String(v);
}

/** null (how JSON carries NaN and ±Inf when the entities are lost) and missing fields are NaN. */
function num(frame: DataFrame, name: string, i: number): number {
  return toNumber(value(frame, name, i));
}

function toNumber(v: unknown): number {
  if (typeof v === 'number') {
    return v;
  }
  if (typeof v === 'string' && v.trim() !== '') {
    // Some encoders write the specials as strings.
    const special: Record<string, number> = { '+Inf': Infinity, Inf: Infinity, '-Inf': -Infinity, NaN: NaN };
    return v in special ? special[v] : Number(v);
  }
  return NaN;
}

function bool(frame: DataFrame, name: string, i: number): boolean {
  const v = value(frame, name, i);
  return v === true || v === 1 || v === 'true';
}

/** The all-SLOs summary's fastest_burn, fastest_burn_threshold, fastest_burn_pair and firing. */
function burnColumns(frame: DataFrame, i: number): Slo['burnColumns'] {
  const pair = text(frame, 'fastest_burn_pair', i);
  const firing = text(frame, 'firing', i);
  return {
    fastest: pair
      ? {
          burn: num(frame, 'fastest_burn', i),
          threshold: num(frame, 'fastest_burn_threshold', i),
          severity: pair.startsWith('page') ? 'page' : 'ticket',
          pair,
        }
      : undefined,
    firing: firing ? firing.split(', ') : [],
  };
}

function sliKind(v: string): { kind?: SliKind } {
  return v === 'ratio' || v === 'latency' || v === 'availability' ? { kind: v } : {};
}

function unit(v: string): BudgetUnit {
  return v === 'seconds' ? 'seconds' : 'events';
}

/** The backend's state; without one (older frames), what the remaining budget alone says. */
function state(v: string, ratio: number): SloState {
  if ((SLO_STATES as readonly string[]).includes(v)) {
    return v as SloState;
  }
  if (Number.isNaN(ratio)) {
    return 'no_data';
  }
  return ratio < 0 ? 'breaching' : ratio < 0.25 ? 'warning' : 'ok';
}

/** Windows come as Prometheus durations ("30d") or as seconds. */
function windowText(v: unknown): string {
  if (typeof v === 'number') {
    return formatWindow(v);
  }
  return v === null || v === undefined ? '' : String(v);
}
