import { readdir } from 'node:fs/promises';
import * as path from 'node:path';
import { buildBatch, buildValuesBatch } from '../record/testing/record-batch-builder';
import { makeTempDir, openStore, readAll, removeDir, partitionOf } from './testing/temp-store';

const segmentFiles = async (dir: string) =>
  (await readdir(dir)).filter((name) => name.endsWith('.log')).sort();

describe('retention', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await makeTempDir();
  });

  afterEach(async () => {
    await removeDir(dir);
  });

  it('deletes the oldest segments beyond retentionBytes and advances the log start offset', async () => {
    const store = await openStore(dir, { segmentBytes: 2048, retentionBytes: 4096 });
    await store.createTopic('t', 1);
    const log = partitionOf(store, 't', 0);
    const batches = Array.from({ length: 100 }, (_, i) => buildValuesBatch(`b${i}`, 1));
    for (const batch of batches) await log.append(batch);
    await store.enforceRetention();

    const files = await segmentFiles(path.join(dir, 't-0'));
    const start = log.logStartOffset();
    expect(start).toBeGreaterThan(0);
    expect(files[0]).toBe(`${String(start).padStart(20, '0')}.log`);
    expect(await log.read(start - 1, 1000)).toEqual({
      error: 'OFFSET_OUT_OF_RANGE',
      highWatermark: 100,
      logStartOffset: start,
    });
    const kept = await readAll(log);
    expect(kept.map((b) => b.bytes)).toEqual(batches.slice(start));
    expect(kept.reduce((n, b) => n + b.bytes.length, 0)).toBeGreaterThanOrEqual(4096 - 2048);
    await store.close();

    const reopened = await openStore(dir, { segmentBytes: 2048, retentionBytes: 4096 });
    expect(partitionOf(reopened, 't', 0).logStartOffset()).toBe(start);
    await reopened.close();
  });

  it('deletes closed segments whose newest batch is older than retentionMs, never the active one', async () => {
    const store = await openStore(dir, { segmentBytes: 1024, retentionMs: 60_000 });
    await store.createTopic('t', 1);
    const log = partitionOf(store, 't', 0);
    const old = Date.now() - 3_600_000;
    for (let i = 0; i < 20; i++) {
      await log.append(buildBatch({ records: [{ value: 'x'.repeat(100) }], baseTimestamp: old }));
    }
    const fresh = buildBatch({ records: [{ value: 'y'.repeat(1000) }], baseTimestamp: Date.now() });
    await log.append(fresh);
    await log.append(buildBatch({ records: [{ value: 'z' }], baseTimestamp: old }));
    await store.enforceRetention();

    // The segment holding `fresh` is kept; so is the active segment, though its batch is old.
    expect(log.logStartOffset()).toBe(20);
    expect((await readAll(log)).map((b) => b.bytes)[0]).toEqual(fresh);
    expect(await log.read(0, 100)).toMatchObject({ error: 'OFFSET_OUT_OF_RANGE' });
    expect(await segmentFiles(path.join(dir, 't-0'))).toHaveLength(2);
    await store.close();
  });

  it('keeps everything with retention disabled', async () => {
    const store = await openStore(dir, { segmentBytes: 1024 });
    await store.createTopic('t', 1);
    const log = partitionOf(store, 't', 0);
    for (let i = 0; i < 30; i++) await log.append(buildValuesBatch('k'.repeat(50), 2));
    await store.enforceRetention();
    expect(log.logStartOffset()).toBe(0);
    await store.close();
  });

  it('never deletes from a compacted topic, across a restart, while it trims the others', async () => {
    const limits = { segmentBytes: 1024, retentionMs: 60_000, retentionBytes: 2048 };
    const store = await openStore(dir, limits);
    await store.createTopic('catalogue', 1, 'compact');
    await store.createTopic('events', 1);
    const old = Date.now() - 3_600_000;
    for (const topic of ['catalogue', 'events']) {
      const log = partitionOf(store, topic, 0);
      for (let i = 0; i < 20; i++) {
        await log.append(buildBatch({ records: [{ value: 'x'.repeat(100) }], baseTimestamp: old }));
      }
    }
    await store.enforceRetention();
    expect(partitionOf(store, 'events', 0).logStartOffset()).toBeGreaterThan(0);
    expect(partitionOf(store, 'catalogue', 0).logStartOffset()).toBe(0);
    await store.close();

    const reopened = await openStore(dir, limits);
    expect(reopened.cleanupPolicy('catalogue')).toBe('compact');
    expect(reopened.cleanupPolicy('events')).toBe('delete');
    await reopened.enforceRetention();
    expect(partitionOf(reopened, 'catalogue', 0).logStartOffset()).toBe(0);
    expect(await readAll(partitionOf(reopened, 'catalogue', 0))).toHaveLength(20);
    // A topic deleted and created again takes the policy it is created with.
    await reopened.deleteTopic('catalogue');
    await reopened.createTopic('catalogue', 1);
    expect(reopened.cleanupPolicy('catalogue')).toBe('delete');
    await reopened.close();
  });
});
