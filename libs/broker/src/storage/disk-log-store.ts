import { mkdir, readdir, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { fdatasync } from './file-io';
import { CleanupPolicy, LogStore, PartitionLog, StorageConfig, TopicInfo } from './log-store';
import { DiskPartitionLog, PartitionLogOptions } from './partition-log';
import { ProducerIdAllocator } from './producer-id-allocator';
import { RecoveryReport, openPartitionLog } from './recovery';
import { RetentionTimer } from './retention';
import { SyncFn } from './segment';
import { MAX_PARTITIONS, TopicCatalog, partitionDirName, topicNameProblem } from './topic-catalog';

/** Tuning knobs and test hooks beyond the broker's StorageConfig. */
export interface DiskLogStoreOptions {
  /** Bytes of log between two offset index entries. */
  indexIntervalBytes?: number;
  /** Newest bytes kept in memory for tailing consumers, shared by all partitions. */
  tailCacheBytes?: number;
  /** At most this much of the tail cache goes to one partition. */
  tailCacheBytesPerPartition?: number;
  retentionCheckMs?: number;
  /** Replaces fdatasync (tests count calls or inject failures). */
  fdatasync?: SyncFn;
  /** Retention errors (the store keeps running). */
  onRetentionError?: (error: Error) => void;
}

export class InvalidTopicError extends Error {
  override readonly name = 'InvalidTopicError';
}

const DEFAULTS = {
  indexIntervalBytes: 4096,
  tailCacheBytes: 16 * 1024 * 1024,
  tailCacheBytesPerPartition: 1024 * 1024,
  retentionCheckMs: 30_000,
};

/** The LogStore on local disk; layout and guarantees in README.md beside this file. */
export class DiskLogStore implements LogStore {
  readonly fatal: Promise<never>;
  /** What start-up recovery repaired. */
  readonly recovery: RecoveryReport = { truncatedBytes: 0, rebuiltIndexes: 0 };
  private failWith!: (error: Error) => void;
  private failed: Error | undefined;
  private readonly logs = new Map<string, DiskPartitionLog[]>();
  private partitionCount = 0;
  private readonly retention: RetentionTimer;
  private syncTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private growth: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly config: StorageConfig,
    private readonly options: Required<Omit<DiskLogStoreOptions, 'fdatasync'>> & {
      fdatasync: SyncFn;
    },
    private readonly catalog: TopicCatalog,
    private readonly producerIds: ProducerIdAllocator,
  ) {
    this.fatal = new Promise<never>((_, reject) => {
      this.failWith = reject;
    });
    // Observed by the server; this keeps an unobserved failure from crashing tests.
    this.fatal.catch(() => undefined);
    this.retention = new RetentionTimer(
      // A compacted topic keeps every record (see CleanupPolicy): retention never deletes them.
      () => this.allLogs().filter((log) => catalog.cleanupPolicy(log.topic) === 'delete'),
      config,
      options.retentionCheckMs,
      options.onRetentionError,
    );
  }

  static async open(
    config: StorageConfig,
    options: DiskLogStoreOptions = {},
  ): Promise<DiskLogStore> {
    // Index entries hold 32-bit file positions.
    if (!(config.segmentBytes >= 1024 && config.segmentBytes <= 0x7fffffff)) {
      throw new Error(`segmentBytes must be 1024..2147483647, got ${config.segmentBytes}`);
    }
    await mkdir(config.dataDir, { recursive: true });
    const store = new DiskLogStore(
      config,
      {
        indexIntervalBytes: options.indexIntervalBytes ?? DEFAULTS.indexIntervalBytes,
        tailCacheBytes: options.tailCacheBytes ?? DEFAULTS.tailCacheBytes,
        tailCacheBytesPerPartition:
          options.tailCacheBytesPerPartition ?? DEFAULTS.tailCacheBytesPerPartition,
        retentionCheckMs: options.retentionCheckMs ?? DEFAULTS.retentionCheckMs,
        fdatasync: options.fdatasync ?? fdatasync,
        onRetentionError: options.onRetentionError ?? (() => undefined),
      },
      await TopicCatalog.load(config.dataDir),
      await ProducerIdAllocator.load(config.dataDir),
    );
    await store.recover();
    store.retention.start();
    if (typeof config.fsync === 'object') store.startSyncTimer(config.fsync.intervalMs);
    return store;
  }

  topics(): TopicInfo[] {
    return this.catalog.list();
  }

  topic(name: string): TopicInfo | undefined {
    return this.catalog.get(name);
  }

  partition(topic: string, partition: number): PartitionLog | undefined {
    return this.logs.get(topic)?.[partition];
  }

  cleanupPolicy(name: string): CleanupPolicy {
    return this.catalog.cleanupPolicy(name);
  }

  async createTopic(
    name: string,
    partitions: number,
    cleanupPolicy: CleanupPolicy = 'delete',
  ): Promise<boolean> {
    this.assertWritable();
    const problem = topicNameProblem(name);
    if (problem) throw new InvalidTopicError(`invalid topic name '${name}': ${problem}`);
    if (!Number.isInteger(partitions) || partitions < 1 || partitions > MAX_PARTITIONS) {
      throw new InvalidTopicError(
        `partition count must be 1..${MAX_PARTITIONS}, got ${partitions}`,
      );
    }
    if (this.catalog.get(name) || this.logs.has(name)) return false;
    const logs: DiskPartitionLog[] = [];
    this.logs.set(name, logs); // reserves the name while the directories are created
    try {
      for (let p = 0; p < partitions; p++) logs.push(await this.openPartition(name, p));
      await this.catalog.add(name, partitions, cleanupPolicy);
    } catch (error) {
      this.logs.delete(name);
      this.partitionCount -= logs.length;
      await Promise.all(logs.map((log) => log.close()));
      throw error;
    }
    return true;
  }

  async deleteTopic(name: string): Promise<boolean> {
    const logs = this.logs.get(name);
    if (!logs || !this.catalog.get(name)) return false;
    this.logs.delete(name);
    this.partitionCount -= logs.length;
    // Catalog first: a crash in between leaves directories that the next start removes.
    await this.catalog.remove(name);
    for (const log of logs) {
      await log.destroy();
      await rm(log.dir, { recursive: true, force: true });
    }
    return true;
  }

  addPartitions(name: string, partitions: number): Promise<boolean> {
    // One growth at a time: two requests growing the same topic must not open the same directory.
    const growth = this.growth.then(() => this.grow(name, partitions));
    this.growth = growth.catch(() => undefined);
    return growth;
  }

  allocateProducerId(): Promise<number> {
    return this.producerIds.allocate();
  }

  /** Runs a retention pass now (normally every retentionCheckMs and after rolls). */
  enforceRetention(): Promise<void> {
    return this.retention.trigger();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.syncTimer);
    await this.retention.stop();
    const all = this.allLogs();
    this.logs.clear();
    await Promise.all(all.map((log) => log.close()));
  }

  private async grow(name: string, partitions: number): Promise<boolean> {
    this.assertWritable();
    const logs = this.logs.get(name);
    const current = this.catalog.get(name)?.partitions;
    if (!logs || current === undefined) return false;
    if (!Number.isInteger(partitions) || partitions <= current || partitions > MAX_PARTITIONS) {
      throw new InvalidTopicError(
        `partition count of '${name}' must be ${current + 1}..${MAX_PARTITIONS}, got ${partitions}`,
      );
    }
    const added: DiskPartitionLog[] = [];
    let published = false;
    try {
      for (let p = current; p < partitions; p++) added.push(await this.openPartition(name, p));
      if (this.logs.get(name) !== logs) {
        await this.discard(name, logs, added); // deleted while the directories were made
        return false;
      }
      // The logs and the count appear in the same tick: Metadata never names a partition that
      // Produce or Fetch cannot find. A crash before the catalog is written leaves directories
      // that the next start removes.
      logs.push(...added);
      published = true;
      await this.catalog.add(name, partitions);
      return true;
    } catch (error) {
      if (published && this.logs.get(name) === logs) {
        logs.splice(current);
        // The failed write may or may not have replaced the file; this one makes them agree.
        await this.catalog.add(name, current).catch(() => undefined);
      }
      await this.discard(name, logs, added);
      throw error;
    }
  }

  /** New directories after close() would outlive the store, and after a failure nothing is safe. */
  private assertWritable(): void {
    if (this.failed) throw this.failed;
    if (this.closed) throw new Error('the log store is closed');
  }

  /** Closes partition logs that did not become part of their topic, and deletes their files. */
  private async discard(
    name: string,
    logs: DiskPartitionLog[],
    added: DiskPartitionLog[],
  ): Promise<void> {
    // A topic re-created under the same name meanwhile owns these directories now.
    const ours = this.logs.get(name) === logs || !this.logs.has(name);
    this.partitionCount -= added.length;
    for (const log of added) {
      await log.close();
      if (ours) await rm(log.dir, { recursive: true, force: true });
    }
  }

  private async recover(): Promise<void> {
    const expected = new Set<string>();
    for (const { name, partitions } of this.catalog.list()) {
      const logs: DiskPartitionLog[] = [];
      this.logs.set(name, logs);
      for (let p = 0; p < partitions; p++) {
        expected.add(partitionDirName(name, p));
        logs.push(await this.openPartition(name, p));
      }
    }
    // Directories of a deletion interrupted after the catalog was updated.
    for (const entry of await readdir(this.config.dataDir, { withFileTypes: true })) {
      if (entry.isDirectory() && /-\d+$/.test(entry.name) && !expected.has(entry.name)) {
        await rm(path.join(this.config.dataDir, entry.name), { recursive: true, force: true });
      }
    }
  }

  private async openPartition(topic: string, partition: number): Promise<DiskPartitionLog> {
    const options: PartitionLogOptions = {
      segmentBytes: this.config.segmentBytes,
      indexIntervalBytes: this.options.indexIntervalBytes,
      fsync: this.config.fsync,
      syncFn: this.options.fdatasync,
      tailCacheBytes: () => this.tailCacheShare,
      onFatal: (error) => this.fail(error),
      onRoll: () => void this.retention.trigger(),
    };
    const dir = path.join(this.config.dataDir, partitionDirName(topic, partition));
    const log = await openPartitionLog(dir, topic, partition, options, this.recovery);
    this.partitionCount++;
    return log;
  }

  /** Every open partition log, as a copy (callers may add or remove topics meanwhile). */
  private allLogs(): DiskPartitionLog[] {
    return [...this.logs.values()].flat();
  }

  /** Each partition's slice of the tail cache budget. */
  private get tailCacheShare(): number {
    const { tailCacheBytes, tailCacheBytesPerPartition } = this.options;
    return Math.min(tailCacheBytesPerPartition, tailCacheBytes / Math.max(1, this.partitionCount));
  }

  private startSyncTimer(intervalMs: number): void {
    this.syncTimer = setInterval(() => {
      for (const log of this.allLogs()) void log.syncIfDirty();
    }, intervalMs);
    this.syncTimer.unref();
  }

  private fail(error: Error): void {
    if (this.failed) return;
    this.failed = error;
    for (const log of this.allLogs()) log.halt(error);
    this.failWith(error);
  }
}
