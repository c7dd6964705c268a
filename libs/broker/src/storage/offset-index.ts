import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from './file-io';

const ENTRY_BYTES = 8;

/**
 * Sparse offset index of one segment: entries (offset - segment base offset, file position) once
 * every `intervalBytes` of log, so a read starts scanning at most one interval before its batch.
 * Kept in memory (8 bytes per interval: 2 MiB per GiB of log) and written to `.index` when the
 * segment is closed; the active segment's index is rebuilt on recovery, which scans it anyway.
 */
export class OffsetIndex {
  private entries: Buffer;
  private count = 0;
  private lastIndexedPosition = 0;

  constructor(
    readonly baseOffset: number,
    private readonly intervalBytes: number,
    initialEntries = 64,
  ) {
    this.entries = Buffer.allocUnsafe(initialEntries * ENTRY_BYTES);
  }

  /** Loads an index file; null when it is missing or disagrees with a log of `logSize` bytes. */
  static async load(
    file: string,
    baseOffset: number,
    intervalBytes: number,
    logSize: number,
  ): Promise<OffsetIndex | null> {
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch {
      return null;
    }
    if (bytes.length % ENTRY_BYTES !== 0) return null;
    const index = new OffsetIndex(
      baseOffset,
      intervalBytes,
      Math.max(1, bytes.length / ENTRY_BYTES),
    );
    let previousOffset = -1;
    let previousPosition = 0;
    for (let at = 0; at < bytes.length; at += ENTRY_BYTES) {
      const relativeOffset = bytes.readUInt32BE(at);
      const position = bytes.readUInt32BE(at + 4);
      const monotonic = relativeOffset > previousOffset && position > previousPosition;
      if (!monotonic || position >= logSize) return null;
      index.add(baseOffset + relativeOffset, position);
      previousOffset = relativeOffset;
      previousPosition = position;
    }
    return index;
  }

  get size(): number {
    return this.count;
  }

  /** Records the batch starting at `position` if an interval has passed since the last entry. */
  onBatch(baseOffset: number, position: number): void {
    if (position - this.lastIndexedPosition >= this.intervalBytes) this.add(baseOffset, position);
  }

  /** Position of the last indexed batch at or before `offset` (0: scan from the start). */
  positionFor(offset: number): number {
    const relative = offset - this.baseOffset;
    let low = 0;
    let high = this.count - 1;
    let found = 0;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      if (this.entries.readUInt32BE(mid * ENTRY_BYTES) <= relative) {
        found = this.entries.readUInt32BE(mid * ENTRY_BYTES + 4);
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return found;
  }

  /** Position of the last entry: a scan for the newest batches can start there. */
  lastPosition(): number {
    return this.lastIndexedPosition;
  }

  /** Forgets entries at or after `position` (the log was truncated there). */
  truncateTo(position: number): void {
    while (
      this.count > 0 &&
      this.entries.readUInt32BE((this.count - 1) * ENTRY_BYTES + 4) >= position
    ) {
      this.count--;
    }
    this.lastIndexedPosition =
      this.count === 0 ? 0 : this.entries.readUInt32BE((this.count - 1) * ENTRY_BYTES + 4);
  }

  async save(file: string): Promise<void> {
    await writeFileAtomic(file, this.entries.subarray(0, this.count * ENTRY_BYTES));
  }

  private add(offset: number, position: number): void {
    if ((this.count + 1) * ENTRY_BYTES > this.entries.length) {
      const grown = Buffer.allocUnsafe(this.entries.length * 2);
      this.entries.copy(grown, 0, 0, this.count * ENTRY_BYTES);
      this.entries = grown;
    }
    this.entries.writeUInt32BE(offset - this.baseOffset, this.count * ENTRY_BYTES);
    this.entries.writeUInt32BE(position, this.count * ENTRY_BYTES + 4);
    this.count++;
    this.lastIndexedPosition = position;
  }
}
