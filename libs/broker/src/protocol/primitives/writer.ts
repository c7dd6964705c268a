/**
 * Growable big-endian buffer for responses. Large payloads (record batches served by Fetch) are
 * not copied: `chunks()` hands them to the socket as they are, beside the encoded bytes.
 */
export class Writer {
  private buf: Buffer;
  private pos = 0;
  private readonly done: Buffer[] = [];
  private doneLength = 0;

  constructor(initialSize = 256) {
    this.buf = Buffer.allocUnsafe(initialSize);
  }

  /** Bytes written so far, including attached chunks. */
  get length(): number {
    return this.doneLength + this.pos;
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  int8(value: number): this {
    this.ensure(1);
    this.pos = this.buf.writeInt8(value, this.pos);
    return this;
  }

  int16(value: number): this {
    this.ensure(2);
    this.pos = this.buf.writeInt16BE(value, this.pos);
    return this;
  }

  int32(value: number): this {
    this.ensure(4);
    this.pos = this.buf.writeInt32BE(value, this.pos);
    return this;
  }

  uint32(value: number): this {
    this.ensure(4);
    this.pos = this.buf.writeUInt32BE(value, this.pos);
    return this;
  }

  /** Written as two 32-bit halves (exact for any integer in range): no BigInt per value. */
  int64(value: number): this {
    if (!Number.isInteger(value) || value < -(2 ** 63) || value >= 2 ** 63) {
      throw new RangeError(`${value} is not an int64`);
    }
    this.ensure(8);
    const high = Math.floor(value / 0x100000000);
    this.buf.writeInt32BE(high, this.pos);
    this.buf.writeUInt32BE(value - high * 0x100000000, this.pos + 4);
    this.pos += 8;
    return this;
  }

  boolean(value: boolean): this {
    return this.int8(value ? 1 : 0);
  }

  varint(value: number): this {
    let raw = ((value << 1) ^ (value >> 31)) >>> 0;
    this.ensure(5);
    while (raw >= 0x80) {
      this.buf[this.pos++] = (raw & 0x7f) | 0x80;
      raw >>>= 7;
    }
    this.buf[this.pos++] = raw;
    return this;
  }

  varlong(value: number): this {
    const big = BigInt(value);
    let raw = BigInt.asUintN(64, (big << 1n) ^ (big >> 63n));
    this.ensure(10);
    while (raw >= 0x80n) {
      this.buf[this.pos++] = Number(raw & 0x7fn) | 0x80;
      raw >>= 7n;
    }
    this.buf[this.pos++] = Number(raw);
    return this;
  }

  raw(bytes: Buffer): this {
    // Small pieces are copied; large ones are attached as they are, so a fetch response
    // never copies the record batches it serves.
    if (bytes.length < 4096) {
      this.ensure(bytes.length);
      bytes.copy(this.buf, this.pos);
      this.pos += bytes.length;
      return this;
    }
    this.flushInto();
    this.done.push(bytes);
    this.doneLength += bytes.length;
    return this;
  }

  nullableString(value: string | null): this {
    if (value === null) return this.int16(-1);
    const length = Buffer.byteLength(value, 'utf8');
    this.int16(length);
    this.ensure(length);
    this.pos += this.buf.write(value, this.pos, 'utf8');
    return this;
  }

  string(value: string): this {
    return this.nullableString(value);
  }

  nullableBytes(value: Buffer | null): this {
    if (value === null) return this.int32(-1);
    this.int32(value.length);
    return this.raw(value);
  }

  bytes(value: Buffer): this {
    return this.nullableBytes(value);
  }

  private flushInto(): void {
    if (this.pos === 0) return;
    this.done.push(this.buf.subarray(0, this.pos));
    this.doneLength += this.pos;
    this.buf = Buffer.allocUnsafe(Math.max(256, this.buf.length));
    this.pos = 0;
  }

  /** The encoded bytes as a list of buffers, in order. */
  chunks(): Buffer[] {
    this.flushInto();
    return this.done;
  }

  /** The encoded bytes as one buffer (copies when there is more than one chunk). */
  toBuffer(): Buffer {
    const chunks = this.chunks();
    return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, this.doneLength);
  }
}
