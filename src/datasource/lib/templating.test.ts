import { formatPromQLVariable, hasVariable, prometheusRegularEscape, prometheusSpecialRegexEscape } from './templating';

describe('prometheusRegularEscape', () => {
  it.each([
    ['leaves plain values alone', 'api', 'api'],
    ['escapes double quotes for the string literal', 'say "hi"', 'say \\"hi\\"'],
    ['doubles backslashes', 'C:\\temp', 'C:\\\\temp'],
    ['keeps a whole label matcher intact', 'job="api"', 'job="api"'],
    ['keeps a whole regex matcher intact', 'job=~"api|web"', 'job=~"api|web"'],
    ['does not treat regex characters specially', 'a.b|c', 'a.b|c'],
  ])('%s', (_, input, expected) => {
    expect(prometheusRegularEscape(input)).toBe(expected);
  });
});

describe('prometheusSpecialRegexEscape', () => {
  it.each([
    ['leaves plain values alone', 'api', 'api'],
    ['escapes a dot twice: once for the regex, once for the string', 'a.b', 'a\\\\.b'],
    [
      'escapes every RE2 metacharacter',
      '$^*{}[]+?.()|',
      '\\\\$\\\\^\\\\*\\\\{\\\\}\\\\[\\\\]\\\\+\\\\?\\\\.\\\\(\\\\)\\\\|',
    ],
    ['escapes a single quote like the Prometheus datasource', "it's", "it\\\\'s"],
    ['turns a backslash into four', 'a\\b', 'a\\\\\\\\b'],
    ['escapes a double quote for the string and the regex', 'a"b', 'a\\\\\\"b'],
  ])('%s', (_, input, expected) => {
    expect(prometheusSpecialRegexEscape(input)).toBe(expected);
  });
});

describe('formatPromQLVariable', () => {
  it('escapes a single-value variable as a plain string', () => {
    expect(formatPromQLVariable('a.b"c', { multi: false, includeAll: false })).toBe('a.b\\"c');
  });

  it('escapes a value without variable information as a plain string', () => {
    expect(formatPromQLVariable('a.b')).toBe('a.b');
  });

  it('joins the values of a multi-value variable as a regex alternation', () => {
    expect(formatPromQLVariable(['api', 'web.1'], { multi: true })).toBe('(api|web\\\\.1)');
  });

  it('writes a single selected value of a multi-value variable without parentheses', () => {
    expect(formatPromQLVariable(['web.1'], { multi: true })).toBe('web\\\\.1');
  });

  it('regex-escapes a string value of a variable that includes "All"', () => {
    expect(formatPromQLVariable('web.1', { includeAll: true })).toBe('web\\\\.1');
  });

  it('treats an array as multi-value even without variable information', () => {
    expect(formatPromQLVariable(['a', 'b'])).toBe('(a|b)');
  });
});

describe('hasVariable', () => {
  it.each([
    ['$step', true],
    ['${step}', true],
    ['$__interval', true],
    ['30s', false],
    ['$', false],
  ])('%j → %s', (text, expected) => {
    expect(hasVariable(text)).toBe(expected);
  });
});
