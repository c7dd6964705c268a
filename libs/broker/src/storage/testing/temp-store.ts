import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { BatchHeader, splitBatches } from '../../record';
import { DiskLogStore, DiskLogStoreOptions } from '../disk-log-store';
import { LogStore, PartitionLog, StorageConfig } from '../log-store';

/** Test helpers: stores in throw-away directories, and reading a whole partition back. */

export async function makeTempDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'fanout-storage-'));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

export function testConfig(dataDir: string, overrides: Partial<StorageConfig> = {}): StorageConfig {
  return {
    dataDir,
    segmentBytes: 64 * 1024,
    retentionMs: -1,
    retentionBytes: -1,
    fsync: 'never',
    ...overrides,
  };
}

export function openStore(
  dataDir: string,
  overrides: Partial<StorageConfig> = {},
  options: DiskLogStoreOptions = {},
): Promise<DiskLogStore> {
  return DiskLogStore.open(testConfig(dataDir, overrides), options);
}

export interface StoredBatchView {
  header: BatchHeader;
  bytes: Buffer;
}

/** Every batch from `from` to the high watermark, read with `maxBytes` per fetch. */
export async function readAll(log: PartitionLog, from = log.logStartOffset(), maxBytes = 4096) {
  const batches: StoredBatchView[] = [];
  let offset = from;
  for (let fetches = 0; offset < log.highWatermark(); fetches++) {
    if (fetches > 100_000) throw new Error('readAll is not making progress');
    const result = await log.read(offset, maxBytes);
    if ('error' in result) throw new Error(`read ${offset}: ${result.error}`);
    const bytes = Buffer.concat(result.chunks);
    let at = 0;
    for (const header of splitBatches(bytes)) {
      batches.push({ header, bytes: bytes.subarray(at, at + header.size) });
      at += header.size;
    }
    offset =
      batches[batches.length - 1].header.baseOffset +
      batches[batches.length - 1].header.lastOffsetDelta +
      1;
  }
  return batches;
}

/** The partition log, failing the test when the store does not have it. */
export function partitionOf(store: LogStore, topic: string, partition: number): PartitionLog {
  const log = store.partition(topic, partition);
  if (!log) throw new Error(`no partition ${topic}-${partition}`);
  return log;
}
