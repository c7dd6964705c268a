import { ProtocolError } from './protocol-error';

/**
 * Bounds-checked cursor over one frame. Every length and count is checked against the bytes that
 * are left before anything is sliced or allocated, so a hostile length field cannot make the
 * broker allocate more than the frame it already holds (CVE-2022-34917).
 */
export class Reader {
  private pos: number;

  constructor(
    readonly buffer: Buffer,
    start = 0,
    private readonly end = buffer.length,
  ) {
    this.pos = start;
  }

  get offset(): number {
    return this.pos;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  private take(n: number): number {
    if (n < 0 || n > this.end - this.pos) {
      throw new ProtocolError(
        `needs ${n} bytes at offset ${this.pos}, ${this.end - this.pos} left`,
      );
    }
    const at = this.pos;
    this.pos += n;
    return at;
  }

  int8(): number {
    return this.buffer.readInt8(this.take(1));
  }

  int16(): number {
    return this.buffer.readInt16BE(this.take(2));
  }

  int32(): number {
    return this.buffer.readInt32BE(this.take(4));
  }

  uint32(): number {
    return this.buffer.readUInt32BE(this.take(4));
  }

  /**
   * Offsets, timestamps and ids are well inside 2^53; anything beyond is refused, not rounded.
   * Read as two 32-bit halves: no BigInt is allocated on the produce and fetch paths.
   */
  int64(): number {
    const at = this.take(8);
    const high = this.buffer.readInt32BE(at);
    const low = this.buffer.readUInt32BE(at + 4);
    // |value| <= 2^53 - 1 exactly when the high half is in [-2^21, 2^21) and value != -2^53.
    if (high >= 0x200000 || high < -0x200000 || (high === -0x200000 && low === 0)) {
      throw new ProtocolError(`int64 at offset ${at} is outside the safe integer range`);
    }
    return high * 0x100000000 + low;
  }

  boolean(): boolean {
    return this.int8() !== 0;
  }

  /** A zig-zag varint (Kafka records), at most 5 bytes. */
  varint(): number {
    let raw = 0;
    let shift = 0;
    for (;;) {
      if (shift > 28) throw new ProtocolError('varint longer than 5 bytes');
      const byte = this.buffer[this.take(1)] as number;
      raw |= (byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) break;
      shift += 7;
    }
    return (raw >>> 1) ^ -(raw & 1);
  }

  /** A zig-zag varlong, at most 10 bytes, refused beyond the safe integer range. */
  varlong(): number {
    let raw = 0n;
    let shift = 0n;
    for (;;) {
      if (shift > 63n) throw new ProtocolError('varlong longer than 10 bytes');
      const byte = this.buffer[this.take(1)] as number;
      raw |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) break;
      shift += 7n;
    }
    const value = (raw >> 1n) ^ -(raw & 1n);
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
      throw new ProtocolError(`varlong ${value} is outside the safe integer range`);
    }
    return Number(value);
  }

  /** Bytes shared with the frame, not copied. */
  slice(length: number): Buffer {
    const at = this.take(length);
    return this.buffer.subarray(at, at + length);
  }

  nullableString(): string | null {
    const length = this.int16();
    if (length === -1) return null;
    if (length < -1) throw new ProtocolError(`string length ${length}`);
    const at = this.take(length);
    return this.buffer.toString('utf8', at, at + length);
  }

  string(): string {
    const value = this.nullableString();
    if (value === null) throw new ProtocolError('null where a string is required');
    return value;
  }

  nullableBytes(): Buffer | null {
    const length = this.int32();
    if (length === -1) return null;
    if (length < -1) throw new ProtocolError(`bytes length ${length}`);
    return this.slice(length);
  }

  bytes(): Buffer {
    const value = this.nullableBytes();
    if (value === null) throw new ProtocolError('null where bytes are required');
    return value;
  }

  /**
   * An array count, or -1 for null. Each element takes at least `minElementSize` bytes, so a count
   * the remaining bytes cannot hold is refused before any element is read.
   */
  arrayLength(minElementSize: number): number {
    const count = this.int32();
    if (count === -1) return -1;
    if (count < -1) throw new ProtocolError(`array count ${count}`);
    if (count * Math.max(minElementSize, 1) > this.remaining) {
      throw new ProtocolError(`array count ${count} exceeds the ${this.remaining} bytes left`);
    }
    return count;
  }
}
