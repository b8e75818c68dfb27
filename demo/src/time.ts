/** Durations and times, in whole seconds (the generator never needs finer). */

/** The sample interval of every series, in seconds. */
export const STEP = 15;

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** Parses a Prometheus-style duration such as `15s`, `90m`, `1h30m`, `35d` into seconds. */
export function parseDuration(text: string): number {
  const s = text.trim();
  const re = /(\d+)([smhdw])/gy;
  let total = 0;
  let matched = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    total += Number(m[1]) * UNITS[m[2]];
    matched = re.lastIndex;
  }
  if (s === '' || matched !== s.length) {
    throw new Error(`invalid duration ${JSON.stringify(text)} (want e.g. 15s, 5m, 1h30m, 3d)`);
  }
  return total;
}

/** Formats seconds as the shortest duration string parseDuration reads back (`1h30m`). */
export function formatDuration(seconds: number): string {
  if (seconds === 0) {
    return '0s';
  }
  let rest = seconds;
  let out = '';
  for (const [unit, size] of [
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    if (rest >= size) {
      out += `${Math.floor(rest / size)}${unit}`;
      rest %= size;
    }
  }
  return out;
}

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** Parses `tue 09:30` (UTC) into seconds since Monday 00:00. */
export function parseWeekTime(text: string): number {
  const m = /^(mon|tue|wed|thu|fri|sat|sun) ([01]\d|2[0-3]):([0-5]\d)$/.exec(text.trim().toLowerCase());
  if (!m) {
    throw new Error(`invalid time of week ${JSON.stringify(text)} (want e.g. "tue 09:30", UTC)`);
  }
  return DAYS.indexOf(m[1]) * 86400 + Number(m[2]) * 3600 + Number(m[3]) * 60;
}

/**
 * Parses a time given on the command line: `now`, `now-3d`, unix seconds, or an ISO 8601 date.
 * `now` is passed in so callers (and tests) decide what it is.
 */
export function parseTime(text: string, now: number): number {
  const s = text.trim();
  if (s === 'now') {
    return now;
  }
  const rel = /^now-(.+)$/.exec(s);
  if (rel) {
    return now - parseDuration(rel[1]);
  }
  if (/^\d+(\.\d+)?$/.test(s)) {
    return Math.floor(Number(s));
  }
  const ms = Date.parse(s);
  if (Number.isNaN(ms)) {
    throw new Error(`invalid time ${JSON.stringify(text)} (want now, now-3d, unix seconds or ISO 8601)`);
  }
  return Math.floor(ms / 1000);
}

/** The last sample time at or before t. */
export function floorTick(t: number): number {
  return Math.floor(t / STEP) * STEP;
}

export function isoTime(t: number): string {
  return new Date(t * 1000).toISOString().replace('.000Z', 'Z');
}
