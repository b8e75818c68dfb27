import {
  applyCompletion,
  Completion,
  completionAt,
  filterSuggestions,
  opensWhileTyping,
  suggestionsFor,
} from './completion';

/** Completion at the `|` in `marked`, which is removed from the text. */
function at(marked: string) {
  const cursor = marked.indexOf('|');
  return completionAt(marked.replace('|', ''), cursor);
}

describe('completionAt', () => {
  describe('metric names', () => {
    it.each([
      ['|', '', 0, 0],
      ['u|', 'u', 0, 1],
      ['node_cpu|', 'node_cpu', 0, 8],
      ['rate(http_req|', 'http_req', 5, 13],
      ['sum by (job) (rate(x|', 'x', 19, 20],
      ['histogram_quantile(0.9, le|', 'le', 24, 26],
      ['a + b|', 'b', 4, 5],
      ['a and b|', 'b', 6, 7],
      ['job:rate5m|', 'job:rate5m', 0, 10],
      ['up\n  + node_|', 'node_', 7, 12],
    ])('%j fetches metrics filtered by %j', (marked, prefix, from, to) => {
      expect(at(marked)).toEqual({ kind: 'metric', fetch: { resource: 'metrics' }, prefix, from, to });
    });

    it('replaces the whole word when the cursor is inside it', () => {
      expect(at('rate(http_|requests[5m])')).toEqual({
        kind: 'metric',
        fetch: { resource: 'metrics' },
        prefix: 'http_',
        from: 5,
        to: 18,
      });
    });

    it.each([
      ['a number', 'up > 10|'],
      ['a duration after offset', 'up offset 5|'],
      ['a dashboard variable', 'up{job="a"} * $scal|'],
      ['a keyword', 'sum(up) by|'],
      ['a binary keyword', 'up unless|'],
      ['a range selector', 'rate(up[5|'],
      ['a string outside braces', 'label_replace(up, "dst|'],
      ['a comment', '# a note about up|'],
    ])('offers nothing in %s', (_, marked) => {
      expect(at(marked)).toBeUndefined();
    });

    it('offers metrics again on the line after a comment', () => {
      expect(at('# note\nup|')).toMatchObject({ kind: 'metric', prefix: 'up' });
    });
  });

  describe('label names', () => {
    it.each([
      ['up{|', '', 3, 3, 'up'],
      ['up{jo|', 'jo', 3, 5, 'up'],
      ['up{job="a", inst|', 'inst', 12, 16, 'up'],
      ['up{job="a",|', '', 11, 11, 'up'],
      ['up {  |', '', 6, 6, 'up'],
      ['rate(http_requests_total{code=~"5..", |', '', 38, 38, 'http_requests_total'],
      ['{__name__=~"up.*", j|', 'j', 19, 20, undefined],
      ['up{job="a,b", |', '', 14, 14, 'up'],
      ['up{job="say \\"hi\\"", |', '', 21, 21, 'up'],
    ])('%j fetches labels filtered by %j', (marked, prefix, from, to, match) => {
      expect(at(marked)).toEqual({ kind: 'label-name', fetch: { resource: 'labels', match }, prefix, from, to });
    });

    it.each([
      ['sum by (|', '', 8, 8],
      ['sum by(jo|', 'jo', 7, 9],
      ['sum without (job, inst|', 'inst', 18, 22],
      ['sum(rate(up[5m])) by (|', '', 22, 22],
      ['a / on (|', '', 8, 8],
      ['a * ignoring(job) group_left (|', '', 30, 30],
    ])('%j fetches every label name filtered by %j', (marked, prefix, from, to) => {
      expect(at(marked)).toEqual({ kind: 'label-name', fetch: { resource: 'labels' }, prefix, from, to });
    });

    it('does not take a variable before the braces as the metric', () => {
      expect(at('$metric{|')).toMatchObject({ kind: 'label-name', fetch: { resource: 'labels', match: undefined } });
    });

    it('offers nothing after a label name, where an operator belongs', () => {
      expect(at('up{job |')).toBeUndefined();
    });

    it('offers metrics again after the braces close', () => {
      expect(at('up{job="a"} / no|')).toMatchObject({ kind: 'metric', prefix: 'no' });
    });
  });

  describe('label values', () => {
    it.each([
      ['up{job="|', 'job', '', 8, 8, '"'],
      ['up{job="ap|', 'job', 'ap', 8, 10, '"'],
      ['up{job=~"ap|', 'job', 'ap', 9, 11, '"'],
      ['up{job!="ap|', 'job', 'ap', 9, 11, '"'],
      ['up{job!~ "ap|', 'job', 'ap', 10, 12, '"'],
      ["up{job='ap|", 'job', 'ap', 8, 10, "'"],
      ['up{job=`ap|', 'job', 'ap', 8, 10, '`'],
      ['up{env="prod", job="ap|', 'job', 'ap', 20, 22, '"'],
    ])('%j fetches values of %j filtered by %j', (marked, label, prefix, from, to, quote) => {
      expect(at(marked)).toEqual({
        kind: 'label-value',
        fetch: { resource: 'label-values', label, match: 'up' },
        prefix,
        from,
        to,
        quote,
      });
    });

    it('replaces the value up to its closing quote', () => {
      expect(at('up{job="a|pi", env="x"}')).toMatchObject({ prefix: 'a', from: 8, to: 11 });
    });

    it('offers values before the quotes are typed', () => {
      expect(at('up{job=|')).toEqual({
        kind: 'label-value',
        fetch: { resource: 'label-values', label: 'job', match: 'up' },
        prefix: '',
        from: 7,
        to: 7,
      });
    });

    it('offers values of a matcher without a metric', () => {
      expect(at('{job="|')).toMatchObject({ fetch: { resource: 'label-values', label: 'job', match: undefined } });
    });
  });
});

describe('filterSuggestions', () => {
  const items = ['node_cpu_seconds_total', 'up', 'process_cpu_seconds_total', 'Node_load1', 'cpu'];

  it('lists items starting with the prefix before those containing it', () => {
    expect(filterSuggestions(items, 'cp')).toEqual(['cpu', 'node_cpu_seconds_total', 'process_cpu_seconds_total']);
  });

  it('ignores case', () => {
    expect(filterSuggestions(items, 'node')).toEqual(['node_cpu_seconds_total', 'Node_load1']);
  });

  it('keeps everything for an empty prefix', () => {
    expect(filterSuggestions(items, '')).toEqual(items);
  });

  it('leaves out an item equal to the prefix, which completes nothing', () => {
    expect(filterSuggestions(items, 'up')).toEqual([]);
  });

  it('keeps at most `limit` items', () => {
    expect(filterSuggestions(items, '', 2)).toEqual(['node_cpu_seconds_total', 'up']);
  });
});

describe('applyCompletion', () => {
  function apply(marked: string, value: string) {
    const text = marked.replace('|', '');
    const completion = completionAt(text, marked.indexOf('|')) as Completion;
    const result = applyCompletion(text, completion, value);
    return result.text.slice(0, result.cursor) + '|' + result.text.slice(result.cursor);
  }

  it.each([
    ['a metric name', 'rate(http_|', 'http_requests_total', 'rate(http_requests_total|'],
    ['a metric name inside a word', 'rate(ht|tp[5m])', 'http_requests_total', 'rate(http_requests_total|[5m])'],
    ['a label name', 'up{jo|', 'job', 'up{job|'],
    ['a label value, closing the string', 'up{job="a|', 'api', 'up{job="api"|'],
    ['a label value, reusing the closing quote', 'up{job="a|"}', 'api', 'up{job="api"|}'],
    ['a label value in the middle of one', 'up{job="a|xx", env="p"}', 'api', 'up{job="api"|, env="p"}'],
    ['a label value with the quotes it lacked', 'up{job=|', 'api', 'up{job="api"|'],
    [
      'a label value with quotes and backslashes escaped',
      'up{path="|',
      'C:\\say "hi"',
      'up{path="C:\\\\say \\"hi\\""|',
    ],
    ['a label value in single quotes', "up{job='|", "it's", "up{job='it\\'s'|"],
    ['a label value in backticks, unescaped', 'up{path=`|', 'C:\\x', 'up{path=`C:\\x`|'],
  ])('inserts %s', (_, marked, value, expected) => {
    expect(apply(marked, value)).toBe(expected);
  });
});

describe('opensWhileTyping', () => {
  it('opens label names as soon as the braces open', () => {
    expect(opensWhileTyping(completionAt('up{', 3)!)).toBe(true);
  });

  it('waits for a letter before listing metric names', () => {
    expect(opensWhileTyping(completionAt('rate(', 5)!)).toBe(false);
    expect(opensWhileTyping(completionAt('rate(u', 6)!)).toBe(true);
  });
});

describe('suggestionsFor', () => {
  it('lists functions and metric names starting with the prefix, then those containing it', () => {
    expect(suggestionsFor(completionAt('ra', 2)!, ['rabbitmq_up', 'up', 'node_rapl'])).toEqual([
      { value: 'rate', kind: 'function' },
      { value: 'rabbitmq_up', kind: 'metric' },
      { value: 'irate', kind: 'function' },
      { value: 'histogram_quantile', kind: 'function' },
      { value: 'node_rapl', kind: 'metric' },
    ]);
  });

  it('lists functions while the metric names are on their way', () => {
    expect(suggestionsFor(completionAt('histogram_q', 11)!, undefined)).toEqual([
      { value: 'histogram_quantile', kind: 'function' },
    ]);
  });

  it('lists only label names in braces', () => {
    expect(suggestionsFor(completionAt('up{s', 4)!, ['instance', 'job', 'sum'])).toEqual([
      { value: 'sum', kind: 'label' },
      { value: 'instance', kind: 'label' },
    ]);
  });

  it('lists label values', () => {
    expect(suggestionsFor(completionAt('up{job="', 8)!, ['api', 'web'])).toEqual([
      { value: 'api', kind: 'value' },
      { value: 'web', kind: 'value' },
    ]);
  });

  it('keeps at most `limit` suggestions in all', () => {
    expect(suggestionsFor(completionAt('s', 1)!, ['s1', 's2', 's3'], 3)).toHaveLength(3);
  });
});
