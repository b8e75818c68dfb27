import { parseVariableQuery, VARIABLE_QUERY_HELP } from './variableQuery';

describe('parseVariableQuery', () => {
  it.each([
    ['label_names()', { kind: 'label_names' }],
    ['  label_names( )  ', { kind: 'label_names' }],
    ['label_names(up{job="api"})', { kind: 'label_names', match: 'up{job="api"}' }],
    ['label_values(job)', { kind: 'label_values', label: 'job' }],
    ['label_values( __name__ )', { kind: 'label_values', label: '__name__' }],
    ['label_values(up, instance)', { kind: 'label_values', label: 'instance', match: 'up' }],
    [
      'label_values(up{job="api",env=~"prod|stage"}, instance)',
      { kind: 'label_values', label: 'instance', match: 'up{job="api",env=~"prod|stage"}' },
    ],
    [
      'label_values(rate(http_requests_total{code=~"5.."}[5m]),code)',
      { kind: 'label_values', label: 'code', match: 'rate(http_requests_total{code=~"5.."}[5m])' },
    ],
    ['metrics(^node_)', { kind: 'metrics', regex: '^node_' }],
    ['metrics(.*_total)', { kind: 'metrics', regex: '.*_total' }],
    ['metrics()', { kind: 'metrics', regex: '' }],
    ['slos()', { kind: 'slos', filter: '' }],
    ['slos( service="api", tier=~"gold|silver" )', { kind: 'slos', filter: 'service="api", tier=~"gold|silver"' }],
    ['slos(tier=~"$tier")', { kind: 'slos', filter: 'tier=~"$tier"' }],
  ])('reads %j', (text, expected) => {
    expect(parseVariableQuery(text)).toEqual(expected);
  });

  it('reads a query split over lines', () => {
    expect(parseVariableQuery('label_values(\n  up{job="api"},\n  instance\n)')).toEqual({
      kind: 'label_values',
      label: 'instance',
      match: 'up{job="api"}',
    });
  });

  it('explains a filter that does not parse as the backend does', () => {
    expect(parseVariableQuery('slos(tier="gold" x)')).toEqual({
      kind: 'invalid',
      error:
        'slo: invalid label filter (write matchers as in PromQL: service="api", tier=~"gold|silver"): expected "," between matchers at character 13 of "tier=\\"gold\\" x"',
    });
  });

  it('explains what is supported when the query is empty', () => {
    expect(parseVariableQuery('  ')).toEqual({ kind: 'invalid', error: `The query is empty. ${VARIABLE_QUERY_HELP}` });
  });

  it.each([
    'up',
    'query_result(up)',
    'label_values()',
    'label_values(up{job="a"})',
    'label_values(up, 1abc)',
    'label_names',
  ])('refuses %j with the list of supported forms', (text) => {
    expect(parseVariableQuery(text)).toEqual({
      kind: 'invalid',
      error: `Unsupported variable query "${text}". ${VARIABLE_QUERY_HELP}`,
    });
  });
});
