import { SyncScheduler } from './sync-scheduler';

describe('SyncScheduler', () => {
  it('covers callers waiting during a sync with one next sync', async () => {
    const releases: (() => void)[] = [];
    const scheduler = new SyncScheduler(
      () => new Promise<void>((resolve) => releases.push(resolve)),
    );
    const first = scheduler.request();
    const waiting = [scheduler.request(), scheduler.request(), scheduler.request()];
    expect(releases).toHaveLength(1);

    let firstDone = false;
    let othersDone = false;
    void first.then(() => (firstDone = true));
    void Promise.all(waiting).then(() => (othersDone = true));
    releases[0]();
    await first;
    await new Promise((resolve) => setImmediate(resolve));
    expect(firstDone).toBe(true);
    expect(othersDone).toBe(false);
    expect(releases).toHaveLength(2);
    releases[1]();
    await Promise.all(waiting);
    expect(releases).toHaveLength(2);
    await scheduler.idle();
  });

  it('rejects the callers of a failed sync', async () => {
    const scheduler = new SyncScheduler(() => Promise.reject(new Error('EIO')));
    await expect(scheduler.request()).rejects.toThrow('EIO');
  });
});
