/**
 * Ground truth: what really happened over a span, computed from the same frames the samples come
 * from, so tests compare PromQL results with exact event counts instead of hand-written numbers.
 *
 * Conventions, matching what Prometheus can see:
 *  - counter events are the increments at ticks in (start, end] (increase() over [start, end]);
 *    a process exports nothing while down and loses the events of the tick it restarts in;
 *  - availability counts `up` samples at ticks in [start, end] (sum_over_time / count_over_time);
 *  - 5-minute windows end on multiples of 300 s and hold the ticks in (end − 300, end].
 */
import { formatLe } from './catalogue';
import { Generator } from './engine';
import { BUCKETS } from './model';
import { occurrences } from './timeline';
import { isoTime, STEP } from './time';

export const WINDOW = 300;
/** The latency SLO threshold: the `le="0.2"` bucket of auth_response_time. */
export const LATENCY_THRESHOLD = 0.2;
const LATENCY_BUCKETS = [...BUCKETS.auth_response_time, Infinity].map(formatLe);
const THRESHOLD_INDEX = BUCKETS.auth_response_time.indexOf(LATENCY_THRESHOLD);

interface Counts {
  /** auth_requests_total: 5xx and all statuses. */
  errorsBad: number;
  errorsTotal: number;
  /** auth_response_time: requests ≤ 0.2 s and all. */
  latencyGood: number;
  latencyTotal: number;
  /** up samples equal to 1, and all up samples. */
  upSamples: number;
  samples: number;
}

function zero(): Counts {
  return { errorsBad: 0, errorsTotal: 0, latencyGood: 0, latencyTotal: 0, upSamples: 0, samples: 0 };
}

export interface GroundTruth {
  generator: { seed: number; step: number; timeline: string };
  start: number;
  end: number;
  startTime: string;
  endTime: string;
  slo: {
    objectives: { availability: number; latency: number; errors: number };
    /** Totals over the span (start, end] (the first tick only opens it), all services, all environments. */
    totals: Counts;
    byService: Record<string, Counts>;
    byEnvironment: Record<string, Counts>;
    /** Column arrays, one entry per 5-minute window ending in [start + 300, end]. */
    windows: {
      seconds: number;
      end: number[];
      errorsBad: number[];
      errorsTotal: number[];
      latencyGood: number[];
      latencyTotal: number[];
      /** Cumulative auth_response_time bucket increments, by le, summed over every series. */
      latencyBuckets: Record<string, number[]>;
      /** Targets up at the window's last tick, of `targets`. */
      upAtEnd: number[];
      upSamples: number[];
      samples: number[];
      /**
       * false when a process was down at some tick of [end − 300, end]: there, Prometheus
       * extrapolates rate() at the edge of the gap, so its result differs from the counts.
       */
      exact: boolean[];
    };
    targets: number;
  };
  incidents: Array<{
    id: string;
    kind: string;
    start: number;
    end: number;
    startTime: string;
    endTime: string;
    instances: string[];
    alerts: string[];
    slo: string[];
    anomaly?: string;
    channel?: string;
    shape?: string;
    description: string;
  }>;
  downtime: Array<{ instance: string; start: number; end: number }>;
  restarts: Array<{ instance: string; t: number }>;
}

/** Accumulates the truth tick by tick; feed it every tick of [start, end] in order. */
export class TruthAccumulator {
  private readonly totals = zero();
  private readonly byService: Record<string, Counts> = {};
  private readonly byEnvironment: Record<string, Counts> = {};
  private readonly w: GroundTruth['slo']['windows'];
  private cur = zero();
  private curBuckets = new Float64Array(LATENCY_BUCKETS.length);
  private curExact = true;
  private readonly downSince: Array<number | undefined>;
  private readonly downtime: GroundTruth['downtime'] = [];
  private readonly restarts: GroundTruth['restarts'] = [];

  constructor(
    private readonly gen: Generator,
    readonly start: number,
    readonly end: number,
    readonly timelineName: string
  ) {
    this.w = {
      seconds: WINDOW,
      end: [],
      errorsBad: [],
      errorsTotal: [],
      latencyGood: [],
      latencyTotal: [],
      latencyBuckets: Object.fromEntries(LATENCY_BUCKETS.map((le) => [le, []])),
      upAtEnd: [],
      upSamples: [],
      samples: [],
      exact: [],
    };
    this.downSince = gen.targets.map(() => undefined);
  }

  /** Adds tick t; every TargetState must have just evaluated t (its frame is read). */
  add(t: number): void {
    if (t < this.start || t > this.end) {
      return;
    }
    const windowStart = t % WINDOW === STEP;
    if (windowStart) {
      this.cur = zero();
      this.curBuckets.fill(0);
      this.curExact = true;
    }
    let up = 0;
    this.gen.targets.forEach((ts, i) => {
      const f = ts.frame;
      const svc = (this.byService[ts.target.service] ??= zero());
      const env = (this.byEnvironment[ts.target.environment] ??= zero());
      // The span is (start, end], as a dashboard's range ending at end: the first tick only opens it.
      const groups = t === this.start ? [this.cur] : [this.totals, svc, env, this.cur];
      for (const c of groups) {
        c.samples++;
      }
      if (f.down) {
        this.curExact = false;
        if (this.downSince[i] === undefined) {
          this.downSince[i] = t;
        }
        return;
      }
      if (this.downSince[i] !== undefined) {
        this.downtime.push({ instance: ts.target.instance, start: this.downSince[i]!, end: t });
        this.downSince[i] = undefined;
      }
      up++;
      for (const c of groups) {
        c.upSamples++;
      }
      if (f.restart) {
        this.restarts.push({ instance: ts.target.instance, t });
      }
      if (t === this.start || f.restart) {
        return;
      }
      const h = f.hist.auth_response_time;
      const bad = f.req500 + f.req503;
      const total = f.req200 + f.req401 + f.req500 + f.req503;
      for (const c of groups) {
        c.errorsBad += bad;
        c.errorsTotal += total;
        c.latencyGood += h.cum[THRESHOLD_INDEX];
        c.latencyTotal += h.count;
      }
      for (let b = 0; b < this.curBuckets.length; b++) {
        this.curBuckets[b] += h.cum[b];
      }
    });
    if (t % WINDOW === 0) {
      // The window's first tick (end − 300) belongs to the previous window, but a process down
      // there still makes this window's rate() extrapolate.
      if (t - WINDOW >= this.start) {
        const w = this.w;
        w.end.push(t);
        w.errorsBad.push(this.cur.errorsBad);
        w.errorsTotal.push(this.cur.errorsTotal);
        w.latencyGood.push(this.cur.latencyGood);
        w.latencyTotal.push(this.cur.latencyTotal);
        LATENCY_BUCKETS.forEach((le, b) => w.latencyBuckets[le].push(this.curBuckets[b]));
        w.upAtEnd.push(up);
        w.upSamples.push(this.cur.upSamples);
        w.samples.push(this.cur.samples);
        w.exact.push(this.curExact && this.gen.targets.every((ts) => !ts.model.isDown(t - WINDOW)));
      }
    }
  }

  result(): GroundTruth {
    const downtime = [...this.downtime];
    this.downSince.forEach((since, i) => {
      if (since !== undefined) {
        downtime.push({ instance: this.gen.targets[i].target.instance, start: since, end: this.end + STEP });
      }
    });
    const byIndex = this.gen.targets.map((t) => t.target.instance);
    return {
      generator: { seed: this.gen.seed, step: STEP, timeline: this.timelineName },
      start: this.start,
      end: this.end,
      startTime: isoTime(this.start),
      endTime: isoTime(this.end),
      slo: {
        objectives: { availability: 0.999, latency: 0.95, errors: 0.999 },
        totals: this.totals,
        byService: this.byService,
        byEnvironment: this.byEnvironment,
        windows: this.w,
        targets: this.gen.targets.length,
      },
      incidents: occurrences(this.gen.timeline, this.start, this.end).map(({ incident: i, start, end }) => ({
        id: i.id,
        kind: i.kind,
        start,
        end,
        startTime: isoTime(start),
        endTime: isoTime(end),
        instances: i.targetIndexes.map((x) => byIndex[x]),
        alerts: i.alerts ?? [],
        slo: i.slo ?? [],
        ...(i.anomaly !== undefined && { anomaly: i.anomaly }),
        ...(i.channel !== undefined && { channel: i.channel }),
        ...(i.shape !== undefined && { shape: i.shape }),
        description: i.description,
      })),
      downtime: downtime.sort((a, b) => a.start - b.start),
      restarts: this.restarts,
    };
  }
}
