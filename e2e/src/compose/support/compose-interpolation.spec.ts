import { interpolate, interpolateDeep } from './compose-interpolation';

describe('compose interpolation', () => {
  const env = { SET: 'value', EMPTY: '' };

  it.each([
    ['${SET}', 'value'],
    ['$SET/x', 'value/x'],
    ['${UNSET}', ''],
    ['${UNSET:-fallback}', 'fallback'],
    ['${EMPTY:-fallback}', 'fallback'],
    ['${EMPTY-fallback}', ''],
    ['${UNSET-fallback}', 'fallback'],
    ['${SET:-fallback}', 'value'],
    ['${UNSET:-${SET}}', 'value'],
    [
      'postgres://fanout:${UNSET:-fanout}@postgres:5432/orders',
      'postgres://fanout:fanout@postgres:5432/orders',
    ],
    ['"$$topic" costs $$5', '"$topic" costs $5'],
  ])('%s → %s', (text, expected) => {
    expect(interpolate(text, env)).toBe(expected);
  });

  it('refuses a required variable without a value, with its message', () => {
    expect(() => interpolate('${UNSET:?set a password}', env)).toThrow(
      'required variable UNSET is missing a value: set a password',
    );
    expect(() => interpolate('${EMPTY?no}', env)).not.toThrow();
  });

  it('refuses what compose refuses', () => {
    expect(() => interpolate('${UNCLOSED', env)).toThrow('unterminated');
    expect(() => interpolate('cost: $5', env)).toThrow('lone "$"');
    expect(() => interpolate('${1BAD}', env)).toThrow('invalid interpolation');
  });

  it('interpolates the strings of a whole document, not its keys or numbers', () => {
    expect(interpolateDeep({ $KEY: ['${SET}', 6, { port: 9092 }] }, env)).toEqual({
      $KEY: ['value', 6, { port: 9092 }],
    });
  });
});
