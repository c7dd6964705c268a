import { unlink } from 'node:fs/promises';
import * as path from 'node:path';
import { closeFile, openFile, readAt, writeAllAt } from './file-io';
import { OffsetIndex } from './offset-index';
import { SyncScheduler } from './sync-scheduler';

export type SyncFn = (fd: number) => Promise<void>;

export const segmentFileName = (baseOffset: number, extension: 'log' | 'index'): string =>
  `${String(baseOffset).padStart(20, '0')}.${extension}`;

/** Base offset of a `.log` file name, or undefined for other files. */
export function parseSegmentFileName(name: string): number | undefined {
  const match = /^(\d{20})\.log$/.exec(name);
  return match ? Number(match[1]) : undefined;
}

/** The segment was deleted (retention) after the reader chose it. */
export class SegmentDeletedError extends Error {
  override readonly name = 'SegmentDeletedError';
}

export interface SegmentState {
  /** Bytes of whole batches in the file. */
  size: number;
  /** Offset after the segment's last batch. */
  nextOffset: number;
  /** Newest batch max timestamp, when known (-1: no batch yet). */
  maxTimestamp: number | undefined;
}

/** A batch with its assigned offsets, as the segment stores and indexes it. */
export interface SegmentBatch {
  baseOffset: number;
  lastOffset: number;
  maxTimestamp: number;
  bytes: Buffer;
}

/**
 * One append-only `.log` file (batches exactly as stored) with its sparse offset index. Writes
 * go at `size` (positional), so a torn tail beyond it is simply overwritten or truncated away.
 */
export class Segment {
  private readers = 0;
  private retired = false;
  private closed: Promise<void> | undefined;
  readonly syncs: SyncScheduler;

  constructor(
    readonly dir: string,
    readonly baseOffset: number,
    private readonly fd: number,
    readonly index: OffsetIndex,
    public state: SegmentState,
    syncFn: SyncFn,
  ) {
    this.syncs = new SyncScheduler(() => syncFn(this.fd));
  }

  static async create(dir: string, baseOffset: number, indexIntervalBytes: number, syncFn: SyncFn) {
    const fd = await openFile(path.join(dir, segmentFileName(baseOffset, 'log')), 'wx+');
    const index = new OffsetIndex(baseOffset, indexIntervalBytes);
    const state = { size: 0, nextOffset: baseOffset, maxTimestamp: -1 };
    return new Segment(dir, baseOffset, fd, index, state, syncFn);
  }

  get logFile(): string {
    return path.join(this.dir, segmentFileName(this.baseOffset, 'log'));
  }

  get indexFile(): string {
    return path.join(this.dir, segmentFileName(this.baseOffset, 'index'));
  }

  get size(): number {
    return this.state.size;
  }

  get fileDescriptor(): number {
    return this.fd;
  }

  /** Appends whole batches at the end, in one positional write. */
  async append(batches: readonly SegmentBatch[]): Promise<void> {
    let position = this.state.size;
    await writeAllAt(
      this.fd,
      batches.map((batch) => batch.bytes),
      position,
    );
    for (const batch of batches) {
      this.index.onBatch(batch.baseOffset, position);
      position += batch.bytes.length;
      this.state.nextOffset = batch.lastOffset + 1;
      this.state.maxTimestamp = Math.max(this.state.maxTimestamp ?? -1, batch.maxTimestamp);
    }
    this.state.size = position;
  }

  /** Reads bytes of stored batches; the segment stays open until the read completes. */
  read(position: number, length: number): Promise<Buffer> {
    return this.withFd((fd) => readAt(fd, length, position));
  }

  /** Runs `work` with the file kept open, even if retention deletes the segment meanwhile. */
  async withFd<T>(work: (fd: number) => Promise<T>): Promise<T> {
    // A retired descriptor may be closed already, and its number reused by another file.
    if (this.retired) throw new SegmentDeletedError(`segment ${this.logFile} was deleted`);
    this.readers++;
    try {
      return await work(this.fd);
    } finally {
      this.readers--;
      if (this.retired && this.readers === 0) void this.close();
    }
  }

  /** Writes the index of a segment that no longer receives appends. */
  async seal(): Promise<void> {
    await this.syncs.idle();
    await this.index.save(this.indexFile);
  }

  close(): Promise<void> {
    this.closed ??= this.syncs.idle().then(() => closeFile(this.fd));
    return this.closed;
  }

  /** Removes the files; the descriptor closes once in-flight reads finish. */
  async delete(): Promise<void> {
    this.retired = true;
    await unlink(this.logFile);
    await unlink(this.indexFile).catch(() => undefined);
    if (this.readers === 0) await this.close();
  }
}
