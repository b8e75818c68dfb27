import { Frame, TargetModel } from './model';
import { loadTimeline, occurrences } from './timeline';
import { TARGETS } from './topology';

const timeline = loadTimeline();
const WEEK = Date.parse('2026-11-16T00:00:00Z') / 1000; // a Monday: the cycle's start
const models = TARGETS.map((t) => new TargetModel(t, timeline, 20261127));
const modelOf = (instance: string) => models.find((m) => m.target.instance === instance)!;

function frame(m: TargetModel, t: number): Frame {
  const f = new Frame();
  m.step(t, f);
  return f;
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

function std(xs: number[]): number {
  const m = mean(xs);
  return Math.sqrt(mean(xs.map((x) => (x - m) ** 2)));
}

/** f(frame) every minute of [from, to). */
function series(m: TargetModel, from: number, to: number, f: (fr: Frame) => number): number[] {
  const out = [];
  for (let t = from; t < to; t += 60) {
    out.push(f(frame(m, t)));
  }
  return out;
}

describe('a quiet week', () => {
  const busy = occurrences(timeline, WEEK, WEEK + 7 * 86400).map((o) => ({
    ...o,
    instances: o.incident.targetIndexes,
  }));
  const quiet = (i: number, t: number) =>
    !busy.some((o) => o.instances.includes(i) && t >= o.start - 600 && t < o.end + 600);

  it('keeps every gauge in its plausible range outside incidents', () => {
    const bad: string[] = [];
    models.forEach((m, i) => {
      for (let t = WEEK; t < WEEK + 7 * 86400; t += 300) {
        if (!quiet(i, t)) {
          continue;
        }
        const f = frame(m, t);
        const check = (name: string, v: number, lo: number, hi: number) => {
          if (!(v >= lo && v <= hi)) {
            bad.push(`${m.target.instance} ${new Date(t * 1000).toISOString()} ${name}=${v} not in [${lo}, ${hi}]`);
          }
        };
        check('cpu', f.cpu, 1, 79);
        check('memory', f.memory, 30, 80);
        check('disk', f.disk, 40, 70);
        check('queue', f.queue, 0, 200);
        check('cache hit ratio', f.cacheHitRatio, 0.85, 0.98);
        check('db connections', f.dbConnections, 0, 80);
        check(
          'requests',
          f.req200 + f.req401 + f.req500 + f.req503,
          m.target.environment === 'production' ? 20 : 0,
          5000
        );
        if (m.target.service === 'auth') {
          check('mfa', f.mfaRate, 0.93, 1);
          check('sessions', f.sessions, m.target.environment === 'production' ? 50 : 0, 2000);
        }
      }
    });
    expect(bad).toEqual([]);
  });
});

describe('each anomaly deforms its channel measurably', () => {
  const at = (id: string) => occurrences(timeline, WEEK, WEEK + 7 * 86400).find((o) => o.incident.id === id)!;
  const dayBefore = (o: { start: number; end: number }) => ({ start: o.start - 86400, end: o.end - 86400 });

  it('spike: connections triple', () => {
    const o = at('anomaly-spike');
    const m = modelOf('api-gateway-2');
    const during = mean(series(m, o.start, o.end, (f) => f.dbConnections));
    const before = mean(series(m, o.start - 1800, o.start, (f) => f.dbConnections));
    expect(during / before).toBeGreaterThan(2.5);
  });

  it('level shift: the hit ratio drops by about 18 points', () => {
    const o = at('anomaly-level-shift');
    const m = modelOf('auth-1');
    const b = dayBefore(o);
    const shift =
      mean(series(m, o.start, o.end, (f) => f.cacheHitRatio)) - mean(series(m, b.start, b.end, (f) => f.cacheHitRatio));
    expect(shift).toBeLessThan(-0.15);
    expect(shift).toBeGreaterThan(-0.21);
  });

  it('variance: CPU is six times as jumpy, about the same mean', () => {
    const o = at('anomaly-variance');
    const m = modelOf('api-gateway-2');
    const during = series(m, o.start, o.end, (f) => f.cpu);
    const b = dayBefore(o);
    const before = series(m, b.start, b.end, (f) => f.cpu);
    expect(std(during) / std(before)).toBeGreaterThan(2.5);
    expect(Math.abs(mean(during) - mean(before))).toBeLessThan(5);
  });

  it('drift: resident memory climbs by ~600 MiB, then the process restarts', () => {
    const o = at('anomaly-drift');
    const m = modelOf('auth-2');
    const climb = frame(m, o.end - 60).rss - frame(m, o.start).rss;
    expect(climb).toBeGreaterThan(550 * 2 ** 20);
    expect(frame(m, o.end).restart).toBe(true);
  });

  it('seasonal break: the morning peak of sessions is missing', () => {
    const o = at('anomaly-seasonal-break');
    const m = modelOf('auth-1');
    const b = dayBefore(o);
    expect(
      mean(series(m, o.start, o.end, (f) => f.sessions)) / mean(series(m, b.start, b.end, (f) => f.sessions))
    ).toBeLessThan(0.6);
  });

  it('drop to zero: no registrations at all', () => {
    const o = at('anomaly-drop-to-zero');
    for (const m of [modelOf('auth-1'), modelOf('auth-2')]) {
      expect(series(m, o.start, o.end, (f) => f.registrations).every((x) => x === 0)).toBe(true);
      const b = dayBefore(o);
      expect(series(m, b.start, b.end, (f) => f.registrations).some((x) => x > 0)).toBe(true);
    }
  });

  it('dip: MFA success falls to about 62 %', () => {
    const o = at('anomaly-dip');
    expect(mean(series(modelOf('auth-1'), o.start, o.end, (f) => f.mfaRate))).toBeCloseTo(0.62, 1);
  });
});
