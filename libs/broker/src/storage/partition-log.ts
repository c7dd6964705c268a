import {
  BATCH_HEADER_SIZE,
  BatchHeader,
  batchSizeAt,
  InvalidBatchError,
  lastOffsetAt,
  setBaseOffset,
  splitBatches,
} from '../record';
import { scanBatches } from './batch-scanner';
import { AppendError, AppendResult, FsyncPolicy, PartitionLog, ReadResult } from './log-store';
import { ProducerState } from './producer-state';
import { Segment, SegmentBatch, SegmentDeletedError, SyncFn } from './segment';
import { TailCache } from './tail-cache';

export interface PartitionLogOptions {
  segmentBytes: number;
  indexIntervalBytes: number;
  fsync: FsyncPolicy;
  syncFn: SyncFn;
  /** Current in-memory tail budget of one partition. */
  tailCacheBytes: () => number;
  /** A write or sync failed: the store becomes unusable. */
  onFatal: (error: Error) => void;
  /** A new segment was started (retention may now have work). */
  onRoll: () => void;
}

interface PendingAppend {
  batches: SegmentBatch[];
  bytes: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

/** Smallest read from disk: headers of a few batches around the fetch offset come with it. */
const MIN_READ_BYTES = 64 * 1024;
/** Largest single read; bigger fetches take several. */
const MAX_READ_BYTES = 4 * 1024 * 1024;

/**
 * One topic-partition on disk: contiguous segments, the last one active. Appends are queued and
 * written in order, every queued append at once (one writev), so concurrent producers share
 * writes and, with fsync 'always', fdatasyncs (group commit).
 */
export class DiskPartitionLog implements PartitionLog {
  private nextOffset: number;
  private hw: number;
  private readonly pending: PendingAppend[] = [];
  private writing = false;
  private failure: Error | undefined;
  private dirty = false;
  private closing = false;
  private lastQueued: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<() => void>();
  private readonly cache: TailCache;

  constructor(
    readonly topic: string,
    readonly partition: number,
    readonly dir: string,
    private readonly segments: Segment[],
    private readonly producers: ProducerState,
    private readonly options: PartitionLogOptions,
  ) {
    this.nextOffset = this.active.state.nextOffset;
    this.hw = this.nextOffset;
    this.cache = new TailCache(options.tailCacheBytes);
  }

  private get active(): Segment {
    return this.segments[this.segments.length - 1];
  }

  highWatermark(): number {
    return this.hw;
  }

  logStartOffset(): number {
    return this.segments[0].baseOffset;
  }

  /** Segments oldest first; the last one is active. */
  segmentList(): readonly Segment[] {
    return this.segments;
  }

  sizeInBytes(): number {
    return this.segments.reduce((sum, segment) => sum + segment.size, 0);
  }

  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  append(raw: Buffer): Promise<AppendResult | { error: AppendError }> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closing) return Promise.reject(new Error(`${this.topic}-${this.partition} is closed`));
    let headers: BatchHeader[];
    try {
      headers = splitBatches(raw);
    } catch (error) {
      if (error instanceof InvalidBatchError) return Promise.resolve({ error: 'CORRUPT_MESSAGE' });
      throw error;
    }
    if (headers.length === 0) return Promise.resolve({ error: 'CORRUPT_MESSAGE' });

    const stage = this.producers.stage();
    const batches: SegmentBatch[] = [];
    let firstOffset: number | undefined;
    let offset = this.nextOffset;
    let at = 0;
    for (const header of headers) {
      const verdict = stage.check(header);
      if (verdict.kind === 'error') return Promise.resolve({ error: verdict.error });
      if (verdict.kind === 'duplicate') {
        firstOffset ??= verdict.baseOffset;
      } else {
        setBaseOffset(raw, at, offset);
        stage.record(header, offset);
        batches.push({
          baseOffset: offset,
          lastOffset: offset + header.lastOffsetDelta,
          maxTimestamp: header.maxTimestamp,
          bytes: raw.subarray(at, at + header.size),
        });
        firstOffset ??= offset;
        offset += header.lastOffsetDelta + 1;
      }
      at += header.size;
    }
    stage.commit();
    this.nextOffset = offset;
    const result = { baseOffset: firstOffset ?? offset };

    // A pure retry: answer once the original (possibly still in flight) is acknowledged.
    if (batches.length === 0) {
      return this.lastQueued.then(() => {
        if (this.failure) throw this.failure;
        return { ...result, logStartOffset: this.logStartOffset() };
      });
    }
    const written = new Promise<void>((resolve, reject) => {
      const bytes = batches.reduce((sum, batch) => sum + batch.bytes.length, 0);
      this.pending.push({ batches, bytes, resolve, reject });
    });
    this.lastQueued = written.catch(() => undefined);
    void this.drain();
    return written.then(() => ({ ...result, logStartOffset: this.logStartOffset() }));
  }

  async read(offset: number, maxBytes: number): Promise<ReadResult> {
    const highWatermark = this.hw;
    const outOfRange = (): ReadResult => ({
      error: 'OFFSET_OUT_OF_RANGE',
      highWatermark,
      logStartOffset: this.logStartOffset(),
    });
    if (offset > highWatermark || offset < this.logStartOffset()) return outOfRange();
    const found = (chunks: Buffer[]): ReadResult => ({
      chunks,
      bytes: chunks.reduce((sum, chunk) => sum + chunk.length, 0),
      highWatermark,
      logStartOffset: this.logStartOffset(),
    });
    if (offset === highWatermark) return found([]);
    const cached = this.cache.read(offset, maxBytes);
    if (cached) return found(cached);
    try {
      return found(
        await this.readFromDisk(this.segmentFor(offset), offset, maxBytes, highWatermark),
      );
    } catch (error) {
      if (error instanceof SegmentDeletedError) return outOfRange();
      throw error;
    }
  }

  async offsetForTimestamp(timestamp: number): Promise<number> {
    // Retention may delete a segment under the scan: the log start moved, so look again.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.scanForTimestamp(timestamp);
      } catch (error) {
        if (!(error instanceof SegmentDeletedError) || attempt === 3) throw error;
      }
    }
  }

  private async scanForTimestamp(timestamp: number): Promise<number> {
    for (const segment of [...this.segments]) {
      if ((await this.maxTimestampOf(segment)) < timestamp) continue;
      let found: number | undefined;
      await segment.withFd((fd) =>
        scanBatches(fd, 0, segment.size, false, (header) => {
          if (header.baseOffset >= this.hw) return false;
          if (header.maxTimestamp < timestamp) return true;
          found = header.baseOffset;
          return false;
        }),
      );
      if (found !== undefined) return Math.max(found, this.logStartOffset());
    }
    return this.hw;
  }

  /** Newest batch timestamp of a segment; scanned once for segments found at start-up. */
  async maxTimestampOf(segment: Segment): Promise<number> {
    if (segment.state.maxTimestamp === undefined) {
      let newest = -1;
      await segment.withFd((fd) =>
        scanBatches(fd, 0, segment.size, false, (header) => {
          newest = Math.max(newest, header.maxTimestamp);
        }),
      );
      segment.state.maxTimestamp = newest;
    }
    return segment.state.maxTimestamp;
  }

  /** Drops the oldest closed segments (never the active one) and deletes their files. */
  async deleteOldestSegments(count: number): Promise<void> {
    const doomed = this.segments.splice(0, Math.min(count, this.segments.length - 1));
    for (const segment of doomed) await segment.delete();
  }

  /** fdatasync of the active segment if written since the last one (fsync {intervalMs}). */
  async syncIfDirty(): Promise<void> {
    if (!this.dirty || this.failure) return;
    this.dirty = false;
    try {
      await this.active.syncs.request();
    } catch (error) {
      this.fail(error as Error);
    }
  }

  /**
   * Waits for queued appends and closes every file. The active segment's index is not written:
   * recovery verifies that segment batch by batch anyway and rebuilds its index on the way.
   */
  async close(): Promise<void> {
    this.closing = true;
    await this.lastQueued;
    await Promise.all(this.segments.map((segment) => segment.close()));
  }

  /** Deletes every file of the partition (topic deletion); later reads find nothing. */
  async destroy(): Promise<void> {
    this.closing = true;
    await this.lastQueued;
    this.cache.clear();
    for (const segment of this.segments) await segment.delete();
  }

  private async drain(): Promise<void> {
    if (this.writing) return;
    this.writing = true;
    try {
      while (this.pending.length > 0 && !this.failure) {
        let group: PendingAppend[] = [];
        try {
          const first = this.pending[0].bytes;
          if (this.active.size > 0 && this.active.size + first > this.options.segmentBytes) {
            await this.roll();
          }
          group = this.takeGroup();
          await this.writeGroup(group);
        } catch (error) {
          const failure = this.fail(error as Error);
          for (const append of group) append.reject(failure);
        }
      }
    } finally {
      this.writing = false;
    }
    if (this.failure) {
      for (const append of this.pending.splice(0)) append.reject(this.failure);
    }
  }

  /** Queued appends that fit in the active segment (always at least one). */
  private takeGroup(): PendingAppend[] {
    const room = this.options.segmentBytes - this.active.size;
    let bytes = 0;
    let count = 0;
    while (
      count < this.pending.length &&
      (count === 0 || bytes + this.pending[count].bytes <= room)
    ) {
      bytes += this.pending[count++].bytes;
    }
    return this.pending.splice(0, count);
  }

  private async writeGroup(group: PendingAppend[]): Promise<void> {
    const batches = group.flatMap((append) => append.batches);
    const segment = this.active;
    await segment.append(batches);
    for (const batch of batches) this.cache.push(batch.baseOffset, batch.lastOffset, batch.bytes);
    this.hw = batches[batches.length - 1].lastOffset + 1;
    this.notifyListeners();

    if (this.options.fsync === 'always') {
      // Not awaited: the next group is written while this one syncs (group commit).
      segment.syncs.request().then(
        () => group.forEach((append) => append.resolve()),
        (error: Error) => group.forEach((append) => append.reject(this.fail(error))),
      );
    } else {
      this.dirty = true;
      group.forEach((append) => append.resolve());
    }
  }

  private notifyListeners(): void {
    for (const listener of this.listeners) {
      try {
        listener();
      } catch (error) {
        // A listener's bug is not a storage failure: the data is written either way.
        process.emitWarning(error as Error);
      }
    }
  }

  private async roll(): Promise<void> {
    const previous = this.active;
    const next = await Segment.create(
      this.dir,
      this.hw,
      this.options.indexIntervalBytes,
      this.options.syncFn,
    );
    this.segments.push(next);
    // The closed segment is made durable once, whatever the policy (as Kafka flushes on roll).
    await previous.syncs.request();
    await previous.seal();
    this.options.onRoll();
  }

  /** Refuses every later append: another part of the store failed. */
  halt(failure: Error): void {
    this.failure ??= failure;
  }

  private fail(error: Error): Error {
    if (!this.failure) {
      this.failure = new Error(
        `storage failure on ${this.topic}-${this.partition}: ${error.message}`,
        { cause: error },
      );
      this.options.onFatal(this.failure);
    }
    return this.failure;
  }

  private segmentFor(offset: number): Segment {
    let low = 0;
    let high = this.segments.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if (this.segments[mid].baseOffset <= offset) low = mid;
      else high = mid - 1;
    }
    return this.segments[low];
  }

  /**
   * Whole batches from the one holding `offset`: starts at the index entry before it and scans
   * batch headers. The returned chunks are views of the bytes read (no copy).
   */
  private async readFromDisk(
    segment: Segment,
    offset: number,
    maxBytes: number,
    highWatermark: number,
  ): Promise<Buffer[]> {
    const end = segment.size;
    const chunks: Buffer[] = [];
    let total = 0;
    let position = segment.index.positionFor(offset);
    let needed =
      Math.max(MIN_READ_BYTES, Math.min(maxBytes, MAX_READ_BYTES)) +
      this.options.indexIntervalBytes;
    while (position < end) {
      const buf = await segment.read(position, Math.min(end - position, needed));
      let at = 0;
      needed = MIN_READ_BYTES;
      while (at + BATCH_HEADER_SIZE <= buf.length) {
        const baseOffset = Number(buf.readBigInt64BE(at));
        const size = batchSizeAt(buf, at);
        const lastOffset = lastOffsetAt(buf, at);
        if (baseOffset >= highWatermark) return chunks;
        if (lastOffset < offset) {
          at += size;
          continue;
        }
        if (chunks.length > 0 && total + size > maxBytes) return chunks;
        if (at + size > buf.length) {
          needed = Math.max(size, maxBytes - total);
          break;
        }
        chunks.push(buf.subarray(at, at + size));
        total += size;
        at += size;
        if (total >= maxBytes) return chunks;
      }
      // No progress and nothing more to read: framing that the recovery should have cut.
      if (at === 0 && buf.length >= Math.min(needed, end - position)) break;
      position += at;
    }
    return chunks;
  }
}
