import { findOrderViolations, type KeyedMessage } from './order-preservation';

const message = (partition: number, offset: number, key: string): KeyedMessage => ({
  partition,
  offset: String(offset),
  key,
});

describe('findOrderViolations', () => {
  const inputs = [message(0, 0, 'a'), message(0, 1, 'b'), message(1, 0, 'c'), message(0, 2, 'd')];

  it('accepts results in the order their events arrived, partition by partition', () => {
    const outputs = [
      message(1, 0, 'c'),
      message(0, 0, 'a'),
      message(0, 1, 'b'),
      message(0, 2, 'd'),
    ];
    expect(findOrderViolations(inputs, outputs)).toEqual([]);
  });

  it('reports a partition whose results overtook each other', () => {
    const outputs = [message(0, 0, 'b'), message(0, 1, 'a')];
    expect(findOrderViolations(inputs, outputs)).toEqual([
      { partition: 0, expected: ['a', 'b'], actual: ['b', 'a'] },
    ]);
  });

  it('counts only the first answer to a redelivered event', () => {
    const outputs = [message(0, 0, 'a'), message(0, 1, 'b'), message(0, 2, 'a')];
    expect(findOrderViolations(inputs, outputs)).toEqual([]);
  });

  it('compares offsets as numbers, not strings', () => {
    const many = [message(0, 9, 'x'), message(0, 10, 'y')];
    expect(findOrderViolations(many, [message(0, 0, 'x'), message(0, 1, 'y')])).toEqual([]);
  });
});
