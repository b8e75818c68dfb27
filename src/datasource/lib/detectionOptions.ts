/*
 * Options of the anomaly, trend and forecast query kinds: their defaults, which ones each kind
 * shows, what the editor refuses before the backend would (pkg/models/detection.go), and the
 * one-line summary of the collapsed Options group. No React here.
 */
import type { SelectableValue } from '@grafana/data';

import type {
  AnomalyQuery,
  DetectionMethod,
  DetectionOptions,
  DetectionOutput,
  DetectionQuery,
  Direction,
  ForecastQuery,
  TrendQuery,
} from '../types';
import { parseDurationMs, positiveDurationError } from './duration';
import { hasVariable } from './templating';

type DetectionType = DetectionQuery['queryType'];

/** Every option field of a detection query. */
export type OptionField = keyof DetectionOptions | Exclude<keyof TrendQuery | keyof ForecastQuery, keyof AnomalyQuery>;

/** The backend's defaults, shown as placeholders; a field the user leaves empty is not sent. */
export const DETECTION_DEFAULTS = {
  method: 'zscore',
  window: '1h',
  threshold: 5,
  direction: 'both',
  minDeviation: 0,
  persistence: '2/3',
  season: '1d',
  seasons: 3,
  detectorStep: '1m',
  output: 'bands',
  trendWindow: '1h',
  ratioThreshold: 0.5,
  forecastMethod: 'linear',
  horizon: '6h',
  level: 0.95,
} as const;

/** Holt-Winters' default anomaly threshold (models.AnomalyDefaults), in deviations of its one-step errors. */
export const HOLTWINTERS_THRESHOLD = 4;

/** A forecast's default band threshold (detect.DefaultThreshold), for its Holt-Winters band over the training history. */
export const FORECAST_THRESHOLD = 3;

/** The threshold the backend applies when the query leaves it unset. */
export function defaultThreshold(method: DetectionMethod | undefined): number {
  return method === 'holtwinters' ? HOLTWINTERS_THRESHOLD : DETECTION_DEFAULTS.threshold;
}

/** The most history a detection query may fetch (models.MaxHistory). */
const MAX_HISTORY_MS = 35 * 86_400_000;

export const METHOD_OPTIONS: Array<SelectableValue<DetectionMethod>> = [
  { value: 'zscore', label: 'Z-score', description: 'Rolling mean ± threshold × standard deviation.' },
  {
    value: 'robust',
    label: 'Robust',
    description: 'Rolling median ± threshold × scaled MAD; outliers barely move it.',
  },
  { value: 'ewma', label: 'EWMA', description: 'Exponentially weighted mean and deviation; follows slow drifts.' },
  {
    value: 'seasonal',
    label: 'Seasonal',
    description: 'Median of the same moment in past seasons, with a robust band.',
  },
  { value: 'holtwinters', label: 'Holt-Winters', description: 'Additive level, trend and season ± the deviation of its one-step errors.' },
];

export const DIRECTION_OPTIONS: Array<SelectableValue<Direction>> = [
  { value: 'both', label: 'Both', description: 'Above or below the band.' },
  { value: 'up', label: 'Up', description: 'Above the band only.' },
  { value: 'down', label: 'Down', description: 'Below the band only.' },
];

const BANDS = { value: 'bands', label: 'Bands' } as const;
const OUTPUTS: Record<DetectionType, Array<SelectableValue<DetectionOutput>>> = {
  anomaly: [
    { ...BANDS, description: 'Value, expected value, band and score, for panels.' },
    { value: 'score', label: 'Score', description: 'For alert rules: query → Reduce (last) → Threshold > 1.' },
    { value: 'events', label: 'Events', description: 'One row per anomaly, for annotations and tables.' },
  ],
  trend: [
    { ...BANDS, description: 'Value and fitted trend, with a table of the window comparison, for panels.' },
    { value: 'score', label: 'Score', description: "For alert rules: the effect size (Cohen's d) per series." },
    { value: 'events', label: 'Events', description: 'One row per level shift, for annotations and tables.' },
  ],
  // The backend has no events for forecasts: it would answer with bands.
  forecast: [
    { ...BANDS, description: 'Value and forecast with its prediction interval, for panels.' },
    {
      value: 'score',
      label: 'Score',
      description: 'For alert rules: seconds until the forecast reaches the threshold.',
    },
  ],
};

export function outputOptions(queryType: DetectionType): Array<SelectableValue<DetectionOutput>> {
  return OUTPUTS[queryType];
}

/** Whether a method learns a season, and so reads `season` and `seasons`. */
export function usesSeason(method: DetectionMethod | undefined): boolean {
  return method === 'seasonal' || method === 'holtwinters';
}

/**
 * The fields each kind shows: those its backend handler reads (pkg/plugin/anomaly.go, trend.go,
 * forecast.go). Trend reads the window as the baseline of its level-shift detector.
 */
const FIELDS: Record<DetectionType, readonly OptionField[]> = {
  anomaly: ['method', 'window', 'threshold', 'direction', 'season', 'seasons', 'minDeviation', 'persistence'],
  trend: ['trendWindow', 'ratioThreshold', 'window'],
  forecast: ['forecastMethod', 'horizon', 'training', 'forecastThreshold', 'level'],
};
const COMMON: readonly OptionField[] = ['detectorStep', 'output'];

export function visibleFields(query: DetectionQuery): Set<OptionField> {
  const fields = [...FIELDS[query.queryType], ...COMMON];
  const seasonal = query.queryType === 'anomaly' && usesSeason(query.method);
  return new Set(fields.filter((f) => seasonal || (f !== 'season' && f !== 'seasons')));
}

/** The query with one option set, or removed when empty so that the backend's default applies. */
export function setOption<Q extends DetectionQuery, K extends keyof Q & OptionField>(
  query: Q,
  key: K,
  value: Q[K] | undefined
): Q {
  const next = { ...query };
  if (value === undefined || value === '') {
    delete next[key];
  } else {
    next[key] = value;
  }
  return next;
}

/** A new method; season options go when the method no longer reads them, so they cannot linger unseen. */
export function withMethod<Q extends DetectionQuery>(query: Q, method: DetectionMethod): Q {
  const next = { ...query, method };
  if (!usesSeason(method)) {
    delete next.season;
    delete next.seasons;
  }
  return next;
}

export interface ParsedNumber {
  value?: number;
  error?: string;
}

/** The number in a text field: empty is unset; anything else must be a plain decimal number. */
export function parseNumberText(text: string): ParsedNumber {
  const s = text.trim();
  if (s === '') {
    return {};
  }
  const value = Number(s);
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s) || !Number.isFinite(value)) {
    return { error: 'Enter a number such as 2.5.' };
  }
  return { value };
}

type Errors = Partial<Record<OptionField, string>>;

const NUMBER_RULES: Partial<Record<OptionField, [(n: number) => boolean, string]>> = {
  threshold: [(n) => n > 0, 'Enter a number greater than 0.'],
  ratioThreshold: [(n) => n > 0, 'Enter a number greater than 0.'],
  minDeviation: [(n) => n >= 0, 'Enter a number of 0 or more.'],
  seasons: [(n) => Number.isInteger(n) && n >= 1, 'Enter a whole number of 1 or more.'],
  forecastThreshold: [Number.isFinite, 'Enter a number.'],
  level: [(n) => n > 0 && n < 1, 'Enter a level between 0 and 1, such as 0.95.'],
};
const DURATIONS: OptionField[] = ['window', 'season', 'detectorStep', 'trendWindow', 'horizon', 'training'];

/**
 * Why the shown options would be refused, by field; empty when the query can run. Durations that
 * hold a variable are checked by the backend once resolved.
 */
export function detectionErrors(query: DetectionQuery): Errors {
  const shown = visibleFields(query);
  const fields = query as Partial<Record<OptionField, string | number>>;
  const errors: Errors = {};
  for (const field of shown) {
    const value = fields[field];
    const rule = NUMBER_RULES[field];
    if (rule && typeof value === 'number' && !rule[0](value)) {
      errors[field] = rule[1];
    } else if (DURATIONS.includes(field) && typeof value === 'string') {
      errors[field] = positiveDurationError(value);
    }
  }
  if (shown.has('persistence') && query.queryType === 'anomaly' && query.persistence !== undefined) {
    errors.persistence = persistenceError(query.persistence);
  }
  if (query.queryType === 'forecast' && query.output === 'score' && query.forecastThreshold === undefined) {
    errors.forecastThreshold ??= 'Set a threshold: the score is the time until the forecast reaches it.';
  }
  checkSpans(query, shown, errors);
  return Object.fromEntries(Object.entries(errors).filter(([, e]) => e !== undefined));
}

/** The checks that relate durations to the detector step and to the history a query may fetch. */
function checkSpans(query: DetectionQuery, shown: Set<OptionField>, errors: Errors) {
  const ms = (field: OptionField, fallback?: string) => {
    const text = (query as Partial<Record<OptionField, string>>)[field] ?? fallback;
    return text === undefined || errors[field] || hasVariable(text) ? undefined : parseDurationMs(text);
  };
  const step = ms('detectorStep', DETECTION_DEFAULTS.detectorStep);
  const window = ms('window', DETECTION_DEFAULTS.window);
  if (step !== undefined && window !== undefined && Math.floor(window / step) < 2) {
    // The backend checks the window of every kind, even one that does not show it.
    if (shown.has('window')) {
      errors.window ??= 'The window must cover at least 2 detector steps.';
    } else {
      errors.detectorStep ??= `The detector step must be at most half the ${DETECTION_DEFAULTS.window} window.`;
    }
  }
  const trendWindow = ms('trendWindow', DETECTION_DEFAULTS.trendWindow);
  if (shown.has('trendWindow') && step !== undefined && trendWindow !== undefined && trendWindow < 2 * step) {
    errors.trendWindow ??= 'The trend window must cover at least 2 detector steps.';
  }
  const season = ms('season', DETECTION_DEFAULTS.season);
  if (shown.has('season') && step !== undefined && season !== undefined) {
    const seasons = query.queryType === 'anomaly' ? (query.seasons ?? DETECTION_DEFAULTS.seasons) : 0;
    if (Math.floor(season / step) < 2) {
      errors.season ??= 'A season must cover at least 2 detector steps.';
    } else if (window !== undefined && window + seasons * season > MAX_HISTORY_MS) {
      errors.season ??= 'The window plus the seasons must fit in the 35d of history a query may fetch.';
    }
  } else if (shown.has('window') && window !== undefined && window > MAX_HISTORY_MS) {
    errors.window ??= 'The window must fit in the 35d of history a query may fetch.';
  }
  for (const field of ['horizon', 'training'] as const) {
    const span = ms(field);
    if (shown.has(field) && span !== undefined && span > MAX_HISTORY_MS) {
      errors[field] ??= 'At most 35d.';
    }
  }
}

/** Error for a `k/n` persistence, or undefined when it reads as 1 ≤ k ≤ n. */
export function persistenceError(text: string): string | undefined {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const [k, n] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
  return k >= 1 && n >= k ? undefined : 'Enter k/n with 1 ≤ k ≤ n, such as 2/3.';
}

/** What the options do, in a line: `robust · 1h · 5σ · both · 2/3` for an anomaly query. */
export function detectionSummary(query: DetectionQuery): string {
  const d = DETECTION_DEFAULTS;
  switch (query.queryType) {
    case 'anomaly': {
      const parts = [
        query.method ?? d.method,
        query.window ?? d.window,
        `${query.threshold ?? defaultThreshold(query.method)}σ`,
      ];
      parts.push(query.direction ?? d.direction);
      if (usesSeason(query.method)) {
        parts.push(`${query.seasons ?? d.seasons} × ${query.season ?? d.season}`);
      }
      parts.push(query.persistence || d.persistence);
      return parts.join(' · ');
    }
    case 'trend': {
      const window = query.trendWindow ?? d.trendWindow;
      return `last ${window} vs the ${window} before · ratio ${query.ratioThreshold ?? d.ratioThreshold}`;
    }
    case 'forecast': {
      const level = Math.round((query.level ?? d.level) * 1000) / 10;
      const parts = [query.forecastMethod ?? d.forecastMethod, `${query.horizon ?? d.horizon} ahead`, `${level}%`];
      if (query.forecastThreshold !== undefined) {
        parts.push(`until ${query.forecastThreshold}`);
      }
      return parts.join(' · ');
    }
  }
}

/** The collapsed Options group's line: the summary, then output and step. */
export function optionsSummary(query: DetectionQuery): string[] {
  const d = DETECTION_DEFAULTS;
  return [
    detectionSummary(query),
    `Output: ${query.output ?? d.output}`,
    `Step: ${query.detectorStep ?? d.detectorStep}`,
  ];
}
