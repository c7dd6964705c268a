import { appendFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fdatasync, fstat } from '../storage/file-io';
import { decodeOffsetLog } from './offset-log-record';
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

  describe('fsync policy', () => {
    afterEach(() => jest.useRealTimers());

    /** Only the interval timer is faked: the real file I/O must still complete. */
    const fakeIntervalTimers = () =>
      jest.useFakeTimers({
        doNotFake: [
          'Date',
          'hrtime',
          'nextTick',
          'performance',
          'queueMicrotask',
          'setImmediate',
          'clearImmediate',
          'setTimeout',
          'clearTimeout',
        ],
      });

    /**
     * The real fdatasync, recording for each sync the log size when it started: every byte below
     * that is durable once it finished.
     */
    function recordSyncs() {
      let started = 0;
      let durableBytes = 0;
      const inFlight: Promise<void>[] = [];
      const sync = (fd: number): Promise<void> => {
        started++;
        const done = (async () => {
          const { size } = await fstat(fd);
          await fdatasync(fd);
          durableBytes = Math.max(durableBytes, size);
        })();
        inFlight.push(done);
        return done;
      };
      return {
        sync,
        started: () => started,
        durableBytes: () => durableBytes,
        settled: () => Promise.all(inFlight),
      };
    }

    /** Partition → offset as committed in the first `bytes` of the log: what a crash would keep. */
    const durableOffsets = async (bytes: number): Promise<Map<number, number>> => {
      const prefix = (await readFile(logFile)).subarray(0, bytes).toString('utf8');
      const offsets = new Map<number, number>();
      for (const record of decodeOffsetLog(prefix, logFile)) {
        if (record.type === 'commit') {
          for (const { partition, offset } of record.offsets) offsets.set(partition, offset);
        }
      }
      return offsets;
    };

    /** `promise` if it settles by the next turn of the event loop, else 'pending'. */
    const settledSoon = <T>(promise: Promise<T>): Promise<T | 'pending'> =>
      Promise.race([
        promise,
        new Promise<'pending'>((resolve) => setImmediate(resolve, 'pending')),
      ]);

    const eio = () => Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' });

    it("with 'always' acknowledges each commit only after a sync covering it, sharing syncs", async () => {
      const syncs = recordSyncs();
      const store = await OffsetStore.open({ dataDir, fsync: 'always', fdatasync: syncs.sync });
      const commits = 20;
      const durableAtAck: number[] = [];
      await Promise.all(
        Array.from({ length: commits }, (_, partition) =>
          commit(store, partition, partition + 100).then(() => {
            durableAtAck[partition] = syncs.durableBytes();
          }),
        ),
      );
      for (let partition = 0; partition < commits; partition++) {
        expect((await durableOffsets(durableAtAck[partition] ?? 0)).get(partition)).toBe(
          partition + 100,
        );
      }
      // Group commit: commits queued behind a sync share the next one.
      expect(syncs.started()).toBeGreaterThan(0);
      expect(syncs.started()).toBeLessThan(commits / 5);
      await store.close();
    });

    it("with 'never' syncs no commit, and close() syncs them", async () => {
      const syncs = recordSyncs();
      const store = await OffsetStore.open({ dataDir, fsync: 'never', fdatasync: syncs.sync });
      await Promise.all([commit(store, 0, 1), commit(store, 1, 2)]);
      await commit(store, 0, 3);
      expect(syncs.started()).toBe(0);
      await store.close();
      expect(syncs.started()).toBe(1);
      expect(await durableOffsets(syncs.durableBytes())).toEqual(
        new Map([
          [0, 3],
          [1, 2],
        ]),
      );
    });

    it('with {intervalMs} acknowledges a commit unsynced and syncs it within the interval', async () => {
      fakeIntervalTimers();
      const syncs = recordSyncs();
      const store = await OffsetStore.open({
        dataDir,
        fsync: { intervalMs: 100 },
        fdatasync: syncs.sync,
      });
      // Nothing written yet: a tick has nothing to sync.
      jest.advanceTimersByTime(60);
      await commit(store, 0, 1);
      expect(syncs.started()).toBe(0);

      jest.advanceTimersByTime(100);
      await syncs.settled();
      expect(syncs.started()).toBe(1);
      expect((await durableOffsets(syncs.durableBytes())).get(0)).toBe(1);

      // Idle ticks do not sync again; the next commit is synced by the next tick.
      jest.advanceTimersByTime(300);
      expect(syncs.started()).toBe(1);
      await commit(store, 0, 2);
      jest.advanceTimersByTime(100);
      await syncs.settled();
      expect(syncs.started()).toBe(2);
      expect((await durableOffsets(syncs.durableBytes())).get(0)).toBe(2);
      await store.close();
    });

    it('with {intervalMs} close() syncs commits the timer has not synced yet', async () => {
      fakeIntervalTimers();
      const syncs = recordSyncs();
      const store = await OffsetStore.open({
        dataDir,
        fsync: { intervalMs: 100 },
        fdatasync: syncs.sync,
      });
      await commit(store, 0, 1);
      // Still queued when close() starts: close waits for it, then syncs.
      const queued = commit(store, 1, 2);
      await store.close();
      await queued;
      expect(syncs.started()).toBe(1);
      expect(await durableOffsets(syncs.durableBytes())).toEqual(
        new Map([
          [0, 1],
          [1, 2],
        ]),
      );
    });

    it("turns a failed sync with 'always' into a fatal error and refuses later commits", async () => {
      let syncs = 0;
      const store = await OffsetStore.open({
        dataDir,
        fsync: 'always',
        fdatasync: () => {
          syncs++;
          return Promise.reject(eio());
        },
      });
      await expect(commit(store, 0, 1)).rejects.toThrow(/EIO/);
      await expect(settledSoon(store.fatal)).rejects.toThrow(/EIO/);
      await expect(commit(store, 0, 2)).rejects.toThrow(/EIO/);
      // Nothing more can be made durable: close() does not retry the sync.
      await store.close();
      expect(syncs).toBe(1);
    });

    it('turns a failed interval sync into a fatal error and refuses later commits', async () => {
      fakeIntervalTimers();
      let syncs = 0;
      const store = await OffsetStore.open({
        dataDir,
        fsync: { intervalMs: 100 },
        fdatasync: () => {
          syncs++;
          return Promise.reject(eio());
        },
      });
      await commit(store, 0, 1);
      jest.advanceTimersByTime(100);
      expect(syncs).toBe(1);
      await expect(settledSoon(store.fatal)).rejects.toThrow(/EIO/);
      await expect(commit(store, 0, 2)).rejects.toThrow(/EIO/);
      await store.close();
      expect(syncs).toBe(1);
    });
  });
});
