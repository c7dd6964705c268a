import { mkdir, readdir, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { buildValuesBatch } from '../record/testing/record-batch-builder';
import { InvalidTopicError } from './disk-log-store';
import { makeTempDir, openStore, partitionOf, readAll, removeDir } from './testing/temp-store';

const partitionDirs = async (dir: string, topic: string) =>
  (await readdir(dir)).filter((name) => name.startsWith(`${topic}-`)).sort();

describe('DiskLogStore.addPartitions', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await makeTempDir();
  });

  afterEach(async () => {
    await removeDir(dir);
  });

  it('adds empty partitions that take appends and survive a restart', async () => {
    const store = await openStore(dir);
    await store.createTopic('orders', 2);
    await partitionOf(store, 'orders', 1).append(buildValuesBatch('old', 3));

    expect(await store.addPartitions('orders', 5)).toBe(true);
    expect(store.topic('orders')).toEqual({ name: 'orders', partitions: 5 });
    expect(partitionOf(store, 'orders', 1).highWatermark()).toBe(3);
    expect(partitionOf(store, 'orders', 4).highWatermark()).toBe(0);
    expect(store.partition('orders', 5)).toBeUndefined();
    expect(await partitionOf(store, 'orders', 4).append(buildValuesBatch('new', 2))).toMatchObject({
      baseOffset: 0,
    });
    await store.close();

    const reopened = await openStore(dir);
    expect(reopened.topics()).toEqual([{ name: 'orders', partitions: 5 }]);
    expect(await partitionDirs(dir, 'orders')).toEqual([0, 1, 2, 3, 4].map((p) => `orders-${p}`));
    const stored = await readAll(partitionOf(reopened, 'orders', 4));
    expect(stored.map(({ header }) => [header.baseOffset, header.lastOffsetDelta + 1])).toEqual([
      [0, 2],
    ]);
    expect(partitionOf(reopened, 'orders', 1).highWatermark()).toBe(3);
    await reopened.close();
  });

  it.each([2, 1, 0, -1, 2.5, 10_001])(
    'refuses to grow 2 partitions to %p, changing nothing',
    async (count) => {
      const store = await openStore(dir);
      await store.createTopic('orders', 2);
      await expect(store.addPartitions('orders', count)).rejects.toThrow(InvalidTopicError);
      expect(store.topic('orders')).toEqual({ name: 'orders', partitions: 2 });
      expect(store.partition('orders', 2)).toBeUndefined();
      expect(await partitionDirs(dir, 'orders')).toEqual(['orders-0', 'orders-1']);
      await store.close();
    },
  );

  it('answers false for a topic that does not exist', async () => {
    const store = await openStore(dir);
    expect(await store.addPartitions('nowhere', 3)).toBe(false);
    expect(store.topic('nowhere')).toBeUndefined();
    expect(await partitionDirs(dir, 'nowhere')).toEqual([]);
    await store.close();
  });

  it('grows a topic once when two requests race for the same count', async () => {
    const store = await openStore(dir);
    await store.createTopic('orders', 1);
    const results = await Promise.allSettled([
      store.addPartitions('orders', 4),
      store.addPartitions('orders', 4),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(store.topic('orders')).toEqual({ name: 'orders', partitions: 4 });
    await partitionOf(store, 'orders', 3).append(buildValuesBatch('v', 1));
    expect(partitionOf(store, 'orders', 3).highWatermark()).toBe(1);
    await store.close();
  });

  it('leaves nothing behind when the topic is deleted while it grows', async () => {
    const store = await openStore(dir);
    await store.createTopic('orders', 1);
    const growing = store.addPartitions('orders', 40);
    await new Promise((resolve) => setImmediate(resolve));
    expect(await store.deleteTopic('orders')).toBe(true);
    expect(await growing).toBe(false);
    expect(store.topic('orders')).toBeUndefined();
    expect(await partitionDirs(dir, 'orders')).toEqual([]);
    await store.close();
  });

  it('rolls back when the catalog cannot be written', async () => {
    const store = await openStore(dir);
    await store.createTopic('orders', 2);
    // A directory where topics.json belongs makes the catalog's rename fail.
    await rm(path.join(dir, 'topics.json'));
    await mkdir(path.join(dir, 'topics.json'));
    await expect(store.addPartitions('orders', 3)).rejects.toThrow();
    expect(store.topic('orders')).toEqual({ name: 'orders', partitions: 2 });
    expect(store.partition('orders', 2)).toBeUndefined();
    expect(await partitionDirs(dir, 'orders')).toEqual(['orders-0', 'orders-1']);
    await store.close();
  });
});
