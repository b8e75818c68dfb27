/*
 * The all-SLOs query (sloId "*") and its label filter (sloFilter): PromQL label matchers against
 * the SLOs' labels, parsed as pkg/slo/matcher.go parses them, with the same messages (both are
 * tested against testdata/slo-filters.json). No React here.
 */
import type { SLO, SLOOutput } from '../types';

/** The sloId that selects every catalog SLO. */
export const ALL_SLOS = '*';

/** pkg/models ErrAllSLOsOutput: every output but the summary is per SLO. */
export const ALL_SLOS_OUTPUT_ERROR = 'sloId "*" (all SLOs) returns one summary row per SLO: set output to "summary"';

/** pkg/slo ErrMatcher. */
export const FILTER_ERROR =
  'slo: invalid label filter (write matchers as in PromQL: service="api", tier=~"gold|silver")';

export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface Matcher {
  name: string;
  op: MatchOp;
  value: string;
  /** For =~ and !~: the value anchored, ^(?:value)$, as Prometheus anchors it. */
  regex?: RegExp;
}

export type ParsedFilter = { matchers: Matcher[]; error?: undefined } | { matchers?: undefined; error: string };

/**
 * Reads comma-separated PromQL label matchers, optionally in braces. Empty selects every SLO.
 * Regular expressions are compiled with JavaScript's engine; RE2 (the backend's) refuses a few
 * constructs JavaScript accepts (look-arounds, back-references), which the backend then reports.
 */
export function parseSLOFilter(text: string): ParsedFilter {
  let pos = 0;
  const done = () => pos >= text.length;
  const skipSpace = () => {
    while (!done() && ' \t\n\r'.includes(text[pos])) {
      pos++;
    }
  };
  const eat = (s: string) => {
    if (text.startsWith(s, pos)) {
      pos += s.length;
      return true;
    }
    return false;
  };
  const fail = (want: string, at = pos): ParsedFilter => ({
    error: `${FILTER_ERROR}: expected ${want} at character ${at + 1} of ${JSON.stringify(text)}`,
  });

  skipSpace();
  const braced = eat('{');
  const matchers: Matcher[] = [];
  for (;;) {
    skipSpace();
    if (done() || (braced && text[pos] === '}')) {
      break;
    }
    const start = pos;
    while (!done() && (/[A-Za-z_]/.test(text[pos]) || (pos > start && /[0-9]/.test(text[pos])))) {
      pos++;
    }
    if (pos === start) {
      return fail('a label name');
    }
    const name = text.slice(start, pos);
    skipSpace();
    const op = (['=~', '!~', '!=', '='] as MatchOp[]).find(eat);
    if (!op) {
      return fail('an operator (=, !=, =~, !~)');
    }
    skipSpace();
    const quoted = readQuoted();
    if ('error' in quoted) {
      return quoted;
    }
    const m: Matcher = { name, op, value: quoted.value };
    if (op === '=~' || op === '!~') {
      try {
        m.regex = new RegExp(`^(?:${quoted.value})$`);
      } catch (e) {
        return { error: `${FILTER_ERROR}: label ${name}: ${e instanceof Error ? e.message : String(e)}` };
      }
    }
    matchers.push(m);
    skipSpace();
    if (!eat(',')) {
      break;
    }
  }
  skipSpace();
  if (braced && !eat('}')) {
    return fail('a closing }');
  }
  skipSpace();
  if (!done()) {
    return fail('"," between matchers');
  }
  return { matchers };

  function readQuoted(): { value: string } | { error: string } {
    const q = text[pos];
    if (done() || !'"\'`'.includes(q)) {
      return fail('a quoted value') as { error: string };
    }
    const start = pos;
    pos++;
    let value = '';
    while (!done() && text[pos] !== q) {
      if (text[pos] === '\\' && q !== '`') {
        const escaped = unescape(text[pos + 1]);
        if (escaped === undefined) {
          pos = start;
          return fail(pos + 1 >= text.length ? `a closing ${q}` : 'a valid quoted value', start) as { error: string };
        }
        value += escaped;
        pos += 2;
        continue;
      }
      value += text[pos];
      pos++;
    }
    if (done()) {
      pos = start;
      return fail(`a closing ${q}`) as { error: string };
    }
    pos++;
    return { value };
  }
}

const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  '"': '"',
  "'": "'",
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
};

/**
 * Go's single-character escapes; numeric ones (\x41, \u00e9, \101) are kept as written, for
 * the backend to decode (the preview then may not match them).
 */
function unescape(c: string | undefined): string | undefined {
  if (c === undefined) {
    return undefined;
  }
  return ESCAPES[c] ?? (/[xuU0-7]/.test(c) ? `\\${c}` : undefined);
}

/** Whether labels satisfy every matcher; an absent label is the empty string, as in PromQL. */
export function matchesLabels(matchers: Matcher[], labels: Record<string, string> | undefined): boolean {
  return matchers.every((m) => {
    const v = labels?.[m.name] ?? '';
    switch (m.op) {
      case '=':
        return v === m.value;
      case '!=':
        return v !== m.value;
      case '=~':
        return m.regex!.test(v);
      case '!~':
        return !m.regex!.test(v);
    }
  });
}

/** The catalog SLOs the filter selects, in catalog order; all of them when it does not parse. */
export function selectSLOs(slos: SLO[], filter: string | undefined): SLO[] {
  const parsed = parseSLOFilter(filter ?? '');
  return parsed.matchers ? slos.filter((slo) => matchesLabels(parsed.matchers, slo.labels)) : slos;
}

/** Why the backend would refuse this output with sloId "*", or undefined. */
export function allSLOsOutputError(output: SLOOutput | undefined): string | undefined {
  return output === undefined || output === 'summary' ? undefined : `${ALL_SLOS_OUTPUT_ERROR}, got "${output}"`;
}
