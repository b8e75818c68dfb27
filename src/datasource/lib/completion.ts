/**
 * Completion for a PromQL text field, decided from the text and the cursor alone: which
 * resource to fetch, the prefix to filter it by, and the span the chosen item replaces.
 */

/** A call to one of the datasource's resources (see DataSource.metricNames and friends). */
export type ResourceRequest =
  | { resource: 'metrics' }
  | { resource: 'labels'; match?: string }
  | { resource: 'label-values'; label: string; match?: string };

type Quote = '"' | "'" | '`';

export type Completion =
  | { kind: 'metric'; fetch: ResourceRequest; prefix: string; from: number; to: number }
  | { kind: 'label-name'; fetch: ResourceRequest; prefix: string; from: number; to: number }
  | {
      kind: 'label-value';
      fetch: ResourceRequest;
      prefix: string;
      from: number;
      to: number;
      /** Quote of the string the value is typed in; undefined when no quote is open yet. */
      quote?: Quote;
    };

interface Open {
  char: '{' | '(' | '[';
  pos: number;
  /** For `{`: the metric name right before it. For `(`: whether it holds label names (`by (…)`). */
  metric?: string;
  labelList?: boolean;
}

const LABEL_LIST_KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);
const KEYWORDS = new Set([...LABEL_LIST_KEYWORDS, 'and', 'or', 'unless', 'offset', 'bool', 'atan2']);
const CLOSING: Record<string, Open['char']> = { '}': '{', ')': '(', ']': '[' };
const MATCHER_BEFORE = /([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*$/;
const isWordChar = (c: string | undefined) => c !== undefined && /[a-zA-Z0-9_:]/.test(c);

export function completionAt(text: string, cursor: number): Completion | undefined {
  const scan = scanTo(text, cursor);
  if (scan.inComment) {
    return undefined;
  }
  const top = scan.open[scan.open.length - 1];
  if (scan.string) {
    return top?.char === '{' ? labelValueInString(text, cursor, top, scan.string) : undefined;
  }
  if (top?.char === '[') {
    return undefined; // durations
  }

  let from = cursor;
  while (from > 0 && isWordChar(text[from - 1])) {
    from--;
  }
  let to = cursor;
  while (isWordChar(text[to])) {
    to++;
  }
  const prefix = text.slice(from, cursor);
  if (/^[0-9]/.test(prefix) || text[from - 1] === '$') {
    return undefined; // a number, a duration or a dashboard variable
  }

  if (top?.char === '{') {
    return inBraces(text, top, prefix, from, to);
  }
  if (top?.labelList) {
    return isListStart(text, from, top.pos) && !prefix.includes(':')
      ? { kind: 'label-name', fetch: { resource: 'labels' }, prefix, from, to }
      : undefined;
  }
  if (KEYWORDS.has(text.slice(from, to))) {
    return undefined;
  }
  return { kind: 'metric', fetch: { resource: 'metrics' }, prefix, from, to };
}

function inBraces(text: string, brace: Open, prefix: string, from: number, to: number): Completion | undefined {
  const match = brace.metric;
  if (prefix.includes(':')) {
    return undefined;
  }
  if (isListStart(text, from, brace.pos)) {
    return { kind: 'label-name', fetch: { resource: 'labels', match }, prefix, from, to };
  }
  // `{job=|`: a value typed before its quotes; the completion adds them.
  const matcher = MATCHER_BEFORE.exec(text.slice(brace.pos + 1, from));
  if (matcher) {
    return { kind: 'label-value', fetch: { resource: 'label-values', label: matcher[1], match }, prefix, from, to };
  }
  return undefined;
}

function labelValueInString(
  text: string,
  cursor: number,
  brace: Open,
  string: { quote: Quote; pos: number }
): Completion | undefined {
  const matcher = MATCHER_BEFORE.exec(text.slice(brace.pos + 1, string.pos));
  if (!matcher) {
    return undefined;
  }
  let to = cursor;
  while (to < text.length && text[to] !== string.quote && text[to] !== '\n') {
    to++;
  }
  return {
    kind: 'label-value',
    fetch: { resource: 'label-values', label: matcher[1], match: brace.metric },
    prefix: text.slice(string.pos + 1, cursor),
    from: string.pos + 1,
    to,
    quote: string.quote,
  };
}

/** Whether position `from` starts an item of a list opened at `open`: only spaces back to `{`, `(` or `,`. */
function isListStart(text: string, from: number, open: number): boolean {
  let i = from - 1;
  while (i > open && /\s/.test(text[i])) {
    i--;
  }
  return i === open || text[i] === ',';
}

/** The identifier ending right before position `end` (spaces skipped), unless it is a `$variable`. */
function identifierBefore(text: string, end: number): string | undefined {
  let i = end;
  while (i > 0 && /\s/.test(text[i - 1])) {
    i--;
  }
  let start = i;
  while (start > 0 && isWordChar(text[start - 1])) {
    start--;
  }
  const word = text.slice(start, i);
  return word && !/^[0-9]/.test(word) && text[start - 1] !== '$' ? word : undefined;
}

interface Scan {
  open: Open[];
  string?: { quote: Quote; pos: number };
  inComment: boolean;
}

/** Walks the text up to the cursor, tracking open brackets, strings and comments. */
function scanTo(text: string, cursor: number): Scan {
  const open: Open[] = [];
  let string: Scan['string'];
  let inComment = false;
  for (let i = 0; i < cursor; i++) {
    const c = text[i];
    if (inComment) {
      inComment = c !== '\n';
    } else if (string) {
      if (c === '\\' && string.quote !== '`') {
        i++;
      } else if (c === string.quote) {
        string = undefined;
      }
    } else if (c === '"' || c === "'" || c === '`') {
      string = { quote: c, pos: i };
    } else if (c === '#') {
      inComment = true;
    } else if (c === '{') {
      open.push({ char: c, pos: i, metric: identifierBefore(text, i) });
    } else if (c === '(') {
      const keyword = identifierBefore(text, i);
      open.push({ char: c, pos: i, labelList: keyword !== undefined && LABEL_LIST_KEYWORDS.has(keyword) });
    } else if (c === '[') {
      open.push({ char: c, pos: i });
    } else if (CLOSING[c] && open[open.length - 1]?.char === CLOSING[c]) {
      open.pop();
    }
  }
  return { open, string, inComment };
}

/**
 * Items worth showing for a prefix: those starting with it first, then those containing it,
 * ignoring case, in the given order. An item equal to the prefix completes nothing and is left out.
 */
export function filterSuggestions(items: readonly string[], prefix: string, limit = 100): string[] {
  return rank(items, (item) => item, prefix, limit);
}

function rank<T>(items: readonly T[], text: (item: T) => string, prefix: string, limit: number): T[] {
  const p = prefix.toLowerCase();
  const starts: T[] = [];
  const contains: T[] = [];
  for (const item of items) {
    const value = text(item);
    const lower = value.toLowerCase();
    if (value === prefix) {
      continue;
    }
    if (lower.startsWith(p)) {
      starts.push(item);
    } else if (lower.includes(p)) {
      contains.push(item);
    }
  }
  return [...starts, ...contains].slice(0, limit);
}

/** The text with `value` in place of the completion's span, and where the cursor goes next. */
export function applyCompletion(text: string, completion: Completion, value: string): { text: string; cursor: number } {
  let insert = value;
  let to = completion.to;
  if (completion.kind === 'label-value') {
    const quote = completion.quote ?? '"';
    insert = `${escapeForString(value, quote)}${quote}`;
    if (completion.quote === undefined) {
      insert = quote + insert;
    } else if (text[to] === quote) {
      to++; // reuse the closing quote already there
    }
  }
  return { text: text.slice(0, completion.from) + insert + text.slice(to), cursor: completion.from + insert.length };
}

function escapeForString(value: string, quote: Quote): string {
  return quote === '`' ? value : value.replace(/\\/g, '\\\\').replace(new RegExp(quote, 'g'), `\\${quote}`);
}

export interface Suggestion {
  value: string;
  kind: 'function' | 'metric' | 'label' | 'value';
}

const SUGGESTION_KIND = { metric: 'metric', 'label-name': 'label', 'label-value': 'value' } as const;

/**
 * What to list for a completion, given the resource's answer (undefined while it is on its way).
 * Metric positions also offer PromQL functions, which need no request.
 */
export function suggestionsFor(
  completion: Completion,
  answer: readonly string[] | undefined,
  limit = 100
): Suggestion[] {
  const kind = SUGGESTION_KIND[completion.kind];
  const candidates: Suggestion[] = (answer ?? []).map((value) => ({ value, kind }));
  if (completion.kind === 'metric') {
    candidates.unshift(...PROMQL_FUNCTIONS.map((value) => ({ value, kind: 'function' as const })));
  }
  return rank(candidates, (s) => s.value, completion.prefix, limit);
}

/**
 * Whether the list should open by itself while typing. Label names and values open as soon as
 * their position is reached; metric names once a letter is typed, since a list of every metric
 * at each space would be noise (Ctrl+Space still opens it).
 */
export function opensWhileTyping(completion: Completion): boolean {
  return completion.kind !== 'metric' || completion.prefix.length > 0;
}

/** PromQL functions and aggregations, offered with metric names. */
export const PROMQL_FUNCTIONS: readonly string[] = (
  'sum avg min max count group stddev stdvar topk bottomk quantile count_values ' +
  'rate irate increase delta idelta deriv predict_linear histogram_quantile changes resets ' +
  'avg_over_time min_over_time max_over_time sum_over_time count_over_time quantile_over_time ' +
  'stddev_over_time stdvar_over_time last_over_time present_over_time absent absent_over_time ' +
  'abs ceil floor round clamp clamp_min clamp_max exp ln log2 log10 sqrt ' +
  'label_replace label_join sort sort_desc scalar vector time timestamp'
).split(' ');
