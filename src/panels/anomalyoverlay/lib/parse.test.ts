import { bandsFrame, eventsFrame, plainFrame, T0, STEP } from '../testing/frames';
import { missingNotices } from './notices';
import { parseFrames } from './parse';

describe('parseFrames', () => {
  it.each(['nan', 'null'] as const)('reads warm-up points sent as %s as gaps (null), never as numbers', (gap) => {
    const [s] = parseFrames([bandsFrame({ name: 'api', warmup: 5, gap })]);
    expect(s.baseline!.slice(0, 6)).toEqual([null, null, null, null, null, expect.any(Number)]);
    expect(s.lower!.slice(0, 5)).toEqual([null, null, null, null, null]);
    expect(s.score!.slice(0, 5)).toEqual([null, null, null, null, null]);
    expect([...s.value, ...s.baseline!, ...s.lower!, ...s.upper!].every((v) => v === null || Number.isFinite(v))).toBe(
      true
    );
  });

  it('names a bands series by its legend name and counts each run of flagged points once', () => {
    const [s] = parseFrames([bandsFrame({ name: 'checkout', flagged: [10, 11, 12, 40] })]);
    expect(s.name).toBe('checkout');
    expect(s.anomalyCount).toBe(2);
    expect(s.peakScore).toBe(5);
    expect(s.method).toBe('robust');
    expect(s.missing).toEqual([]);
  });

  it('gives one series per bands frame, not one per field', () => {
    const series = parseFrames([bandsFrame({ name: 'a' }), bandsFrame({ name: 'b' })]);
    expect(series.map((s) => s.name)).toEqual(['a', 'b']);
  });

  it('reads a plain time series from any datasource and lists what it lacks', () => {
    const series = parseFrames([plainFrame('node cpu')]);
    expect(series).toHaveLength(1);
    expect(series[0].missing).toEqual(['yhat', 'yhat_lower', 'yhat_upper', 'anomaly_score', 'anomaly']);
    expect(missingNotices(series)).toEqual([
      'No expected band for these series: missing yhat, yhat_lower, yhat_upper.',
      'No anomaly markers for these series: missing anomaly_score, anomaly.',
      'The anomaly query of the Anomaly & SLO datasource (bands output) provides them.',
    ]);
  });

  it('takes flags from anomaly_points when the anomaly field is absent', () => {
    const frame = bandsFrame({ name: 'a', flagged: [3] });
    const value = frame.fields.find((f) => f.name === 'value')!;
    frame.fields = frame.fields.filter((f) => f.name !== 'anomaly');
    frame.fields.push({ ...value, name: 'anomaly_points', values: value.values.map((v, i) => (i === 3 ? v : null)) });
    const [s] = parseFrames([frame]);
    expect(s.anomalyCount).toBe(1);
    expect(s.missing).toEqual([]);
  });

  it('attaches events, seasonal references and level shifts to the series with the same labels', () => {
    const at = T0 + 10 * STEP;
    const series = parseFrames([
      bandsFrame({ name: 'api', labels: { service: 'api', env: 'prod' } }),
      eventsFrame([
        {
          series: 'env=prod, service=api',
          at,
          tags: 'anomaly,seasonal,up',
          text: 'x. Same time in earlier seasons: 98.5, 101, 99.25.',
        },
        { series: 'env=prod, service=api', at: at + STEP, tags: 'level shift,cusum,up', value: 130, yhat: 100 },
        { series: 'env=prod, service=web', at, tags: 'anomaly,robust,down' },
      ]),
    ]);
    expect(series).toHaveLength(1);
    expect(series[0].events.map((e) => e.kind)).toEqual(['anomaly', 'level shift']);
    expect(series[0].events[0].references).toEqual([98.5, 101, 99.25]);
    expect(series[0].changes).toEqual([{ time: at + STEP, size: 30, direction: 'up' }]);
  });

  it('sees a forecast where the baseline goes on past the last value', () => {
    const frame = bandsFrame({ name: 'disk', n: 10 });
    const value = frame.fields.find((f) => f.name === 'value')!;
    value.values = value.values.map((v, i) => (i < 7 ? v : NaN));
    const [s] = parseFrames([frame]);
    expect(s.forecastFrom).toBe(7);
  });
});
