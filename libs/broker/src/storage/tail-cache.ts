interface CachedBatch {
  baseOffset: number;
  lastOffset: number;
  bytes: Buffer;
}

/**
 * A batch arrives as a view of the request frame (or of the socket read holding it), and a view
 * keeps all of that memory alive. A batch that is a small part of it is copied, so the cache
 * never pins more than twice its byte budget: a small batch cannot hold on to a 100 MiB frame.
 */
function ownMemory(batch: Buffer): Buffer {
  if (batch.length * 2 >= batch.buffer.byteLength) return batch;
  // Not Buffer.from: a small copy would land in the shared allocation pool, pinning a slab.
  const own = Buffer.allocUnsafeSlow(batch.length);
  batch.copy(own);
  return own;
}

const EVICTED: CachedBatch = { baseOffset: -1, lastOffset: -1, bytes: Buffer.alloc(0) };

/**
 * The newest stored batches of one partition, kept in memory up to a byte budget: consumers that
 * tail the log are served from here without touching the file or the index. The budget is a
 * function so that the store can share one total between however many partitions it has.
 */
export class TailCache {
  private batches: CachedBatch[] = [];
  private head = 0;
  private bytes = 0;

  constructor(private readonly maxBytes: () => number) {}

  /** Adds a batch that was just written (offsets strictly after every cached batch). */
  push(baseOffset: number, lastOffset: number, bytes: Buffer): void {
    const maxBytes = this.maxBytes();
    if (maxBytes <= 0) return;
    this.batches.push({ baseOffset, lastOffset, bytes: ownMemory(bytes) });
    this.bytes += bytes.length;
    while (this.bytes > maxBytes && this.batches.length - this.head > 1) {
      this.bytes -= this.batches[this.head].bytes.length;
      this.batches[this.head++] = EVICTED; // drops the reference now, not at the next compaction
    }
    if (this.head > 64 && this.head * 2 > this.batches.length) {
      this.batches = this.batches.slice(this.head);
      this.head = 0;
    }
  }

  /** Whole batches from the one holding `offset`, up to ~maxBytes (at least one); undefined when not cached. */
  read(offset: number, maxBytes: number): Buffer[] | undefined {
    if (this.head >= this.batches.length || offset < this.batches[this.head].baseOffset) {
      return undefined;
    }
    let low = this.head;
    let high = this.batches.length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.batches[mid].lastOffset < offset) low = mid + 1;
      else high = mid;
    }
    if (this.batches[low].lastOffset < offset) return undefined;
    const chunks: Buffer[] = [];
    let total = 0;
    for (let i = low; i < this.batches.length; i++) {
      const batch = this.batches[i].bytes;
      if (chunks.length > 0 && total + batch.length > maxBytes) break;
      chunks.push(batch);
      total += batch.length;
    }
    return chunks;
  }

  clear(): void {
    this.batches = [];
    this.head = 0;
    this.bytes = 0;
  }
}
