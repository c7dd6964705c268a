import { appendFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { OFFSETS_DIR, OffsetStore } from './offset-store';

describe('OffsetStore', () => {
  let dataDir: string;
  let logFile: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'offset-store-'));
    logFile = path.join(dataDir, OFFSETS_DIR, 'offsets.jsonl');
  });

  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  const commit = (store: OffsetStore, partition: number, offset: number) =>
    store.commit('g', [{ topic: 't', partition, offset, metadata: '' }]);

  it('writes one line per commit and replays them on open', async () => {
    const store = await OffsetStore.open({ dataDir, fsync: 'always' });
    await Promise.all([commit(store, 0, 1), commit(store, 1, 2), commit(store, 0, 3)]);
    await store.close();
    expect((await readFile(logFile, 'utf8')).trim().split('\n')).toHaveLength(3);

    const reopened = await OffsetStore.open({ dataDir, fsync: 'always' });
    expect(reopened.groupOffsets('g')).toEqual([
      { topic: 't', partition: 0, offset: 3, metadata: '' },
      { topic: 't', partition: 1, offset: 2, metadata: '' },
    ]);
    await reopened.close();
  });

  it('ignores a torn last record and keeps appending after it', async () => {
    const store = await OffsetStore.open({ dataDir, fsync: 'never' });
    await commit(store, 0, 5);
    await store.close();
    await appendFile(logFile, '{"type":"commit","group":"g","offsets":[{"topic":"t","parti');

    const reopened = await OffsetStore.open({ dataDir, fsync: 'never' });
    expect(reopened.get('g', 't', 0)).toEqual({ offset: 5, metadata: '' });
    await commit(reopened, 1, 6);
    await reopened.close();

    const third = await OffsetStore.open({ dataDir, fsync: 'never' });
    expect(third.groupOffsets('g').map((o) => o.offset)).toEqual([5, 6]);
    await third.close();
  });

  it('refuses to start on a damaged record that is not the last one', async () => {
    const good = '{"type":"commit","group":"g","offsets":[]}\n';
    await OffsetStore.open({ dataDir, fsync: 'never' }).then((store) => store.close());
    await writeFile(logFile, `${good}{"type":"commit","gr\n${good}`);
    await expect(OffsetStore.open({ dataDir, fsync: 'never' })).rejects.toThrow(/line 2/);
  });

  it('compacts the log once it outgrows its live content', async () => {
    const store = await OffsetStore.open({ dataDir, fsync: 'never', compactBytes: 1024 });
    for (let offset = 0; offset < 200; offset++) {
      await commit(store, offset % 2, offset);
    }
    expect((await stat(logFile)).size).toBeLessThan(1024);
    await store.close();
    const reopened = await OffsetStore.open({ dataDir, fsync: 'never' });
    expect(reopened.groupOffsets('g').map((o) => o.offset)).toEqual([198, 199]);
    await reopened.close();
  });

  it('syncs on an interval policy and flushes on close', async () => {
    const store = await OffsetStore.open({ dataDir, fsync: { intervalMs: 10 } });
    await commit(store, 0, 1);
    await new Promise((resolve) => setTimeout(resolve, 30));
    await commit(store, 0, 2);
    await store.close();
    const reopened = await OffsetStore.open({ dataDir, fsync: 'never' });
    expect(reopened.get('g', 't', 0)?.offset).toBe(2);
    await reopened.close();
  });
});
