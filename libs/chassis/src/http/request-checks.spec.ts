import { isJsonMediaType, jsonBodyProblem } from './request-checks';

const problem = (text: string, maxDepth = 3) => jsonBodyProblem(Buffer.from(text), maxDepth);

describe('jsonBodyProblem', () => {
  it('accepts JSON nested up to the limit', () => {
    expect(problem('{"a":[{"b":1}]}')).toBeUndefined();
    expect(problem('[[[]]]')).toBeUndefined();
  });

  it('refuses nesting deeper than the limit', () => {
    expect(problem('{"a":[{"b":[1]}]}')).toBe('JSON is nested deeper than 3 levels');
    expect(problem('['.repeat(100_000))).toMatch(/nested deeper/);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(problem('{"a":"[[[[{{{{"}')).toBeUndefined();
    expect(problem('{"a":"\\"[[[[[[","b":1}')).toBeUndefined();
  });

  it('refuses a \\u0000 escape in a string, but not an escaped backslash before u0000', () => {
    expect(problem('{"a":"x\\u0000"}')).toMatch(/NUL/);
    expect(problem('{"a\\u0000":1}')).toMatch(/NUL/);
    expect(problem('{"a":"x\\\\u0000"}')).toBeUndefined();
    expect(problem('{"a":"\\u00001"}')).toMatch(/NUL/);
    expect(problem('{"a":"\\u0001"}')).toBeUndefined();
  });
});

describe('isJsonMediaType', () => {
  it.each([
    ['application/json', true],
    ['application/json; charset=utf-8', true],
    ['Application/JSON', true],
    ['application/merge-patch+json', true],
    ['text/plain', false],
    ['application/x-www-form-urlencoded', false],
    [undefined, false],
  ])('%s → %s', (type, expected) => {
    expect(isJsonMediaType(type)).toBe(expected);
  });
});
