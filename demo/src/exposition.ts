/**
 * Live exposition with prom-client: one Registry per simulated process, whose metrics read the
 * values of the current tick from the same TargetState the backfill uses.
 *
 * Gauges and counters use prom-client's public API (reset, then set/inc to the model's value in
 * `collect`). prom-client's Histogram can only `observe`, so histograms subclass it and report
 * the model's cumulative buckets from `get` — the bucket counts are the model's, not observations.
 */
import {
  Counter,
  Gauge,
  Histogram,
  MetricObjectWithValues,
  MetricType,
  MetricValueWithName,
  Registry,
} from 'prom-client';

import { Family } from './catalogue';
import { TargetState } from './engine';

type Values = () => Float64Array;

class ModelHistogram extends Histogram<string> {
  constructor(
    private readonly family: Family,
    private readonly indexes: number[],
    private readonly state: TargetState,
    private readonly values: Values,
    registry: Registry
  ) {
    super({ name: family.name, help: family.help, buckets: [], registers: [registry] });
  }

  async get(): Promise<MetricObjectWithValues<MetricValueWithName<string>>> {
    const v = this.values();
    return {
      name: this.family.name,
      help: this.family.help,
      type: 'histogram' as unknown as MetricType,
      aggregator: 'sum',
      collect: () => undefined,
      values: this.indexes.map((i) => {
        const s = this.state.series[i];
        return { metricName: s.name, labels: s.labels, value: v[i] };
      }),
    };
  }

  /** prom-client's Registry renders histograms from this method when it exists. */
  async getForPromString(): Promise<MetricObjectWithValues<MetricValueWithName<string>>> {
    return this.get();
  }
}

/** A Registry exposing the target's catalogue (not `up`: Prometheus writes that itself). */
export function targetRegistry(state: TargetState, values: Values): Registry {
  const registry = new Registry();
  const byFamily = new Map<Family, number[]>();
  state.series.forEach((s, i) => {
    if (s.name === 'up') {
      return;
    }
    const list = byFamily.get(s.family) ?? [];
    list.push(i);
    byFamily.set(s.family, list);
  });
  for (const [fam, indexes] of byFamily) {
    const labelNames = Object.keys(state.series[indexes[0]].labels);
    const series = indexes.map((i) => ({ i, labels: state.series[i].labels }));
    switch (fam.type) {
      case 'gauge':
        new Gauge({
          name: fam.name,
          help: fam.help,
          labelNames,
          registers: [registry],
          collect() {
            const v = values();
            this.reset();
            for (const s of series) {
              this.set(s.labels, v[s.i]);
            }
          },
        });
        break;
      case 'counter':
        new Counter({
          name: fam.name,
          help: fam.help,
          labelNames,
          registers: [registry],
          collect() {
            const v = values();
            this.reset();
            for (const s of series) {
              // A counter at 0 is exported too: error series exist from the process' start.
              this.inc(s.labels, v[s.i]);
            }
          },
        });
        break;
      case 'histogram':
        new ModelHistogram(fam, indexes, state, values, registry);
        break;
    }
  }
  return registry;
}
