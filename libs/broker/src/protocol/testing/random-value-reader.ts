import { Reader } from '../primitives';

const LETTERS = 'abcxyz-._é';

/**
 * Test helper: a Reader that consumes no bytes and invents small values instead, so that any
 * codec (adapted ones included) yields a random well-formed value of its grammar. Encoding that
 * value gives a valid frame for the fuzz tests to mutate. Deterministic for a given seed.
 */
export class RandomValueReader extends Reader {
  private state: number;

  constructor(seed: number) {
    super(Buffer.alloc(0));
    this.state = seed >>> 0;
  }

  /** mulberry32: a uniform uint32. */
  private next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  private below(n: number): number {
    return this.next() % n;
  }

  override int8(): number {
    return this.below(256) - 128;
  }

  override int16(): number {
    return this.below(65536) - 32768;
  }

  override int32(): number {
    return this.next() | 0;
  }

  override uint32(): number {
    return this.next();
  }

  override int64(): number {
    // Anywhere in the safe range, small values more often (offsets, ids, -1 sentinels).
    if (this.below(2) === 0) return this.below(2000) - 2;
    const high = this.below(0x200000) * 0x100000000 + this.next();
    return this.below(2) === 0 ? high : -high;
  }

  override boolean(): boolean {
    return this.below(2) === 1;
  }

  override nullableString(): string | null {
    return this.below(8) === 0 ? null : this.string();
  }

  override string(): string {
    let out = '';
    for (let n = this.below(7); n > 0; n--) out += LETTERS[this.below(LETTERS.length)];
    return out;
  }

  override nullableBytes(): Buffer | null {
    return this.below(8) === 0 ? null : this.bytes();
  }

  override bytes(): Buffer {
    const out = Buffer.alloc(this.below(17));
    for (let i = 0; i < out.length; i++) out[i] = this.below(256);
    return out;
  }

  /** 0-3 elements, or null (an absent array reads null as empty). */
  override arrayLength(): number {
    const pick = this.below(5);
    return pick === 4 ? -1 : pick;
  }
}
