import fc from 'fast-check';
import { ProtocolError } from './protocol-error';
import { Reader } from './reader';
import { Writer } from './writer';

// Reader and Writer handle int64 as two 32-bit halves; BigInt is the reference here.
const asBytes = (value: bigint): Buffer => {
  const out = Buffer.alloc(8);
  out.writeBigInt64BE(value);
  return out;
};

describe('int64', () => {
  it('reads every safe integer as Node reads it', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (value) => {
        expect(new Reader(asBytes(BigInt(value))).int64()).toBe(value);
      }),
    );
  });

  it('refuses values outside the safe range, at its exact edges', () => {
    const max = BigInt(Number.MAX_SAFE_INTEGER);
    expect(new Reader(asBytes(max)).int64()).toBe(Number.MAX_SAFE_INTEGER);
    expect(new Reader(asBytes(-max)).int64()).toBe(Number.MIN_SAFE_INTEGER);
    for (const unsafe of [max + 1n, -max - 1n, 2n ** 63n - 1n, -(2n ** 63n)]) {
      expect(() => new Reader(asBytes(unsafe)).int64()).toThrow(ProtocolError);
    }
  });

  it('writes integers as Node writes them, across the whole int64 range', () => {
    const int64Numbers = fc
      .bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n })
      .map(Number)
      .filter((value) => value < 2 ** 63); // the largest bigints round up to 2^63
    fc.assert(
      fc.property(fc.oneof(fc.maxSafeInteger(), int64Numbers), (value) => {
        expect(new Writer(8).int64(value).toBuffer()).toEqual(asBytes(BigInt(value)));
      }),
    );
    expect(new Writer(8).int64(-1).toBuffer()).toEqual(Buffer.alloc(8, 0xff));
  });

  it('refuses to write what is not an int64', () => {
    for (const bad of [1.5, Number.NaN, Infinity, 2 ** 63]) {
      expect(() => new Writer(8).int64(bad)).toThrow(RangeError);
    }
  });
});
