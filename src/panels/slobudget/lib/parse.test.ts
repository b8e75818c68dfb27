import { createDataFrame, FieldType } from '@grafana/data';

import {
  AVAILABILITY,
  burndownFrame,
  burnRatesFrame,
  ERROR_RATE,
  NO_DATA,
  summaryFrame,
  workbookPairs,
} from '../testing/frames';
import { parseFrames, remainingRatio } from './parse';

const START = Date.UTC(2026, 10, 25);

describe('parseFrames', () => {
  it('reads a summary row into a typed model, ratios untouched', () => {
    const [slo] = parseFrames([summaryFrame([AVAILABILITY], { decimals: 2 })]);
    expect(slo).toEqual({
      id: 'availability',
      name: 'Availability',
      burnRates: [],
      ratioConfig: { decimals: 2 },
      summary: {
        state: 'ok',
        sli: 0.99972,
        objective: 0.999,
        window: '30d',
        remainingRatio: 1872 / 2592,
        remaining: 1872,
        allowed: 2592,
        unit: 'seconds',
        exhaustionSeconds: 11400,
        partialHistory: false,
        coverage: 1,
        totalEvents: 2592000,
        reasons: [],
      },
    });
  });

  it('keeps the backend’s reasons for the state', () => {
    const frame = summaryFrame([ERROR_RATE]);
    frame.meta = { custom: { reasons: ['remaining budget 28.6 % is below 25 %'] } };
    expect(parseFrames([frame])[0].summary?.reasons).toEqual(['remaining budget 28.6 % is below 25 %']);
  });

  it('joins the summary, burn rates and burndown of one SLO by id', () => {
    const frames = [
      burndownFrame('availability', START, 24, 0.72),
      summaryFrame([AVAILABILITY]),
      burnRatesFrame(workbookPairs('availability')),
    ];
    const [slo, ...rest] = parseFrames(frames);
    expect(rest).toEqual([]);
    expect(slo.summary?.remaining).toBe(1872);
    expect(slo.burnRates.map((b) => [b.severity, b.longWindow, b.shortWindow, b.firing])).toEqual([
      ['page', '1h', '5m', true],
      ['page', '6h', '30m', false],
      ['ticket', '1d', '2h', false],
      ['ticket', '3d', '6h', true],
    ]);
    expect(slo.burndown?.time).toHaveLength(25);
    expect(slo.burndown?.remaining[24]).toBeCloseTo(0.72, 12);
  });

  it('collects the rows of several queries, one SLO each, in order of appearance', () => {
    const frames = [summaryFrame([ERROR_RATE]), summaryFrame([AVAILABILITY, NO_DATA])];
    expect(parseFrames(frames).map((s) => s.id)).toEqual(['error-rate', 'availability', 'idle']);
  });

  it('gives an unlabelled burndown to the only SLO the tables name', () => {
    const [slo] = parseFrames([summaryFrame([AVAILABILITY]), burndownFrame(undefined, START, 4, 0.9)]);
    expect(slo.id).toBe('availability');
    expect(slo.burndown?.remaining).toHaveLength(5);
  });

  it('works from a burndown alone, taking the remaining ratio from its last point', () => {
    const [slo] = parseFrames([burndownFrame('latency-p95', START, 10, 0.4, 3)]);
    expect(slo).toMatchObject({ id: 'latency-p95', name: 'latency-p95' });
    expect(slo.summary).toBeUndefined();
    expect(remainingRatio(slo)).toBeCloseTo(0.4, 12);
    expect(slo.burndown?.remaining.slice(0, 3)).toEqual([NaN, NaN, NaN]);
  });

  it('reads nulls and the specials some encoders write as strings', () => {
    const frame = createDataFrame({
      name: 'slo_summary',
      fields: [
        { name: 'id', type: FieldType.string, values: ['a'] },
        { name: 'budget_remaining_ratio', type: FieldType.number, values: [null] },
        { name: 'exhaustion_seconds', type: FieldType.string, values: ['+Inf'] },
        { name: 'window', type: FieldType.number, values: [2_592_000] },
      ],
    });
    const [slo] = parseFrames([frame]);
    expect(slo.summary).toMatchObject({
      remainingRatio: NaN,
      exhaustionSeconds: Infinity,
      window: '30d',
      // No state field: what the remaining budget says, here nothing.
      state: 'no_data',
      unit: 'events',
      partialHistory: false,
    });
  });

  it('recognises renamed frames by their fields and ignores other queries', () => {
    const renamed = { ...summaryFrame([AVAILABILITY]), name: 'A' };
    const series = createDataFrame({
      fields: [
        { name: 'time', type: FieldType.time, values: [START] },
        { name: 'value', type: FieldType.number, values: [1] },
      ],
    });
    expect(parseFrames([renamed, series]).map((s) => s.id)).toEqual(['availability']);
  });

  it('returns nothing for no frames', () => {
    expect(parseFrames([])).toEqual([]);
  });
});
