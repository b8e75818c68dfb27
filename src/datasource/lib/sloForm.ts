/*
 * The SLO form's state: every field as text, as typed, so nothing is lost while it is being
 * edited, and the SLO it stands for. Fields of the SLI kinds not chosen are kept in the draft (so
 * switching kinds back and forth loses nothing) but never written. No React here.
 */
import type { CalendarUnit, CalendarWindow, GapPolicy, InlineSLO, RollingWindow, SLI, SLIKind } from '../types';
import { parseNumberText } from './detectionOptions';
import {
  CALENDAR_NOMINAL_MS,
  labelNameError,
  readWindow,
  SLI_KIND_LABELS,
  validateSLO,
  type SLOField,
} from './sloCatalog';
import { parsePercentText, ratioToPercentText } from './sloValues';

export interface LabelRow {
  key: string;
  value: string;
}

export interface SLODraft {
  id: string;
  name: string;
  description: string;
  kind: SLIKind;
  /** Which events a ratio SLI counts beside the total. */
  ratioEvents: 'good' | 'bad';
  good: string;
  bad: string;
  total: string;
  histogram: string;
  /** Seconds, as typed. */
  threshold: string;
  selector: string;
  expr: string;
  gaps: GapPolicy;
  /** Percent, as typed: `99.9`. */
  objective: string;
  windowKind: 'rolling' | 'calendar';
  duration: string;
  unit: CalendarUnit;
  /** Empty is UTC. */
  timeZone: string;
  labels: LabelRow[];
  minEvents: string;
  violationFor: string;
  violationWindow: string;
}

/** Problems by field; `label.2` is the third label row. */
export type DraftErrors = Partial<Record<SLOField | keyof SLODraft | `label.${number}`, string>>;

/** A new SLO: 99.9 % over a rolling 30 days, the most common choice; the SLI is left to the user. */
export const NEW_SLO_DRAFT: SLODraft = {
  id: '',
  name: '',
  description: '',
  kind: 'ratio',
  ratioEvents: 'good',
  good: '',
  bad: '',
  total: '',
  histogram: '',
  threshold: '',
  selector: '',
  expr: '',
  gaps: 'down',
  objective: '99.9',
  windowKind: 'rolling',
  duration: '30d',
  unit: 'month',
  timeZone: '',
  labels: [],
  minEvents: '',
  violationFor: '',
  violationWindow: '',
};

const isUnit = (unit: string): unit is CalendarUnit => unit in CALENDAR_NOMINAL_MS;
const numberText = (n: number | undefined) => (typeof n === 'number' ? String(n) : '');

/** The form's text for an SLO; a new SLO's defaults fill what it lacks. */
export function sloToDraft(slo: InlineSLO | undefined): SLODraft {
  if (!slo) {
    return NEW_SLO_DRAFT;
  }
  const sli: Partial<SLI> = slo.sli ?? {};
  const window = readWindow(slo.window);
  return {
    ...NEW_SLO_DRAFT,
    id: slo.id ?? '',
    name: slo.name ?? '',
    description: slo.description ?? '',
    kind: sli.kind && sli.kind in SLI_KIND_LABELS ? sli.kind : 'ratio',
    ratioEvents: !sli.good && sli.bad ? 'bad' : 'good',
    good: sli.good ?? '',
    bad: sli.bad ?? '',
    total: sli.total ?? '',
    histogram: sli.histogram ?? '',
    threshold: numberText(sli.threshold),
    selector: sli.selector ?? '',
    expr: sli.expr ?? '',
    gaps: sli.gaps === 'ignore' ? 'ignore' : 'down',
    objective: typeof slo.objective === 'number' ? ratioToPercentText(slo.objective) : '',
    ...(window.kind === 'rolling' && { windowKind: 'rolling', duration: window.duration }),
    ...(window.kind === 'calendar' && {
      windowKind: 'calendar',
      unit: isUnit(window.unit) ? window.unit : NEW_SLO_DRAFT.unit,
      timeZone: window.timeZone,
    }),
    labels: Object.entries(slo.labels ?? {}).map(([key, value]) => ({ key, value })),
    minEvents: numberText(slo.minEvents),
    violationFor: slo.violationFor ?? '',
    violationWindow: slo.violationWindow ?? '',
  };
}

export interface DraftOptions {
  /** Catalog entries need an id; inline SLOs do not. */
  requireId?: boolean;
  /** Ids of the other catalog entries. */
  takenIds?: string[];
}

export interface ParsedDraft {
  /** The SLO the draft stands for; unset while a number field holds something that is not a number. */
  slo?: InlineSLO;
  /** Empty when the backend would accept the SLO. */
  errors: DraftErrors;
}

/** The draft read as an SLO, with every reason the backend would refuse it. */
export function parseDraft(draft: SLODraft, { requireId = true, takenIds = [] }: DraftOptions = {}): ParsedDraft {
  const objective = parsePercentText(draft.objective);
  const threshold = draft.kind === 'latency' ? parseNumberText(draft.threshold) : {};
  const minEvents = parseNumberText(draft.minEvents);
  const { labels, errors: labelErrors } = parseLabels(draft.labels);
  const slo = buildSLO(draft, objective.value ?? NaN, threshold.value, minEvents.value, labels);

  const errors: DraftErrors = validateSLO(slo, { requireId });
  if (Object.keys(labelErrors).length > 0) {
    delete errors.labels;
  }
  Object.assign(errors, labelErrors);
  if (slo.id !== undefined && takenIds.includes(slo.id)) {
    errors.id ??= `Another SLO already has the id “${slo.id}”.`;
  }
  const parseErrors = {
    objective: objective.error,
    threshold: threshold.error && 'Enter a number of seconds, such as 0.2.',
    minEvents: minEvents.error && 'Enter a number of events, such as 100.',
  };
  let parsed = true;
  for (const [field, error] of Object.entries(parseErrors)) {
    if (error) {
      errors[field as SLOField] = error;
      parsed = false;
    }
  }
  return parsed ? { slo, errors } : { errors };
}

function parseLabels(rows: LabelRow[]): { labels: Record<string, string>; errors: DraftErrors } {
  const labels: Record<string, string> = {};
  const errors: DraftErrors = {};
  rows.forEach(({ key, value }, i) => {
    const name = key.trim();
    if (name === '' && value === '') {
      return; // a row just added
    }
    const error =
      name === ''
        ? 'Enter a label name.'
        : (labelNameError(name) ?? (name in labels ? 'Another label has this name.' : undefined));
    if (error) {
      errors[`label.${i}`] = error;
    } else {
      labels[name] = value;
    }
  });
  return { labels, errors };
}

/** The window the draft stands for; an empty time zone is left out (UTC). */
export function draftWindow(draft: SLODraft): RollingWindow | CalendarWindow {
  const timeZone = draft.timeZone.trim();
  return draft.windowKind === 'rolling'
    ? { kind: 'rolling', duration: draft.duration.trim() }
    : { kind: 'calendar', unit: draft.unit, ...(timeZone && { timeZone }) };
}

function buildSLO(
  draft: SLODraft,
  objective: number,
  threshold: number | undefined,
  minEvents: number | undefined,
  labels: Record<string, string>
): InlineSLO {
  const text = (value: string) => value.trim() || undefined;
  const fields = <T extends object>(values: T) =>
    Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
  const sli: SLI = { kind: draft.kind };
  switch (draft.kind) {
    case 'ratio':
      Object.assign(sli, fields({ [draft.ratioEvents]: text(draft[draft.ratioEvents]), total: text(draft.total) }));
      break;
    case 'latency':
      Object.assign(sli, fields({ histogram: text(draft.histogram), threshold, selector: text(draft.selector) }));
      break;
    case 'availability':
      Object.assign(sli, fields({ expr: text(draft.expr), gaps: draft.gaps }));
      break;
  }
  return {
    ...fields({ id: text(draft.id), name: text(draft.name), description: text(draft.description) }),
    sli,
    objective,
    window: draftWindow(draft),
    ...(Object.keys(labels).length > 0 && { labels }),
    ...fields({ minEvents, violationFor: text(draft.violationFor), violationWindow: text(draft.violationWindow) }),
  };
}

/** The draft fields each problem comes from, where they are not the field of the same name. */
const SOURCES: Partial<Record<SLOField, Array<keyof SLODraft>>> = {
  window: ['windowKind', 'duration', 'unit'],
  good: ['ratioEvents', 'good', 'bad'],
  bad: ['ratioEvents', 'good', 'bad'],
};

/**
 * The problems of the fields the user has changed from `initial`: a new SLO does not open
 * covered in "Enter …" messages. Once the user tries to apply it, show them all.
 */
export function changedFieldErrors(errors: DraftErrors, draft: SLODraft, initial: SLODraft): DraftErrors {
  const changed = (field: keyof SLODraft) => JSON.stringify(draft[field]) !== JSON.stringify(initial[field]);
  return Object.fromEntries(
    Object.entries(errors).filter(([key]) => {
      const field = key.startsWith('label.') ? 'labels' : (key as SLOField);
      const sources = SOURCES[field as SLOField] ?? [field as keyof SLODraft];
      return sources.some(changed);
    })
  );
}
