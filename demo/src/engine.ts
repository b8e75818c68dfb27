/**
 * Turns the model's per-tick frames into exported samples: gauges as they are, counters and
 * histograms integrated from the last process restart. Live mode and backfill both go through
 * TargetState.at, so they emit the same value for the same tick.
 */
import { fullLabels, SeriesDef, selector, seriesOf } from './catalogue';
import { Frame, TargetModel } from './model';
import { STEP } from './time';
import { Timeline } from './timeline';
import { Target, TARGETS } from './topology';

/** The default seed, so `docker compose up`, the tests and the README agree. */
export const DEFAULT_SEED = 20261127;

export class TargetState {
  readonly model: TargetModel;
  readonly series: SeriesDef[];
  /** `name{labels}` of each series with the target's labels, for OpenMetrics lines. */
  readonly selectors: string[];
  /** The frame of the last tick evaluated by `at`. */
  readonly frame = new Frame();
  private readonly acc: Float64Array;
  private last = Number.NaN;

  constructor(
    readonly target: Target,
    timeline: Timeline,
    seed: number
  ) {
    this.model = new TargetModel(target, timeline, seed);
    this.series = seriesOf(target);
    this.selectors = this.series.map((s) => selector(s.name, fullLabels(target, s)));
    this.acc = new Float64Array(this.series.length);
  }

  /**
   * Evaluates tick t into out (one value per series, NaN where the process exports nothing).
   * Consecutive ticks cost one model step; any other t replays from the last restart (≤ 1 day).
   */
  at(t: number, out: Float64Array): void {
    if (t !== this.last + STEP) {
      this.seek(t);
    }
    this.advance(t);
    const f = this.frame;
    const series = this.series;
    for (let i = 0; i < series.length; i++) {
      if (f.down && i > 0) {
        out[i] = Number.NaN;
      } else {
        out[i] = series[i].cumulative ? this.acc[i] : series[i].read(f);
      }
    }
  }

  private seek(t: number): void {
    this.acc.fill(0);
    const from = this.model.lastRestart(t);
    for (let k = from; k < t; k += STEP) {
      this.advance(k);
    }
  }

  private advance(t: number): void {
    const f = this.frame;
    this.model.step(t, f);
    this.last = t;
    if (f.down) {
      return;
    }
    const series = this.series;
    const acc = this.acc;
    if (f.restart) {
      // A process starts with its counters at zero; what happened during the restart is lost.
      acc.fill(0);
      return;
    }
    for (let i = 0; i < series.length; i++) {
      if (series[i].cumulative) {
        acc[i] = acc[i] + series[i].read(f);
      }
    }
    // _sum values are fractional: keep them at millisecond precision so the digits stay short.
    for (let i = 0; i < series.length; i++) {
      if (series[i].cumulative && series[i].name.endsWith('_sum')) {
        acc[i] = Math.round(acc[i] * 1000) / 1000;
      }
    }
  }
}

/** The whole simulated system: one TargetState per process. */
export class Generator {
  readonly targets: TargetState[];

  constructor(
    readonly timeline: Timeline,
    readonly seed = DEFAULT_SEED
  ) {
    this.targets = TARGETS.map((t) => new TargetState(t, timeline, seed));
  }

  seriesCount(): number {
    return this.targets.reduce((n, t) => n + t.series.length, 0);
  }
}
