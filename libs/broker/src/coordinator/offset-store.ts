import { mkdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { closeFile, fdatasync, openFile, writeAllAt, writeFileAtomic } from '../storage/file-io';
import type { FsyncPolicy } from '../storage/log-store';
import type { SyncFn } from '../storage/segment';
import {
  decodeOffsetLog,
  encodeOffsetLogRecord,
  type CommittedOffsetRecord,
  type OffsetLogRecord,
} from './offset-log-record';

export const OFFSETS_DIR = '__consumer_offsets';
const LOG_FILE = 'offsets.jsonl';

export interface OffsetStoreOptions {
  dataDir: string;
  fsync: FsyncPolicy;
  /** Rewrite the log once it exceeds this size and is mostly superseded records. */
  compactBytes?: number;
  /** Replaces fdatasync of the log (tests count calls or inject failures). */
  fdatasync?: SyncFn;
}

export interface CommittedOffset {
  offset: number;
  metadata: string;
}

type OffsetsByGroup = Map<string, Map<string, Map<number, CommittedOffset>>>;

interface QueuedWrite {
  record: OffsetLogRecord;
  written: () => void;
  failed: (error: Error) => void;
}

/**
 * Committed offsets of every group, kept in memory and made durable in an append-only log of
 * commit records under `<dataDir>/__consumer_offsets/`. The log is replayed and compacted on
 * open (write-temp + fsync + rename), and again whenever it grows far beyond its live content.
 * Appends are serialised; with fsync 'always' every batch of concurrent commits shares one
 * fdatasync before any of them is acknowledged.
 */
export class OffsetStore {
  private readonly queue: QueuedWrite[] = [];
  private draining = false;
  private drained: Promise<void> = Promise.resolve();
  private fd: number;
  private size: number;
  private compactAt: number;
  private dirty = false;
  private syncTimer: NodeJS.Timeout | null = null;
  private intervalSync: Promise<void> = Promise.resolve();
  private failure: Error | null = null;
  private closed = false;
  private failFatal: (error: Error) => void = () => undefined;
  /** Rejects once a write or fsync failed: offsets can no longer be made durable. */
  readonly fatal: Promise<never>;

  private constructor(
    private readonly file: string,
    private readonly options: Required<OffsetStoreOptions>,
    /** group → topic → partition → offset. */
    private readonly offsets: OffsetsByGroup,
    fd: number,
    size: number,
  ) {
    this.fd = fd;
    this.size = size;
    this.compactAt = Math.max(options.compactBytes, size * 2);
    this.fatal = new Promise<never>((_, reject) => (this.failFatal = reject));
    // Observed by whoever awaits it; never an unhandled rejection on its own.
    this.fatal.catch(() => undefined);
    const { fsync } = options;
    if (typeof fsync === 'object') {
      this.syncTimer = setInterval(() => {
        this.intervalSync = this.syncIfDirty();
      }, fsync.intervalMs);
      this.syncTimer.unref();
    }
  }

  static async open(options: OffsetStoreOptions): Promise<OffsetStore> {
    const settings = {
      ...options,
      compactBytes: options.compactBytes ?? 16 * 1024 * 1024,
      fdatasync: options.fdatasync ?? fdatasync,
    };
    const dir = path.join(options.dataDir, OFFSETS_DIR);
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, LOG_FILE);
    const records = await readRecords(file);
    const offsets: OffsetsByGroup = new Map();
    for (const record of records) {
      applyRecord(offsets, record);
    }
    // Rewriting on open drops superseded records and any torn tail, so appends always start
    // on a clean line.
    const snapshot = Buffer.from(snapshotOf(offsets).map(encodeOffsetLogRecord).join(''));
    await writeFileAtomic(file, snapshot);
    const fd = await openFile(file, 'r+');
    return new OffsetStore(file, settings, offsets, fd, snapshot.length);
  }

  get(groupId: string, topic: string, partition: number): CommittedOffset | undefined {
    return this.offsets.get(groupId)?.get(topic)?.get(partition);
  }

  /** Every offset the group has committed. */
  groupOffsets(groupId: string): CommittedOffsetRecord[] {
    const result: CommittedOffsetRecord[] = [];
    for (const [topic, partitions] of this.offsets.get(groupId) ?? []) {
      for (const [partition, committed] of partitions) {
        result.push({ topic, partition, ...committed });
      }
    }
    return result;
  }

  groupIds(): string[] {
    return [...this.offsets.keys()];
  }

  /** Resolves once the commit is written (and synced, per the fsync policy) and visible. */
  commit(groupId: string, offsets: CommittedOffsetRecord[]): Promise<void> {
    return this.append({ type: 'commit', group: groupId, offsets });
  }

  deleteTopic(topic: string): Promise<void> {
    return this.append({ type: 'delete-topic', topic });
  }

  /** Waits for queued writes, syncs and closes the log. */
  async close(): Promise<void> {
    if (this.closed) {
      return;
    }
    this.closed = true;
    if (this.syncTimer) {
      clearInterval(this.syncTimer);
    }
    await this.drained;
    await this.intervalSync;
    try {
      if (!this.failure) {
        await this.options.fdatasync(this.fd);
      }
    } finally {
      await closeFile(this.fd);
    }
  }

  private append(record: OffsetLogRecord): Promise<void> {
    if (this.failure) {
      return Promise.reject(this.failure);
    }
    if (this.closed) {
      return Promise.reject(new Error('offset store is closed'));
    }
    const written = new Promise<void>((resolve, reject) =>
      this.queue.push({
        record,
        written: resolve,
        failed: reject,
      }),
    );
    if (!this.draining) {
      this.draining = true;
      this.drained = this.drain();
    }
    return written;
  }

  /** Writes queued records in batches: each batch is one write and (fsync 'always') one sync. */
  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0);
      try {
        const data = Buffer.from(
          batch.map((entry) => encodeOffsetLogRecord(entry.record)).join(''),
        );
        await writeAllAt(this.fd, [data], this.size);
        this.size += data.length;
        if (this.options.fsync === 'always') {
          await this.options.fdatasync(this.fd);
        } else {
          this.dirty = true;
        }
        for (const entry of batch) {
          applyRecord(this.offsets, entry.record);
        }
        if (this.size >= this.compactAt) {
          await this.compact();
        }
        for (const entry of batch) {
          entry.written();
        }
      } catch (error) {
        this.fail(error as Error, batch);
      }
    }
    this.draining = false;
  }

  /** Replaces the log with one record per group holding its live offsets. */
  private async compact(): Promise<void> {
    const snapshot = Buffer.from(snapshotOf(this.offsets).map(encodeOffsetLogRecord).join(''));
    await writeFileAtomic(this.file, snapshot);
    const replaced = this.fd;
    this.fd = await openFile(this.file, 'r+');
    await this.intervalSync;
    await closeFile(replaced);
    this.size = snapshot.length;
    this.dirty = false;
    this.compactAt = Math.max(this.options.compactBytes, this.size * 2);
  }

  private async syncIfDirty(): Promise<void> {
    if (!this.dirty || this.draining || this.failure || this.closed) {
      return;
    }
    this.dirty = false;
    try {
      await this.options.fdatasync(this.fd);
    } catch (error) {
      this.fail(error as Error, []);
    }
  }

  private fail(error: Error, batch: QueuedWrite[]): void {
    this.failure ??= error;
    for (const entry of [...batch, ...this.queue.splice(0)]) {
      entry.failed(this.failure);
    }
    this.failFatal(this.failure);
  }

  /**
   * Forgets every offset the group committed, durably: the tombstone is logged before it takes
   * effect, replay honours it and compaction drops it with the group. Commits queued earlier
   * are removed with it; commits queued later start the group afresh.
   */
  deleteGroup(groupId: string): Promise<void> {
    return this.append({ type: 'delete-group', group: groupId });
  }
}

async function readRecords(file: string): Promise<OffsetLogRecord[]> {
  try {
    return decodeOffsetLog(await readFile(file, 'utf8'), file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return [];
    }
    throw error;
  }
}

function applyRecord(offsets: OffsetsByGroup, record: OffsetLogRecord): void {
  if (record.type === 'delete-group') {
    offsets.delete(record.group);
    return;
  }
  if (record.type === 'delete-topic') {
    for (const [group, topics] of offsets) {
      topics.delete(record.topic);
      if (topics.size === 0) {
        offsets.delete(group);
      }
    }
    return;
  }
  let topics = offsets.get(record.group);
  if (!topics) {
    topics = new Map();
    offsets.set(record.group, topics);
  }
  for (const { topic, partition, offset, metadata } of record.offsets) {
    let partitions = topics.get(topic);
    if (!partitions) {
      partitions = new Map();
      topics.set(topic, partitions);
    }
    partitions.set(partition, { offset, metadata });
  }
}

function snapshotOf(offsets: OffsetsByGroup): OffsetLogRecord[] {
  return [...offsets].map(([group, topics]) => ({
    type: 'commit',
    group,
    offsets: [...topics].flatMap(([topic, partitions]) =>
      [...partitions].map(([partition, committed]) => ({ topic, partition, ...committed })),
    ),
  }));
}
