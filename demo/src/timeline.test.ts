import { readFileSync } from 'fs';

import { DEFAULT_TIMELINE_PATH, loadTimeline, occurrences, parseTimeline, SHAPES, TimelineFile } from './timeline';

const file = (): TimelineFile => JSON.parse(readFileSync(DEFAULT_TIMELINE_PATH, 'utf8'));

const SEED_ALERTS = [
  'ServiceDown',
  'HighErrorRate',
  'AuthServiceUnavailable',
  'HighResponseTime',
  'CriticalResponseTime',
  'QueueBacklog',
  'HighCpuUsage',
  'CriticalMemoryUsage',
  'LowDiskSpace',
  'SuspiciousAuthFailures',
  'MassiveAuthFailures',
  // The SLA section's error-rate trigger: 30 minutes of continuous violation.
  'ErrorRateSLAViolation',
];

describe('the default timeline', () => {
  const tl = loadTimeline();

  it('repeats weekly from a Monday', () => {
    expect(tl.cycle).toBe(7 * 86400);
    expect(new Date(tl.anchor * 1000).getUTCDay()).toBe(1);
  });

  it('has an incident for each of the seed’s 11 alert rules and its error-rate SLA trigger', () => {
    const fired = new Set(tl.incidents.flatMap((i) => i.alerts ?? []));
    expect([...fired].sort()).toEqual([...SEED_ALERTS].sort());
  });

  it('documents every alert it names with a reference expression', () => {
    expect(Object.keys((file() as unknown as { alertReference: object }).alertReference).sort()).toEqual(
      [...SEED_ALERTS].sort()
    );
  });

  it('injects every anomaly shape and burns every SLO', () => {
    const shapes = new Set(tl.incidents.filter((i) => i.kind === 'anomaly').map((i) => i.shape));
    expect([...shapes].sort()).toEqual([...SHAPES].sort());
    const slos = new Set(tl.incidents.flatMap((i) => i.slo ?? []));
    expect([...slos].sort()).toEqual(['availability', 'errors', 'latency']);
  });

  it('holds each incident exactly once in any week', () => {
    const from = 1_800_000_000;
    const seen = occurrences(tl, from, from + tl.cycle - 1).map((o) => o.incident.id);
    expect(seen.sort()).toEqual(tl.incidents.map((i) => i.id).sort());
  });
});

describe('timeline validation', () => {
  const withIncident = (patch: object): TimelineFile => {
    const f = file();
    f.incidents = [{ ...f.incidents[0], ...patch }];
    return f;
  };

  it.each([
    [{ kind: 'meteor' }, /unknown kind "meteor"/],
    [{ targets: { instance: 'nope-1' } }, /match no process/],
    [{ at: 'mon 25:00' }, /time of week/],
    [{ for: '10s' }, /multiple of 15s/],
    [{ kind: 'errors', ratio: 2 }, /"ratio" must be a number in \[0, 1\]/],
    [{ kind: 'bruteForce', rate: 5, targets: { instance: 'dashboard-1' } }, /auth processes only/],
    [
      { kind: 'anomaly', channel: 'mfa_success_rate', shape: 'dip', value: 0.5, targets: { instance: 'dashboard-1' } },
      /auth processes only/,
    ],
    [{ kind: 'anomaly', channel: 'cpu', shape: 'wobble', value: 1 }, /"shape" must be one of/],
    [{ kind: 'queueBacklog', peak: 10, ramp: '20m', drain: '20m', for: '30m' }, /must fit inside/],
  ])('rejects %j', (patch, message) => {
    expect(() => parseTimeline(withIncident(patch))).toThrow(message);
  });

  it('rejects two outages of one process that overlap', () => {
    const f = file();
    const down = f.incidents.find((i) => i.id === 'service-down')!;
    f.incidents = [down, { ...down, id: 'again', at: 'mon 03:15' }];
    expect(() => parseTimeline(f)).toThrow(/service-down and again both restart a process and overlap/);
  });

  it('rejects duplicate ids', () => {
    const f = file();
    f.incidents = [f.incidents[0], f.incidents[0]];
    expect(() => parseTimeline(f)).toThrow(/duplicate id/);
  });
});
