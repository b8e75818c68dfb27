import { anomaly, forecast, trend } from '../testing/detectionQueries';
import type { DetectionQuery, ForecastQuery } from '../types';
import {
  detectionErrors,
  detectionSummary,
  optionsSummary,
  outputOptions,
  parseNumberText,
  persistenceError,
  setOption,
  visibleFields,
  withMethod,
} from './detectionOptions';

describe('visibleFields', () => {
  it.each<[string, DetectionQuery, string[]]>([
    [
      'an anomaly query shows the detector options',
      anomaly(),
      ['method', 'window', 'threshold', 'direction', 'minDeviation', 'persistence', 'detectorStep', 'output'],
    ],
    [
      'a seasonal anomaly query also shows the season options',
      anomaly({ method: 'seasonal' }),
      [
        'method',
        'window',
        'threshold',
        'direction',
        'season',
        'seasons',
        'minDeviation',
        'persistence',
        'detectorStep',
        'output',
      ],
    ],
    [
      'a Holt-Winters anomaly query also shows the season options',
      anomaly({ method: 'holtwinters' }),
      [
        'method',
        'window',
        'threshold',
        'direction',
        'season',
        'seasons',
        'minDeviation',
        'persistence',
        'detectorStep',
        'output',
      ],
    ],
    [
      'a trend query shows its windows and ratio',
      trend(),
      ['trendWindow', 'ratioThreshold', 'window', 'detectorStep', 'output'],
    ],
    [
      'a forecast query shows its horizon, training, threshold and level',
      forecast(),
      ['forecastMethod', 'horizon', 'training', 'forecastThreshold', 'level', 'detectorStep', 'output'],
    ],
  ])('%s', (_, query, fields) => {
    expect([...visibleFields(query)]).toEqual(fields);
  });
});

describe('outputOptions', () => {
  it.each([
    ['anomaly', ['bands', 'score', 'events']],
    ['trend', ['bands', 'score', 'events']],
    ['forecast', ['bands', 'score']],
  ] as const)('offers %s queries the outputs %j', (queryType, outputs) => {
    expect(outputOptions(queryType).map((o) => o.value)).toEqual(outputs);
  });

  it('tells how to alert on the anomaly score', () => {
    expect(outputOptions('anomaly').find((o) => o.value === 'score')?.description).toContain(
      'query → Reduce (last) → Threshold > 1'
    );
  });
});

describe('setOption', () => {
  it('sets an option', () => {
    expect(setOption(anomaly(), 'window', '5m')).toEqual(anomaly({ window: '5m' }));
  });

  it.each([
    ['an empty text', ''],
    ['an undefined number', undefined],
  ])('removes the option for %s, so the backend default applies', (_, value) => {
    expect(setOption(anomaly({ window: '5m', threshold: 2 }), 'window', value)).toStrictEqual(
      anomaly({ threshold: 2 })
    );
    expect(setOption(anomaly({ threshold: 2 }), 'threshold', undefined)).toStrictEqual(anomaly());
  });

  it('does not change the query it is given', () => {
    const query = anomaly({ window: '5m' });
    setOption(query, 'window', '');
    expect(query.window).toBe('5m');
  });
});

describe('withMethod', () => {
  it('keeps the season options for another seasonal method', () => {
    const query = anomaly({ method: 'seasonal', season: '1w', seasons: 2 });
    expect(withMethod(query, 'holtwinters')).toEqual({ ...query, method: 'holtwinters' });
  });

  it('drops the season options for a method that does not read them', () => {
    const query = anomaly({ method: 'seasonal', season: '1w', seasons: 2, window: '2h' });
    expect(withMethod(query, 'robust')).toStrictEqual(anomaly({ method: 'robust', window: '2h' }));
  });
});

describe('parseNumberText', () => {
  it.each([
    ['', undefined],
    ['  ', undefined],
    ['3', 3],
    ['2.5', 2.5],
    ['.5', 0.5],
    ['1.', 1],
    ['-4', -4],
    ['1e3', 1000],
    [' 0 ', 0],
  ])('reads %j as %p', (text, value) => {
    expect(parseNumberText(text)).toEqual(value === undefined ? {} : { value });
  });

  it.each(['abc', '1,5', '0x10', '-', '1e400', 'Infinity', '3σ'])('refuses %j', (text) => {
    expect(parseNumberText(text)).toEqual({ error: 'Enter a number such as 2.5.' });
  });
});

describe('persistenceError', () => {
  it.each(['2/3', '1/1', ' 3 / 5 '])('accepts %j', (text) => {
    expect(persistenceError(text)).toBeUndefined();
  });

  it.each(['3/2', '0/3', '2', '2/', 'a/b', '2/3/4', '-1/3'])('refuses %j', (text) => {
    expect(persistenceError(text)).toBe('Enter k/n with 1 ≤ k ≤ n, such as 2/3.');
  });
});

describe('detectionErrors', () => {
  it.each<[string, DetectionQuery]>([
    ['a query with no options is valid: every default is', anomaly()],
    ['a trend query with no options is valid', trend()],
    ['a forecast query with no options is valid', forecast()],
    [
      'a fully set anomaly query is valid',
      anomaly({
        method: 'seasonal',
        window: '2h',
        threshold: 2.5,
        direction: 'up',
        minDeviation: 0,
        persistence: '2/3',
        season: '1w',
        seasons: 4,
        detectorStep: '5m',
        output: 'score',
      }),
    ],
    ['durations may be variables, checked once resolved', anomaly({ window: '$window', detectorStep: '${step}' })],
    ['a forecast whose score has a threshold to reach is valid', forecast({ output: 'score', forecastThreshold: 0 })],
    ['a negative forecast threshold is valid', forecast({ forecastThreshold: -5 })],
    ['options a kind does not show are left to the backend', forecast({ window: 'nope' } as Partial<ForecastQuery>)],
    ['season options of a non-seasonal method are left to the backend', anomaly({ season: 'x', seasons: 0 })],
  ])('%s', (_, query) => {
    expect(detectionErrors(query)).toEqual({});
  });

  it.each<[string, DetectionQuery, Record<string, string>]>([
    ['an unreadable window', anomaly({ window: 'fast' }), { window: 'Enter a duration such as 15s, 1m30s or 2h.' }],
    ['a zero detector step', anomaly({ detectorStep: '0s' }), { detectorStep: 'The duration must be longer than 0s.' }],
    ['a zero threshold', anomaly({ threshold: 0 }), { threshold: 'Enter a number greater than 0.' }],
    ['a negative min deviation', anomaly({ minDeviation: -1 }), { minDeviation: 'Enter a number of 0 or more.' }],
    [
      'a persistence of 3 of 2',
      anomaly({ persistence: '3/2' }),
      { persistence: 'Enter k/n with 1 ≤ k ≤ n, such as 2/3.' },
    ],
    [
      'a fractional number of seasons',
      anomaly({ method: 'seasonal', seasons: 2.5 }),
      { seasons: 'Enter a whole number of 1 or more.' },
    ],
    ['zero seasons', anomaly({ method: 'holtwinters', seasons: 0 }), { seasons: 'Enter a whole number of 1 or more.' }],
    [
      'an unreadable season',
      anomaly({ method: 'seasonal', season: 'daily' }),
      { season: 'Enter a duration such as 15s, 1m30s or 2h.' },
    ],
    [
      'a window of 90s at the 1m default step, one whole step',
      anomaly({ window: '90s' }),
      { window: 'The window must cover at least 2 detector steps.' },
    ],
    [
      'a window shorter than two detector steps',
      trend({ window: '1h', trendWindow: '3h', detectorStep: '31m' }),
      { window: 'The window must cover at least 2 detector steps.' },
    ],
    [
      'a forecast step too long for the default window it does not show',
      forecast({ detectorStep: '45m' }),
      { detectorStep: 'The detector step must be at most half the 1h window.' },
    ],
    [
      'a season shorter than two detector steps',
      anomaly({ method: 'seasonal', season: '10m', detectorStep: '10m' }),
      { season: 'A season must cover at least 2 detector steps.' },
    ],
    [
      'a window plus 3 default seasons of 2w, longer than 35d of history',
      anomaly({ method: 'seasonal', season: '2w' }),
      { season: 'The window plus the seasons must fit in the 35d of history a query may fetch.' },
    ],
    [
      'a window longer than 35d',
      anomaly({ window: '36d' }),
      { window: 'The window must fit in the 35d of history a query may fetch.' },
    ],
    [
      'a trend window shorter than two detector steps',
      trend({ trendWindow: '1m' }),
      { trendWindow: 'The trend window must cover at least 2 detector steps.' },
    ],
    ['a zero ratio threshold', trend({ ratioThreshold: 0 }), { ratioThreshold: 'Enter a number greater than 0.' }],
    ['an unreadable horizon', forecast({ horizon: 'soon' }), { horizon: 'Enter a duration such as 15s, 1m30s or 2h.' }],
    ['a training history over 35d', forecast({ training: '6w' }), { training: 'At most 35d.' }],
    ['a level of 1', forecast({ level: 1 }), { level: 'Enter a level between 0 and 1, such as 0.95.' }],
    ['a level of 95', forecast({ level: 95 }), { level: 'Enter a level between 0 and 1, such as 0.95.' }],
    [
      'a score output with no threshold to reach',
      forecast({ output: 'score' }),
      { forecastThreshold: 'Set a threshold: the score is the time until the forecast reaches it.' },
    ],
  ])('explains %s', (_, query, errors) => {
    expect(detectionErrors(query)).toEqual(errors);
  });
});

describe('detectionSummary', () => {
  it.each<[string, DetectionQuery, string]>([
    ['an anomaly query with the defaults', anomaly(), 'zscore · 1h · 5σ · both · 2/3'],
    [
      'an anomaly query as set',
      anomaly({ method: 'robust', window: '2h', threshold: 2.5, direction: 'up', persistence: '1/1' }),
      'robust · 2h · 2.5σ · up · 1/1',
    ],
    [
      'a seasonal query with persistence',
      anomaly({ method: 'seasonal', season: '1w', persistence: '3/5' }),
      'seasonal · 1h · 5σ · both · 3 × 1w · 3/5',
    ],
    [
      'a Holt-Winters query with its own default threshold',
      anomaly({ method: 'holtwinters' }),
      'holtwinters · 1h · 4σ · both · 3 × 1d · 2/3',
    ],
    ['a trend query', trend({ trendWindow: '30m' }), 'last 30m vs the 30m before · ratio 0.5'],
    ['a forecast query with the defaults', forecast(), 'linear · 6h ahead · 95%'],
    [
      'a forecast query with a threshold',
      forecast({ horizon: '1d', level: 0.9, forecastThreshold: 100 }),
      'linear · 1d ahead · 90% · until 100',
    ],
  ])('sums up %s', (_, query, summary) => {
    expect(detectionSummary(query)).toBe(summary);
  });

  it('adds the output and the detector step for the collapsed group', () => {
    expect(optionsSummary(anomaly({ method: 'robust', output: 'score', detectorStep: '30s' }))).toEqual([
      'robust · 1h · 5σ · both · 2/3',
      'Output: score',
      'Step: 30s',
    ]);
  });
});
