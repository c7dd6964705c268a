import { readdir } from 'node:fs/promises';
import * as path from 'node:path';
import { buildBatch, buildValuesBatch } from '../record/testing/record-batch-builder';
import { DiskLogStore } from './disk-log-store';
import { PartitionLog } from './log-store';
import { fdatasync } from './file-io';
import { makeTempDir, openStore, readAll, removeDir, partitionOf } from './testing/temp-store';

describe('DiskPartitionLog', () => {
  let dir: string;
  let store: DiskLogStore;
  let log: PartitionLog;

  beforeEach(async () => {
    dir = await makeTempDir();
    store = await openStore(dir, { segmentBytes: 4096 });
    await store.createTopic('orders', 1);
    log = partitionOf(store, 'orders', 0);
  });

  afterEach(async () => {
    await store.close();
    await removeDir(dir);
  });

  it('assigns contiguous offsets and serves the stored bytes unchanged across segment rolls', async () => {
    const appended: Buffer[] = [];
    let expectedOffset = 0;
    for (let i = 0; i < 120; i++) {
      const batch = buildValuesBatch(`m${i}`, 1 + (i % 4));
      const result = await log.append(batch);
      expect(result).toEqual({ baseOffset: expectedOffset, logStartOffset: 0 });
      expectedOffset += 1 + (i % 4);
      appended.push(batch);
    }
    expect(log.highWatermark()).toBe(expectedOffset);
    const files = await readdir(path.join(dir, 'orders-0'));
    expect(files.filter((f) => f.endsWith('.log')).length).toBeGreaterThan(2);
    expect(files).toContain('00000000000000000000.log');

    for (const maxBytes of [1, 500, 100_000]) {
      const stored = await readAll(log, 0, maxBytes);
      expect(stored.map((b) => b.bytes)).toEqual(appended);
    }
  });

  it('starts a read at the batch containing the offset and returns at least one batch', async () => {
    await log.append(buildValuesBatch('a', 5)); // offsets 0..4
    await log.append(buildValuesBatch('b', 5)); // offsets 5..9
    const result = await log.read(7, 1);
    if ('error' in result) throw new Error(result.error);
    expect(result.chunks).toHaveLength(1);
    expect(result.chunks[0].readBigInt64BE(0)).toBe(5n);
    expect(result.highWatermark).toBe(10);
  });

  it('serves old batches from disk once they left the tail cache', async () => {
    await store.close();
    store = await openStore(dir, { segmentBytes: 4096 }, { tailCacheBytes: 0 });
    log = partitionOf(store, 'orders', 0);
    const appended = [];
    for (let i = 0; i < 60; i++) {
      const batch = buildValuesBatch(`x${i}`, 3);
      await log.append(batch);
      appended.push(batch);
    }
    for (const offset of [0, 1, 44, 100, 179]) {
      const stored = await readAll(log, offset, 700);
      expect(stored[0].header.baseOffset).toBe(offset - (offset % 3));
      expect(stored.map((b) => b.bytes)).toEqual(appended.slice(Math.floor(offset / 3)));
    }
  });

  it('answers empty at the high watermark and OFFSET_OUT_OF_RANGE beyond it', async () => {
    await log.append(buildValuesBatch('a', 2));
    expect(await log.read(2, 1000)).toEqual({
      chunks: [],
      bytes: 0,
      highWatermark: 2,
      logStartOffset: 0,
    });
    expect(await log.read(3, 1000)).toEqual({
      error: 'OFFSET_OUT_OF_RANGE',
      highWatermark: 2,
      logStartOffset: 0,
    });
  });

  it('refuses a corrupt batch whole and writes nothing', async () => {
    const good = buildValuesBatch('ok', 1);
    const bad = buildValuesBatch('bad', 1);
    bad[bad.length - 1] ^= 0xff;
    expect(await log.append(Buffer.concat([good, bad]))).toEqual({ error: 'CORRUPT_MESSAGE' });
    expect(log.highWatermark()).toBe(0);
  });

  it('notifies listeners when appended data becomes readable', async () => {
    const seen: number[] = [];
    const unsubscribe = log.onAppend(() => seen.push(log.highWatermark()));
    await log.append(buildValuesBatch('a', 3));
    unsubscribe();
    await log.append(buildValuesBatch('b', 1));
    expect(seen).toEqual([3]);
  });

  it('coalesces concurrent appends and keeps them in order', async () => {
    const batches = Array.from({ length: 200 }, (_, i) => buildValuesBatch(`c${i}`, 2));
    const results = await Promise.all(batches.map((b) => log.append(b)));
    expect(results.map((r) => ('baseOffset' in r ? r.baseOffset : r.error))).toEqual(
      batches.map((_, i) => i * 2),
    );
    expect((await readAll(log)).map((b) => b.bytes)).toEqual(batches);
  });

  it('finds the first offset whose batch max timestamp reaches a timestamp', async () => {
    await log.append(buildBatch({ records: [{ value: 'a' }], baseTimestamp: 1_000 }));
    await log.append(
      buildBatch({ records: [{ value: 'b' }, { value: 'c' }], baseTimestamp: 2_000 }),
    );
    await log.append(buildBatch({ records: [{ value: 'd' }], baseTimestamp: 3_000 }));
    expect(await log.offsetForTimestamp(500)).toBe(0);
    expect(await log.offsetForTimestamp(1_500)).toBe(1);
    expect(await log.offsetForTimestamp(3_000)).toBe(3);
    expect(await log.offsetForTimestamp(9_000)).toBe(4);
  });
});

describe('idempotent producers', () => {
  let dir: string;
  let store: DiskLogStore;
  let log: PartitionLog;
  const producer = (baseSequence: number, producerEpoch = 0, count = 1) =>
    buildValuesBatch(`s${baseSequence}`, count, { producerId: 7, producerEpoch, baseSequence });

  beforeEach(async () => {
    dir = await makeTempDir();
    store = await openStore(dir);
    await store.createTopic('payments', 1);
    log = partitionOf(store, 'payments', 0);
  });

  afterEach(async () => {
    await store.close();
    await removeDir(dir);
  });

  it('answers a retried batch with its original offset and writes nothing', async () => {
    expect(await log.append(producer(0, 0, 2))).toMatchObject({ baseOffset: 0 });
    expect(await log.append(producer(2, 0, 3))).toMatchObject({ baseOffset: 2 });
    expect(await log.append(producer(0, 0, 2))).toMatchObject({ baseOffset: 0 });
    expect(await log.append(producer(2, 0, 3))).toMatchObject({ baseOffset: 2 });
    expect(log.highWatermark()).toBe(5);
    expect(await readAll(log)).toHaveLength(2);
  });

  it('answers a retry that arrives while the original is still being written', async () => {
    const [first, retry] = await Promise.all([log.append(producer(0)), log.append(producer(0))]);
    expect(first).toMatchObject({ baseOffset: 0 });
    expect(retry).toMatchObject({ baseOffset: 0 });
    expect(log.highWatermark()).toBe(1);
  });

  it('refuses a sequence gap and an older epoch', async () => {
    await log.append(producer(0, 1));
    expect(await log.append(producer(2, 1))).toEqual({ error: 'OUT_OF_ORDER_SEQUENCE_NUMBER' });
    expect(await log.append(producer(1, 0))).toEqual({ error: 'INVALID_PRODUCER_EPOCH' });
    expect(await log.append(producer(5, 2))).toEqual({ error: 'OUT_OF_ORDER_SEQUENCE_NUMBER' });
    expect(await log.append(producer(0, 2))).toMatchObject({ baseOffset: 1 });
    expect(log.highWatermark()).toBe(2);
  });

  it('follows the sequence across the int32 wrap', async () => {
    await log.append(producer(0x7fffffff - 1, 0, 2));
    expect(await log.append(producer(0))).toMatchObject({ baseOffset: 2 });
  });

  it('rebuilds producer state on restart so retries stay deduplicated', async () => {
    await log.append(producer(0));
    await log.append(producer(1));
    await store.close();
    store = await openStore(dir);
    log = partitionOf(store, 'payments', 0);
    expect(await log.append(producer(1))).toMatchObject({ baseOffset: 1 });
    expect(await log.append(producer(3))).toEqual({ error: 'OUT_OF_ORDER_SEQUENCE_NUMBER' });
    expect(await log.append(producer(2))).toMatchObject({ baseOffset: 2 });
  });
});

describe('durability', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await makeTempDir();
  });

  afterEach(async () => {
    await removeDir(dir);
  });

  it("group-commits: concurrent appends with fsync 'always' share fdatasyncs", async () => {
    let syncs = 0;
    const store = await openStore(
      dir,
      { fsync: 'always' },
      {
        fdatasync: (fd) => {
          syncs++;
          return fdatasync(fd);
        },
      },
    );
    await store.createTopic('t', 1);
    const log = partitionOf(store, 't', 0);
    const appends = 50;
    const results = await Promise.all(
      Array.from({ length: appends }, (_, i) => log.append(buildValuesBatch(`g${i}`, 1))),
    );
    expect(results.every((r) => 'baseOffset' in r)).toBe(true);
    expect(syncs).toBeGreaterThan(0);
    expect(syncs).toBeLessThan(appends / 5);
    await store.close();
  });

  it('does not acknowledge an append before its fdatasync completed', async () => {
    let markStarted!: () => void;
    const started = new Promise<void>((resolve) => (markStarted = resolve));
    let releaseSync!: () => void;
    const gate = new Promise<void>((resolve) => (releaseSync = resolve));
    const store = await openStore(
      dir,
      { fsync: 'always' },
      {
        fdatasync: async (fd) => {
          markStarted();
          await gate;
          await fdatasync(fd);
        },
      },
    );
    await store.createTopic('t', 1);
    const appended = partitionOf(store, 't', 0).append(buildValuesBatch('d', 1));
    let acked = false;
    void appended.then(() => (acked = true));
    await started;
    await new Promise((resolve) => setImmediate(resolve));
    expect(acked).toBe(false);
    releaseSync();
    await expect(appended).resolves.toMatchObject({ baseOffset: 0 });
    await store.close();
  });

  it('syncs written data periodically with fsync {intervalMs}', async () => {
    let markSynced!: () => void;
    const synced = new Promise<void>((resolve) => (markSynced = resolve));
    const store = await openStore(
      dir,
      { fsync: { intervalMs: 10 } },
      {
        fdatasync: async (fd) => {
          await fdatasync(fd);
          markSynced();
        },
      },
    );
    await store.createTopic('t', 1);
    await partitionOf(store, 't', 0).append(buildValuesBatch('i', 1));
    await synced;
    await store.close();
  });

  it('refuses appends to a deleted topic without failing the store', async () => {
    const store = await openStore(dir);
    await store.createTopic('t', 1);
    const log = partitionOf(store, 't', 0);
    await log.append(buildValuesBatch('x', 1));
    await store.deleteTopic('t');
    await expect(log.append(buildValuesBatch('y', 1))).rejects.toThrow(/closed/);
    expect(await log.read(0, 100)).toMatchObject({ error: 'OFFSET_OUT_OF_RANGE' });
    await store.createTopic('u', 1);
    expect(await partitionOf(store, 'u', 0).append(buildValuesBatch('z', 1))).toMatchObject({
      baseOffset: 0,
    });
    await store.close();
  });

  it('turns an fdatasync failure into a fatal error and refuses later appends', async () => {
    const store = await openStore(
      dir,
      { fsync: 'always' },
      {
        fdatasync: () =>
          Promise.reject(Object.assign(new Error('EIO: i/o error'), { code: 'EIO' })),
      },
    );
    await store.createTopic('t', 2);
    const failed = partitionOf(store, 't', 0).append(buildValuesBatch('f', 1));
    await expect(failed).rejects.toThrow(/storage failure on t-0: EIO/);
    await expect(store.fatal).rejects.toThrow(/EIO/);
    await expect(partitionOf(store, 't', 0).append(buildValuesBatch('f', 1))).rejects.toThrow(
      /EIO/,
    );
    await expect(partitionOf(store, 't', 1).append(buildValuesBatch('f', 1))).rejects.toThrow(
      /EIO/,
    );
    await store.close();
  });
});
