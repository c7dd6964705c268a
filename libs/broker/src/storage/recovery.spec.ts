import { copyFile, mkdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { buildValuesBatch } from '../record/testing/record-batch-builder';
import { DiskLogStore } from './disk-log-store';
import { makeTempDir, openStore, readAll, removeDir, partitionOf } from './testing/temp-store';

const ACTIVE = '00000000000000000000.log';

describe('recovery', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await makeTempDir();
  });

  afterEach(async () => {
    await removeDir(dir);
  });

  async function writeBatches(store: DiskLogStore, topic: string, batches: Buffer[]) {
    const log = partitionOf(store, topic, 0);
    for (const batch of batches) await log.append(batch);
  }

  it('recovers the high watermark and the data after a restart', async () => {
    const store = await openStore(dir, { segmentBytes: 2048 });
    await store.createTopic('orders', 3);
    const batches = Array.from({ length: 40 }, (_, i) => buildValuesBatch(`r${i}`, 2));
    await writeBatches(store, 'orders', batches);
    await store.close();

    const reopened = await openStore(dir, { segmentBytes: 2048 });
    expect(reopened.topics()).toEqual([{ name: 'orders', partitions: 3 }]);
    const log = partitionOf(reopened, 'orders', 0);
    expect(log.highWatermark()).toBe(80);
    expect((await readAll(log)).map((b) => b.bytes)).toEqual(batches);
    expect(reopened.recovery).toEqual({ truncatedBytes: 0, rebuiltIndexes: 0 });
    await reopened.close();
  });

  it('survives a tail cut at every byte of the last batch', async () => {
    const seed = path.join(dir, 'seed');
    const store = await openStore(seed);
    await store.createTopic('t', 1);
    const kept = [buildValuesBatch('a', 2), buildValuesBatch('b', 3)];
    const last = buildValuesBatch('torn', 2);
    await writeBatches(store, 't', [...kept, last]);
    await store.close();
    const keptBytes = kept.reduce((n, b) => n + b.length, 0);

    for (let cut = keptBytes; cut < keptBytes + last.length; cut++) {
      const run = path.join(dir, `cut-${cut}`);
      await mkdir(path.join(run, 't-0'), { recursive: true });
      await copyFile(path.join(seed, 'topics.json'), path.join(run, 'topics.json'));
      await copyFile(path.join(seed, 't-0', ACTIVE), path.join(run, 't-0', ACTIVE));
      await truncate(path.join(run, 't-0', ACTIVE), cut);

      const recovered = await openStore(run);
      const log = partitionOf(recovered, 't', 0);
      expect(log.highWatermark()).toBe(5);
      expect((await readAll(log)).map((b) => b.bytes)).toEqual(kept);
      expect(await log.read(5, 10_000)).toMatchObject({ chunks: [] });
      const next = buildValuesBatch('after', 1);
      expect(await log.append(next)).toMatchObject({ baseOffset: 5 });
      expect((await readAll(log, 5)).map((b) => b.bytes)).toEqual([next]);
      await recovered.close();
      expect((await stat(path.join(run, 't-0', ACTIVE))).size).toBe(keptBytes + next.length);
      await rm(run, { recursive: true });
    }
  }, 30_000);

  it('truncates at a bit flipped inside the last batch', async () => {
    const store = await openStore(dir);
    await store.createTopic('t', 1);
    const kept = [buildValuesBatch('a', 2)];
    await writeBatches(store, 't', [...kept, buildValuesBatch('flipped', 4)]);
    await store.close();
    const file = path.join(dir, 't-0', ACTIVE);
    const bytes = await readFile(file);
    bytes[kept[0].length + 70] ^= 0x10;
    await writeFile(file, bytes);

    const recovered = await openStore(dir);
    const log = partitionOf(recovered, 't', 0);
    expect(log.highWatermark()).toBe(2);
    expect(recovered.recovery.truncatedBytes).toBe(bytes.length - kept[0].length);
    expect((await readAll(log)).map((b) => b.bytes)).toEqual(kept);
    await recovered.close();
  });

  it.each([
    ['missing', async (file: string) => rm(file)],
    ['not a whole number of entries', async (file: string) => writeFile(file, Buffer.alloc(5))],
    [
      'pointing past the end of the log',
      async (file: string) => writeFile(file, Buffer.from([0, 0, 0, 1, 0x7f, 0, 0, 0])),
    ],
    [
      'not monotonic',
      async (file: string) =>
        writeFile(file, Buffer.from([0, 0, 0, 9, 0, 0, 0x10, 0, 0, 0, 0, 3, 0, 0, 0x20, 0])),
    ],
  ])('rebuilds a closed segment index that is %s', async (_, damage) => {
    const config = { segmentBytes: 8192 };
    const options = { indexIntervalBytes: 256, tailCacheBytes: 0 };
    const store = await openStore(dir, config, options);
    await store.createTopic('t', 1);
    const batches = Array.from({ length: 200 }, (_, i) => buildValuesBatch(`i${i}`, 2));
    await writeBatches(store, 't', batches);
    await store.close();
    await damage(path.join(dir, 't-0', '00000000000000000000.index'));

    const recovered = await openStore(dir, config, options);
    expect(recovered.recovery.rebuiltIndexes).toBe(1);
    const log = partitionOf(recovered, 't', 0);
    for (const offset of [0, 37, 101, 399]) {
      const stored = await readAll(log, offset, 1);
      expect(stored[0].header.baseOffset).toBe(offset - (offset % 2));
      expect(stored.map((b) => b.bytes)).toEqual(batches.slice(offset >> 1));
    }
    await recovered.close();
    const index = await readFile(path.join(dir, 't-0', '00000000000000000000.index'));
    expect(index.length % 8).toBe(0);
    expect(index.length).toBeGreaterThan(0);
  });
});
