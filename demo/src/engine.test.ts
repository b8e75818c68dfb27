import { Generator } from './engine';
import { loadTimeline } from './timeline';
import { STEP } from './time';

const timeline = loadTimeline();
// A Wednesday of the default cycle: deploys at 04:00, a memory leak and OOM on dashboard-1 at 17:00–20:00.
const WED = Date.parse('2026-11-25T00:00:00Z') / 1000;

function values(gen: Generator, target: number, t: number): Float64Array {
  const out = new Float64Array(gen.targets[target].series.length);
  gen.targets[target].at(t, out);
  return out;
}

describe('the generator', () => {
  it('is a pure function of (seed, series, time)', () => {
    const a = new Generator(timeline, 7);
    const b = new Generator(timeline, 7);
    const c = new Generator(timeline, 8);
    for (const t of [WED + 4 * 3600 + 15 * 60, WED + 5 * 86400 + 5 * 3600 + 15]) {
      for (let i = 0; i < a.targets.length; i++) {
        expect(values(a, i, t)).toEqual(values(b, i, t));
      }
      expect(values(a, 0, t)).not.toEqual(values(c, 0, t));
    }
  });

  it('gives the same values stepping tick by tick as jumping straight to a tick (live = backfill)', () => {
    const stepping = new Generator(timeline);
    const out = stepping.targets.map((ts) => new Float64Array(ts.series.length));
    // Across the 04:00 deploys and into the morning; a jump replays from the last restart.
    for (let t = WED + 3 * 3600; t <= WED + 7 * 3600; t += STEP) {
      stepping.targets.forEach((ts, i) => ts.at(t, out[i]));
      if ((t / STEP) % 149 === 0) {
        const jumping = new Generator(timeline);
        jumping.targets.forEach((_, i) => expect(values(jumping, i, t)).toEqual(out[i]));
      }
    }
  });

  it('restarts counters from zero at a deploy and keeps them monotone otherwise', () => {
    const gen = new Generator(timeline);
    const ts = gen.targets[0];
    const deploy = ts.model.lastRestart(WED + 5 * 3600);
    expect(deploy).toBe(WED + 4 * 3600);
    const counters = ts.series.map((s, i) => (s.cumulative ? i : -1)).filter((i) => i >= 0);
    let prev = values(gen, 0, deploy - STEP);
    for (let t = deploy; t < deploy + 3600; t += STEP) {
      const cur = new Float64Array(ts.series.length);
      ts.at(t, cur);
      for (const i of counters) {
        if (t === deploy) {
          expect(cur[i]).toBe(0);
        } else {
          expect(cur[i]).toBeGreaterThanOrEqual(prev[i]);
        }
      }
      prev = cur;
    }
  });

  it('exports nothing but up = 0 while a process is down, then restarts it', () => {
    const gen = new Generator(timeline);
    const i = gen.targets.findIndex((ts) => ts.target.instance === 'dashboard-1');
    const oom = WED + 20 * 3600 - 60;
    const down = values(gen, i, oom);
    expect(down[0]).toBe(0);
    expect(Array.from(down.slice(1)).every((v) => Number.isNaN(v))).toBe(true);
    const back = values(gen, i, WED + 20 * 3600);
    expect(back[0]).toBe(1);
    const total = gen.targets[i].series.findIndex((s) => s.name === 'auth_requests_total');
    expect(back[total]).toBe(0);
  });

  it('keeps histograms consistent: buckets monotone in le, +Inf = count = all auth requests', () => {
    const gen = new Generator(timeline);
    gen.targets.forEach((ts, i) => {
      const v = values(gen, i, WED + 15 * 3600);
      const idx = (name: string) => ts.series.map((s, k) => (s.name === name ? k : -1)).filter((k) => k >= 0);
      for (const h of ['auth_response_time', 'request_duration_seconds', 'database_query_duration']) {
        const buckets = idx(`${h}_bucket`).map((k) => v[k]);
        for (let b = 1; b < buckets.length; b++) {
          expect(buckets[b]).toBeGreaterThanOrEqual(buckets[b - 1]);
        }
        expect(buckets[buckets.length - 1]).toBe(v[idx(`${h}_count`)[0]]);
      }
      const requests = idx('auth_requests_total').reduce((n, k) => n + v[k], 0);
      expect(v[idx('auth_response_time_count')[0]]).toBe(requests);
    });
  });

  it('counts failed logins as the auth service’s 401s', () => {
    const gen = new Generator(timeline);
    const v = values(gen, 0, WED + 11 * 3600);
    const s = gen.targets[0].series;
    const failures = s.reduce((n, x, k) => (x.name === 'login_failures_total' ? n + v[k] : n), 0);
    const k401 = s.findIndex((x) => x.name === 'auth_requests_total' && x.labels.status === '401');
    expect(v[k401]).toBe(failures);
  });
});
