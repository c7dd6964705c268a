import { GroupCommit } from './group-commit';

/** A write that records each group it was given and takes a turn of the event loop. */
function recordingWrite(fail: (item: number) => boolean = () => false) {
  const groups: number[][] = [];
  const write = async (items: number[]) => {
    groups.push([...items]);
    await new Promise((resolve) => setImmediate(resolve));
    if (items.some(fail)) throw new Error(`cannot write ${items.find(fail)}`);
    return items.map((item) => item * 10);
  };
  return { groups, write };
}

describe('GroupCommit', () => {
  it('writes a lone item at once, in a group of its own', async () => {
    const { groups, write } = recordingWrite();
    const commit = new GroupCommit(write);
    await expect(commit.submit(1)).resolves.toBe(10);
    expect(groups).toEqual([[1]]);
  });

  it('groups the items that arrive while a write is in flight, and answers each caller', async () => {
    const { groups, write } = recordingWrite();
    const commit = new GroupCommit(write);
    const results = await Promise.all([1, 2, 3, 4, 5].map((item) => commit.submit(item)));
    expect(results).toEqual([10, 20, 30, 40, 50]);
    // The first goes alone; the others queued behind it and share the second write.
    expect(groups).toEqual([[1], [2, 3, 4, 5]]);
  });

  it('caps the group size', async () => {
    const { groups, write } = recordingWrite();
    const commit = new GroupCommit(write, 2);
    await Promise.all([1, 2, 3, 4, 5].map((item) => commit.submit(item)));
    expect(groups).toEqual([[1], [2, 3], [4, 5]]);
  });

  it('fails only the caller of the item that cannot be written', async () => {
    const { groups, write } = recordingWrite((item) => item === 3);
    const commit = new GroupCommit(write);
    const settled = await Promise.allSettled([1, 2, 3, 4].map((item) => commit.submit(item)));
    expect(settled.map((s) => s.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect((settled[2] as PromiseRejectedResult).reason).toEqual(new Error('cannot write 3'));
    // [2, 3, 4] failed as a group, then each was written alone.
    expect(groups).toEqual([[1], [2, 3, 4], [2], [3], [4]]);
  });

  it('keeps working after a failure', async () => {
    const { write } = recordingWrite((item) => item === 1);
    const commit = new GroupCommit(write);
    await expect(commit.submit(1)).rejects.toThrow('cannot write 1');
    await expect(commit.submit(2)).resolves.toBe(20);
  });
});
