import { mkdir, readdir } from 'node:fs/promises';
import * as path from 'node:path';
import { buildValuesBatch } from '../record/testing/record-batch-builder';
import { makeTempDir, openStore, removeDir, partitionOf } from './testing/temp-store';

describe('DiskLogStore', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await makeTempDir();
  });

  afterEach(async () => {
    await removeDir(dir);
  });

  it('creates topics once, with one directory per partition, and persists them', async () => {
    const store = await openStore(dir);
    expect(await store.createTopic('orders.created', 3)).toBe(true);
    expect(await store.createTopic('orders.created', 5)).toBe(false);
    expect(store.topic('orders.created')).toEqual({ name: 'orders.created', partitions: 3 });
    expect(store.partition('orders.created', 2)).toBeDefined();
    expect(store.partition('orders.created', 3)).toBeUndefined();
    expect((await readdir(dir)).sort()).toEqual(
      expect.arrayContaining(['orders.created-0', 'orders.created-1', 'orders.created-2']),
    );
    await store.close();
    const reopened = await openStore(dir);
    expect(reopened.topics()).toEqual([{ name: 'orders.created', partitions: 3 }]);
    await reopened.close();
  });

  it('creates and grows no topic once closed', async () => {
    const store = await openStore(dir);
    await store.createTopic('existing', 1);
    await store.close();
    await expect(store.createTopic('late', 1)).rejects.toThrow('the log store is closed');
    await expect(store.addPartitions('existing', 2)).rejects.toThrow('the log store is closed');
    expect((await readdir(dir)).filter((entry) => entry.startsWith('late'))).toEqual([]);
  });

  it.each(['', '.', '..', 'a/b', 'white space', 'ü', 'x'.repeat(250)])(
    'refuses the topic name %j',
    async (name) => {
      const store = await openStore(dir);
      await expect(store.createTopic(name, 1)).rejects.toThrow(/invalid topic name/);
      await store.close();
    },
  );

  it.each([0, -1, 1.5, 10_001])('refuses %p partitions', async (partitions) => {
    const store = await openStore(dir);
    await expect(store.createTopic('t', partitions)).rejects.toThrow(/partition count/);
    await store.close();
  });

  it('deletes a topic with its directories, and a re-created topic starts empty', async () => {
    const store = await openStore(dir);
    await store.createTopic('t', 2);
    await partitionOf(store, 't', 1).append(buildValuesBatch('v', 3));
    expect(await store.deleteTopic('t')).toBe(true);
    expect(await store.deleteTopic('t')).toBe(false);
    expect(store.topic('t')).toBeUndefined();
    expect(await readdir(dir)).not.toContain('t-1');
    await store.createTopic('t', 2);
    expect(partitionOf(store, 't', 1).highWatermark()).toBe(0);
    await store.close();
  });

  it('removes partition directories of a topic missing from the catalog on start', async () => {
    await mkdir(path.join(dir, 'gone-0'));
    const store = await openStore(dir);
    expect(await readdir(dir)).not.toContain('gone-0');
    await store.close();
  });

  it('never hands out a producer id twice, across restarts', async () => {
    const store = await openStore(dir);
    const first = await Promise.all([1, 2, 3].map(() => store.allocateProducerId()));
    await store.close();
    const reopened = await openStore(dir);
    const next = await reopened.allocateProducerId();
    await reopened.close();
    expect(new Set(first).size).toBe(3);
    expect(next).toBeGreaterThan(Math.max(...first));
  });
});
