/** Why a connection's byte stream cannot be split into frames; the connection is closed. */
export class FrameError extends Error {
  override readonly name = 'FrameError';
}

const SIZE_PREFIX = 4;

/**
 * Splits a TCP byte stream into Kafka frames (int32 size, then that many bytes). The size is
 * checked before anything is allocated for the frame: a hostile prefix costs nothing. Bytes are
 * kept as the socket delivered them until a frame is complete, so a frame that arrived in one
 * chunk is served as a view of that chunk, without a copy.
 */
export class FrameDecoder {
  private readonly pending: Buffer[] = [];
  private buffered = 0;
  /** Body size of the frame being received, once its prefix arrived. */
  private expected = -1;

  /** Larger frames are refused; may change between frames (smaller before authentication). */
  maxFrameBytes: number;

  constructor(maxFrameBytes: number) {
    this.maxFrameBytes = maxFrameBytes;
  }

  /** True while bytes of an incomplete frame are held. */
  get hasPartialFrame(): boolean {
    return this.buffered > 0 || this.expected >= 0;
  }

  /** Adds received bytes and returns every frame body they complete. Throws FrameError. */
  push(chunk: Buffer): Buffer[] {
    if (chunk.length > 0) {
      this.pending.push(chunk);
      this.buffered += chunk.length;
    }
    const frames: Buffer[] = [];
    for (;;) {
      if (this.expected < 0) {
        if (this.buffered < SIZE_PREFIX) break;
        const size = this.take(SIZE_PREFIX).readInt32BE(0);
        if (size < 0) throw new FrameError(`negative frame size ${size}`);
        if (size > this.maxFrameBytes) {
          throw new FrameError(`frame size ${size} exceeds the limit of ${this.maxFrameBytes}`);
        }
        this.expected = size;
      }
      if (this.buffered < this.expected) break;
      frames.push(this.take(this.expected));
      this.expected = -1;
    }
    return frames;
  }

  private take(n: number): Buffer {
    if (n === 0) return Buffer.alloc(0);
    const first = this.pending[0] as Buffer;
    let out: Buffer;
    if (first.length >= n) {
      out = first.subarray(0, n);
      if (first.length === n) this.pending.shift();
      else this.pending[0] = first.subarray(n);
    } else {
      out = Buffer.allocUnsafe(n);
      let filled = 0;
      while (filled < n) {
        const head = this.pending[0] as Buffer;
        const used = Math.min(head.length, n - filled);
        head.copy(out, filled, 0, used);
        filled += used;
        if (used === head.length) this.pending.shift();
        else this.pending[0] = head.subarray(used);
      }
    }
    this.buffered -= n;
    return out;
  }
}
