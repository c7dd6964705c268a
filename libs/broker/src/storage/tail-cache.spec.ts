import { TailCache } from './tail-cache';

describe('TailCache', () => {
  it('copies a batch that is a small part of its request frame, so the frame can be freed', () => {
    const frame = Buffer.alloc(1024 * 1024, 9);
    const batch = frame.subarray(512, 612);
    const cache = new TailCache(() => 4096);

    cache.push(0, 4, batch);
    const [cached] = cache.read(0, 4096) ?? [];

    expect(cached).toEqual(batch);
    expect(cached?.buffer.byteLength).toBeLessThan(2 * batch.length);
  });

  it('keeps a batch that is most of its frame as the view it is', () => {
    const frame = Buffer.alloc(1000, 7);
    const batch = frame.subarray(40);
    const cache = new TailCache(() => 4096);

    cache.push(0, 0, batch);

    expect(cache.read(0, 4096)?.[0]).toBe(batch);
  });

  it('serves whole batches from the one holding the offset, within the byte limit', () => {
    const cache = new TailCache(() => 1000);
    const batches = [0, 1, 2, 3].map((i) => Buffer.alloc(300, i));
    batches.forEach((batch, i) => cache.push(i * 10, i * 10 + 9, batch));

    // The first batch was evicted to stay within 1000 bytes.
    expect(cache.read(5, 1000)).toBeUndefined();
    expect(cache.read(15, 700)).toEqual([batches[1], batches[2]]);
    expect(cache.read(35, 10)).toEqual([batches[3]]);
    expect(cache.read(40, 1000)).toBeUndefined();
  });
});
