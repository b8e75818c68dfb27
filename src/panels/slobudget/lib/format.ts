import type { SloSummary } from './model';

/** No-break space: keeps "99.9 %" and "43m 12s" on one line. */
const NBSP = '\u00a0';

const UNITS: Array<[string, number]> = [
  ['d', 86400],
  ['h', 3600],
  ['m', 60],
  ['s', 1],
];

/**
 * A duration in its two largest units, rounded to the smaller one: 2592 → "43m 12s",
 * 11399 → "3h 10m", 86400 → "1d", 0.4 → "< 1s". Negative durations are formatted by magnitude.
 */
export function formatDuration(seconds: number): string {
  const abs = Math.abs(seconds);
  if (!Number.isFinite(abs)) {
    return '∞';
  }
  if (abs > 0 && abs < 0.5) {
    return `<${NBSP}1s`;
  }
  if (Math.round(abs) === 0) {
    return '0s';
  }
  const unitOf = (t: number) => UNITS.findIndex(([, size]) => t >= size);
  // Round to the second unit; that may carry into a larger first unit (3599.6 s → 1h).
  const second = UNITS[Math.min(unitOf(Math.round(abs)) + 1, UNITS.length - 1)][1];
  const total = Math.round(abs / second) * second;
  const first = unitOf(total);
  const [name, size] = UNITS[first];
  const parts = [`${Math.floor(total / size)}${name}`];
  if (first + 1 < UNITS.length) {
    const [nextName, nextSize] = UNITS[first + 1];
    const rest = Math.round((total % size) / nextSize);
    if (rest > 0) {
      parts.push(`${rest}${nextName}`);
    }
  }
  return parts.join(NBSP);
}

/** A window length in seconds as the backend writes it: 2592000 → "30d", 5400 → "90m". */
export function formatWindow(seconds: number): string {
  for (const [name, size] of UNITS) {
    if (seconds >= size && seconds % size === 0) {
      return `${seconds / size}${name}`;
    }
  }
  return `${seconds}s`;
}

const counts = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const smallCounts = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** An event count with thousands separators; one decimal below 10 (budgets are extrapolated, so fractional). */
export function formatCount(n: number): string {
  return (Math.abs(n) < 10 ? smallCounts : counts).format(n);
}

/** A ratio as a percentage with up to `maxDecimals` decimals, trailing zeros dropped: 0.999 → "99.9 %". */
export function formatPercent(ratio: number, maxDecimals = 3): string {
  const fixed = (ratio * 100).toFixed(maxDecimals);
  return `${maxDecimals > 0 ? fixed.replace(/\.?0+$/, '') : fixed}${NBSP}%`;
}

/**
 * "99.93 % vs 99.9 %": the SLI with one decimal more than the objective (at least two), and
 * more when rounding would make an SLI below the objective look equal to it.
 */
export function formatSliVsObjective(sli: number, objective: number): string {
  const objectiveText = formatPercent(objective, 4);
  if (!Number.isFinite(sli)) {
    return `no SLI vs ${objectiveText}`;
  }
  const objectiveDecimals = (objectiveText.split(NBSP)[0].split('.')[1] ?? '').length;
  let decimals = Math.max(2, objectiveDecimals + 1);
  while (decimals < 6 && sli !== objective && round(sli, decimals) === round(objective, decimals)) {
    decimals++;
  }
  return `${(sli * 100).toFixed(decimals)}${NBSP}% vs ${objectiveText}`;
}

function round(ratio: number, decimals: number): string {
  return (ratio * 100).toFixed(decimals);
}

type BudgetFigures = Pick<SloSummary, 'remaining' | 'allowed' | 'unit' | 'kind'>;

/**
 * What the budget counts, by SLI kind: a latency SLO's bad events are slow requests, a ratio
 * SLO's are errors, an availability SLO's budget is time, counted in bad minutes. Without a kind
 * (older backends), events are errors and time is a duration.
 */
function counted(
  s: Pick<BudgetFigures, 'unit' | 'kind'>
): { amount: (n: number) => string; noun: (text: string) => string } | undefined {
  if (s.unit === 'seconds') {
    return s.kind === 'availability'
      ? { amount: (n) => minutes.format(n / 60), noun: (t) => (t === '1' ? 'bad minute' : 'bad minutes') }
      : undefined;
  }
  const [one, many] = s.kind === 'latency' ? ['slow request', 'slow requests'] : ['error', 'errors'];
  return { amount: formatCount, noun: (t) => (t === '1' ? one : many) };
}

const minutes = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/**
 * The absolute budget: "31m 12s left of 43m 12s", "12,345 of 43,200 errors left", "31.2 of 43.2
 * bad minutes left", "12 of 50 slow requests left", and when overspent "overspent by 4m 3s (43m
 * 12s allowed)" / "overspent by 1,234 errors (43,200 allowed)".
 */
export function formatBudget(s: BudgetFigures): string {
  if (!Number.isFinite(s.remaining) || !Number.isFinite(s.allowed)) {
    return 'no budget: no events in the window';
  }
  const c = counted(s);
  if (c) {
    const allowed = c.amount(s.allowed);
    if (s.remaining < 0) {
      const over = c.amount(-s.remaining);
      return `overspent by ${over} ${c.noun(over)} (${allowed} allowed)`;
    }
    return `${c.amount(s.remaining)} of ${allowed} ${c.noun(allowed)} left`;
  }
  return s.remaining < 0
    ? `overspent by ${formatDuration(s.remaining)} (${formatDuration(s.allowed)} allowed)`
    : `${formatDuration(s.remaining)} left of ${formatDuration(s.allowed)}`;
}

/** The remaining budget alone, for the list: "31m 12s left", "12,345 errors left", "overspent by 4m 3s". */
export function formatRemaining(s: Pick<SloSummary, 'remaining' | 'unit' | 'kind'>): string {
  if (!Number.isFinite(s.remaining)) {
    return 'no budget';
  }
  const c = counted(s);
  const text = c?.amount(Math.abs(s.remaining));
  const amount = c && text !== undefined ? `${text} ${c.noun(text)}` : formatDuration(s.remaining);
  return s.remaining < 0 ? `overspent by ${amount}` : `${amount} left`;
}

/** "budget exhausted in 3h 10m", "not burning", "budget exhausted", or "exhaustion unknown". */
export function formatExhaustion(seconds: number, remaining: number): string {
  if (remaining <= 0 || seconds === 0) {
    return 'budget exhausted';
  }
  if (seconds === Infinity) {
    return 'not burning';
  }
  if (!Number.isFinite(seconds) || seconds < 0) {
    return 'exhaustion unknown';
  }
  return `budget exhausted in ${formatDuration(seconds)}`;
}

/** A burn rate as a multiple of the sustainable rate: "14.4×", "0.52×"; "–" without data. */
export function formatBurn(burn: number): string {
  if (!Number.isFinite(burn)) {
    return '–';
  }
  const digits = burn >= 100 ? 0 : burn >= 10 ? 1 : 2;
  return `${burn.toFixed(digits)}×`;
}

/** A threshold as the backend's table writes it: 14.4 → "14.4×", 6 → "6×". */
export function formatThreshold(threshold: number): string {
  return Number.isFinite(threshold) ? `${Number(threshold.toFixed(2))}×` : '–';
}
