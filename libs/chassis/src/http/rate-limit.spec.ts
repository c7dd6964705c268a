import { TokenBucketStorage } from './rate-limit';

describe('TokenBucketStorage (per-client rate limit)', () => {
  let now = 0;
  let storage: TokenBucketStorage;
  // 10 a second, bursts of 5: the throttler is limit 5 per 500 ms.
  const hit = (key = 'client') => storage.increment(key, 500, 5, 500, 'default');

  beforeEach(() => {
    now = 1_000;
    storage = new TokenBucketStorage({ now: () => now, sweepMs: 60_000, maxKeys: 100 });
  });
  afterEach(() => storage.close());

  it('lets a burst through, refuses the next with the time until a token is back, then refills at the rate', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await hit()).isBlocked).toBe(false);
    }
    const refused = await hit();
    expect(refused).toMatchObject({ isBlocked: true, timeToBlockExpire: 1, totalHits: 5 });

    now += 100; // one token at 10 a second
    expect((await hit()).isBlocked).toBe(false);
    expect((await hit()).isBlocked).toBe(true);

    now += 10_000; // refilled, but never above the burst
    const results = [];
    for (let i = 0; i < 6; i++) results.push((await hit()).isBlocked);
    expect(results).toEqual([false, false, false, false, false, true]);
  });

  it('keeps one bucket per client', async () => {
    for (let i = 0; i < 5; i++) await hit('a');
    expect((await hit('a')).isBlocked).toBe(true);
    expect((await hit('b')).isBlocked).toBe(false);
  });

  it('reports what remains for X-RateLimit-Remaining (limit - totalHits)', async () => {
    expect((await hit()).totalHits).toBe(1);
    expect((await hit()).totalHits).toBe(2);
  });

  it('holds at most maxKeys clients, forgetting idle ones first', async () => {
    for (let i = 0; i < 100; i++) await hit(`client-${i}`);
    now += 1_000; // all refilled: indistinguishable from new clients
    await hit('newcomer');
    expect(storage.size).toBe(1);

    for (let i = 0; i < 150; i++) await hit(`busy-${i}`);
    expect(storage.size).toBeLessThanOrEqual(100);
  });
});
