import { checkAssignment, describeAssignment } from './partition-assignment';

describe('checkAssignment', () => {
  it('accepts a split in which each partition has exactly one holder', () => {
    const check = checkAssignment({ a: [0, 3], b: [1, 4], c: [2, 5] }, 6);
    expect(check).toEqual({ complete: true, gaps: [], overlaps: [] });
  });

  it('reports partitions nobody holds', () => {
    expect(checkAssignment({ a: [0, 1], b: [2, 3] }, 6)).toEqual({
      complete: false,
      gaps: [4, 5],
      overlaps: [],
    });
  });

  it('reports partitions held twice, with their holders', () => {
    const check = checkAssignment({ a: [0, 1, 2], b: [2, 3, 4, 5] }, 6);
    expect(check.complete).toBe(false);
    expect(check.overlaps).toEqual([{ partition: 2, members: ['a', 'b'] }]);
  });

  it('rejects a partition the topic does not have', () => {
    expect(checkAssignment({ a: [0, 1, 2, 3, 4, 5, 6] }, 6).complete).toBe(false);
  });

  it('describes an assignment on one line', () => {
    expect(describeAssignment({ a: [0, 3], b: [] })).toBe('a: [0, 3]  b: []');
  });
});
