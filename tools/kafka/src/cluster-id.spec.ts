import { newClusterId } from './kafka-server';

describe('newClusterId', () => {
  it('is a 22-character base64url id that never starts with a dash', () => {
    // One id in 64 would start with '-' were it not excluded: 2,000 make a miss unlikely.
    const ids = Array.from({ length: 2_000 }, () => newClusterId());

    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
