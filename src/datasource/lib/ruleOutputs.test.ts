import { CoreApp } from '@grafana/data';

import { changeQueryType, newQuery } from './queryTypes';
import { outputChoices, queryContext, ruleOutputError } from './ruleOutputs';

describe('queries in rules', () => {
  it.each([
    [CoreApp.UnifiedAlerting, 'rule'],
    [CoreApp.Dashboard, 'panel'],
    [CoreApp.PanelEditor, 'panel'],
    [CoreApp.Explore, 'panel'],
    [CoreApp.CloudAlerting, 'panel'],
    [undefined, 'panel'],
  ])('reads app %s as the %s context', (app, context) => {
    expect(queryContext(app)).toBe(context);
  });

  it.each([
    ['series', { queryType: 'series', expr: '' }],
    ['anomaly', { queryType: 'anomaly', expr: '', output: 'score' }],
    ['trend', { queryType: 'trend', expr: '', output: 'score' }],
    ['forecast', { queryType: 'forecast', expr: '', output: 'score' }],
    ['slo', { queryType: 'slo', output: 'alert', bucketStep: '1m' }],
  ] as const)('starts a %s query in a rule with its alert output', (queryType, expected) => {
    expect(newQuery(queryType, 'rule')).toStrictEqual(expected);
  });

  it('keeps the expression and the alert output when a rule query changes kind', () => {
    const query = { refId: 'A', queryType: 'anomaly' as const, expr: 'up', output: 'score' as const };
    expect(changeQueryType(query, 'forecast', 'rule')).toStrictEqual({
      refId: 'A',
      queryType: 'forecast',
      expr: 'up',
      output: 'score',
    });
    expect(changeQueryType(query, 'slo', 'rule')).toStrictEqual({
      refId: 'A',
      queryType: 'slo',
      output: 'alert',
      bucketStep: '1m',
    });
  });

  it.each([
    ['anomaly', ['score']],
    ['trend', ['score']],
    ['forecast', ['score']],
    ['slo', ['alert', 'burnrate', 'budget']],
  ] as const)('offers a %s query in a rule only the outputs with one number per series', (kind, values) => {
    const choices = outputChoices(kind, 'rule');
    expect(choices.map((o) => o.value)).toEqual(values);
    // Each says what its number means and which threshold to use.
    for (const o of choices) {
      expect(o.description).toMatch(/Threshold (above|below)/);
    }
  });

  it('offers every output outside rules', () => {
    expect(outputChoices('anomaly', 'panel').map((o) => o.value)).toEqual(['bands', 'score', 'events']);
    expect(outputChoices('slo', 'panel').map((o) => o.value)).toEqual([
      'summary',
      'burndown',
      'burnrate',
      'alert',
      'budget',
    ]);
  });

  it.each([
    ['anomaly', 'bands', 'Bands is for panels: alert and recording rules need one number per series. Choose Score.'],
    ['trend', 'events', 'Events is for panels: alert and recording rules need one number per series. Choose Score.'],
    [
      'slo',
      'summary',
      'Summary is for panels: alert and recording rules need one number per series. Choose Alert, Burn rate or Budget.',
    ],
  ] as const)('says why a %s query in a rule cannot use %s, and what to choose', (kind, output, message) => {
    expect(ruleOutputError(kind, output, 'rule')).toBe(message);
    expect(ruleOutputError(kind, output, 'panel')).toBeUndefined();
  });

  it('finds nothing wrong with a valid output', () => {
    expect(ruleOutputError('slo', 'budget', 'rule')).toBeUndefined();
    expect(ruleOutputError('forecast', 'score', 'rule')).toBeUndefined();
  });
});
