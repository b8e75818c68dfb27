/*
 * The SLO catalog's rules, mirrored from pkg/slo (SLO.Validate, SLI.Validate, Window.Validate,
 * Catalog.Validate) so the editors explain a problem before the backend refuses the settings or
 * the query; the backend validates again. Also how an SLO reads on screen. No React here.
 */
import type { CalendarUnit, InlineSLO, SLI, SLIKind, SLO, SLOWindow } from '../types';
import { formatSLODuration, parseSLODurationMs, SLO_DURATION_ERROR } from './duration';
import { complementPercentText, ratioToPercentText, timeZoneError } from './sloValues';

/** What a problem is reported against: a field of the SLO, of its SLI or of its window. */
export type SLOField =
  | 'id'
  | 'objective'
  | 'window'
  | 'timeZone'
  | 'kind'
  | 'good'
  | 'bad'
  | 'total'
  | 'histogram'
  | 'threshold'
  | 'selector'
  | 'expr'
  | 'gaps'
  | 'labels'
  | 'minEvents'
  | 'violationFor'
  | 'violationWindow';

export type SLOProblems = Partial<Record<SLOField, string>>;

/**
 * The highest objective the backend accepts (pkg/slo MaxObjective, five nines): closer to 1 the
 * budget is shorter than one scrape over 30 days. testdata/slo-limits.json keeps the two equal.
 */
export const MAX_OBJECTIVE = 0.99999;

const DAY_MS = 86_400_000;
/** The fixed period the burn-rate pairs of a calendar SLO are scaled by (Window.Nominal). */
export const CALENDAR_NOMINAL_MS: Record<CalendarUnit, number> = {
  week: 7 * DAY_MS,
  month: 30 * DAY_MS,
  quarter: 90 * DAY_MS,
};
const CALENDAR_UNITS = Object.keys(CALENDAR_NOMINAL_MS);

export type ReadWindow =
  | { kind: 'rolling'; duration: string; ms?: number }
  | { kind: 'calendar'; unit: string; timeZone: string }
  | { kind: 'invalid' };

/**
 * A window as Window.UnmarshalJSON reads it: a bare string is a rolling duration; an object
 * without kind is calendar when it has a unit. `ms` is unset when the duration does not parse.
 */
export function readWindow(window: SLOWindow | undefined): ReadWindow {
  const rolling = (duration: string) => ({ kind: 'rolling' as const, duration, ms: parseSLODurationMs(duration) });
  if (typeof window === 'string') {
    return rolling(window);
  }
  if (typeof window !== 'object' || window === null) {
    return { kind: 'invalid' };
  }
  const raw = window as { kind?: string; duration?: string; unit?: string; timeZone?: string };
  const kind = raw.kind || (raw.unit ? 'calendar' : 'rolling');
  if (kind === 'rolling') {
    return rolling(raw.duration ?? '');
  }
  return kind === 'calendar' ? { kind, unit: raw.unit ?? '', timeZone: raw.timeZone ?? '' } : { kind: 'invalid' };
}

/** The period the burn-rate pairs are scaled by: the rolling duration, or 7d, 30d, 90d. */
export function nominalWindowMs(window: SLOWindow | undefined): number | undefined {
  const w = readWindow(window);
  if (w.kind === 'rolling') {
    return w.ms;
  }
  return w.kind === 'calendar' ? CALENDAR_NOMINAL_MS[w.unit as CalendarUnit] : undefined;
}

/** `30d`, `calendar month`, `calendar month (Europe/Paris)`, as the backend's frames label it. */
export function windowLabel(window: SLOWindow | undefined): string {
  const w = readWindow(window);
  switch (w.kind) {
    case 'rolling':
      return w.ms === undefined ? w.duration : formatSLODuration(w.ms);
    case 'calendar':
      return w.timeZone && w.timeZone !== 'UTC' ? `calendar ${w.unit} (${w.timeZone})` : `calendar ${w.unit}`;
    case 'invalid':
      return '?';
  }
}

export const SLI_KIND_LABELS: Record<SLIKind, string> = {
  ratio: 'Ratio',
  latency: 'Latency',
  availability: 'Availability',
};

/** `Checkout latency`, or the id when the SLO has no name. */
export function sloTitle(slo: InlineSLO): string {
  return slo.name || slo.id || 'inline';
}

/** `99.9%`; `?` for an objective that is not a number. */
export function objectiveLabel(objective: number): string {
  return Number.isFinite(objective) ? `${ratioToPercentText(objective)}%` : '?';
}

/** `99.9% · 30d · availability`: what the picker shows under an SLO's name. */
export function sloSummary(slo: InlineSLO): string {
  return [objectiveLabel(slo.objective), windowLabel(slo.window), slo.sli?.kind].filter(Boolean).join(' · ');
}

/**
 * The budget in absolute terms: `43m12s of downtime per 30d` for an availability SLI, `0.1% of
 * events per 30d` for the others; undefined while objective or window is unusable.
 */
export function budgetLabel(slo: Pick<InlineSLO, 'objective' | 'window' | 'sli'>): string | undefined {
  const nominal = nominalWindowMs(slo.window);
  if (!(slo.objective > 0 && slo.objective < 1) || !nominal) {
    return undefined;
  }
  const w = readWindow(slo.window);
  const per = w.kind === 'calendar' ? `${w.unit} (${formatSLODuration(nominal)} nominal)` : formatSLODuration(nominal);
  if (slo.sli?.kind === 'availability') {
    return `${formatSLODuration((1 - slo.objective) * nominal)} of downtime per ${per}`;
  }
  return `${complementPercentText(slo.objective)}% of events per ${per}`;
}

/** A slug, as isSlug: 1–63 of [a-z0-9-], starting and ending with a letter or digit. */
export function isSlug(id: string): boolean {
  return /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(id);
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export function labelNameError(name: string): string | undefined {
  return LABEL_NAME.test(name)
    ? undefined
    : `“${name}” is not a label name: use letters, digits and _, not first a digit.`;
}

const blank = (text: string | undefined) => (text ?? '').trim() === '';

export interface ValidateOptions {
  /** Catalog entries need an id; an inline SLO without one is named `inline` by the backend. */
  requireId?: boolean;
}

/** Why the backend would refuse the SLO, by field; empty when it would accept it. */
export function validateSLO(slo: InlineSLO, { requireId = true }: ValidateOptions = {}): SLOProblems {
  const problems: SLOProblems = {};
  const id = slo.id ?? '';
  if (id === '' && requireId) {
    problems.id = 'Enter an id, such as checkout-latency.';
  } else if (id !== '' && !isSlug(id)) {
    problems.id =
      'Use 1 to 63 lower-case letters, digits and hyphens, starting and ending with a letter or digit, such as checkout-latency.';
  }
  if (!(typeof slo.objective === 'number' && slo.objective > 0 && slo.objective < 1)) {
    problems.objective = 'Enter a percentage between 0 and 100, both excluded, such as 99.9.';
  } else if (slo.objective > MAX_OBJECTIVE) {
    problems.objective = 'Enter at most 99.999: above five nines the error budget is too small to measure.';
  }
  Object.assign(problems, windowProblems(slo.window), sliProblems(slo.sli));
  const badLabel = Object.keys(slo.labels ?? {}).find((name) => labelNameError(name));
  if (badLabel !== undefined) {
    problems.labels = labelNameError(badLabel);
  }
  if (slo.minEvents !== undefined && !(slo.minEvents >= 0 && Number.isFinite(slo.minEvents))) {
    problems.minEvents = 'Enter a number of events of 0 or more.';
  }
  const nominal = nominalWindowMs(slo.window);
  for (const field of ['violationFor', 'violationWindow'] as const) {
    const text = slo[field];
    const ms = text ? parseSLODurationMs(text) : 0;
    if (ms === undefined) {
      problems[field] = SLO_DURATION_ERROR;
    } else if (nominal && ms >= nominal) {
      problems[field] = `Must be shorter than the ${formatSLODuration(nominal)} window.`;
    }
  }
  return problems;
}

function windowProblems(window: SLOWindow | undefined): SLOProblems {
  const w = readWindow(window);
  switch (w.kind) {
    case 'rolling':
      if (w.ms === undefined) {
        return { window: w.duration === '' ? 'Enter a duration such as 30d.' : SLO_DURATION_ERROR };
      }
      return w.ms > 0 ? {} : { window: 'The window must be longer than 0s.' };
    case 'calendar': {
      const problems: SLOProblems = {};
      if (!CALENDAR_UNITS.includes(w.unit)) {
        problems.window = 'Choose a week, a month or a quarter.';
      }
      const tz = timeZoneError(w.timeZone);
      if (tz) {
        problems.timeZone = tz;
      }
      return problems;
    }
    case 'invalid':
      return { window: 'Choose a rolling or a calendar window.' };
  }
}

/** Fields of each kind; the backend refuses a field of another kind. */
const SLI_FIELDS: Record<SLIKind, Array<keyof SLI>> = {
  ratio: ['good', 'bad', 'total'],
  latency: ['histogram', 'threshold', 'selector'],
  availability: ['expr', 'gaps'],
};

function sliProblems(sli: SLI | undefined): SLOProblems {
  const kind = sli?.kind;
  if (!sli || !kind || !(kind in SLI_FIELDS)) {
    return { kind: 'Choose ratio, latency or availability.' };
  }
  const problems: SLOProblems = {};
  const foreign = (Object.keys(SLI_FIELDS) as SLIKind[])
    .filter((other) => other !== kind)
    .flatMap((other) => SLI_FIELDS[other])
    .filter((field) => sli[field] !== undefined && sli[field] !== '' && sli[field] !== 0);
  if (foreign.length > 0) {
    problems.kind = `A ${kind} SLI does not take ${foreign.join(', ')}.`;
  }
  switch (kind) {
    case 'ratio':
      if (blank(sli.total)) {
        problems.total = 'Enter the PromQL of all events.';
      }
      if (blank(sli.good) && blank(sli.bad)) {
        problems.good = 'Enter the PromQL of the good events, or of the bad ones.';
      } else if (!blank(sli.good) && !blank(sli.bad)) {
        problems.bad = 'Set the good events or the bad ones, not both.';
      }
      break;
    case 'latency': {
      const name = sli.histogram ?? '';
      const suffix = ['_bucket', '_count', '_sum'].find((s) => name.endsWith(s));
      if (!METRIC_NAME.test(name)) {
        problems.histogram = 'Enter the metric name of a histogram, such as http_request_duration_seconds.';
      } else if (suffix) {
        problems.histogram = `Enter the histogram’s base name, without ${suffix}.`;
      }
      if (!(typeof sli.threshold === 'number' && sli.threshold > 0 && Number.isFinite(sli.threshold))) {
        problems.threshold = 'Enter a positive number of seconds, such as 0.2.';
      }
      const selector = (sli.selector ?? '').trim();
      if (selector !== '' && !(selector.startsWith('{') && selector.endsWith('}'))) {
        problems.selector = 'Enter label matchers in braces, such as {job="api"}, or nothing.';
      }
      break;
    }
    case 'availability':
      if (blank(sli.expr)) {
        problems.expr = 'Enter the PromQL of a 0/1 series, such as up{job="api"}.';
      }
      if (sli.gaps !== 'down' && sli.gaps !== 'ignore') {
        problems.gaps = 'Choose how gaps in the series count.';
      }
      break;
  }
  return problems;
}

/** The problems of every entry, with duplicate ids reported on the later entry (Catalog.Validate). */
export function validateCatalog(slos: SLO[]): SLOProblems[] {
  const seen = new Map<string, number>();
  return slos.map((slo, i) => {
    const problems = validateSLO(slo);
    const first = seen.get(slo.id);
    if (first !== undefined && slo.id !== '') {
      problems.id ??= `SLO ${first + 1} already has the id “${slo.id}”.`;
    } else {
      seen.set(slo.id, i);
    }
    return problems;
  });
}

export function hasProblems(problems: SLOProblems): boolean {
  return Object.keys(problems).length > 0;
}
