import { startsFromTheBeginning } from './projection-reset.service';

describe('startsFromTheBeginning', () => {
  it('is true for a group that never committed, or whose offsets are at the log start', () => {
    expect(startsFromTheBeginning([{ committed: -1, logStart: 0 }])).toBe(true);
    expect(
      startsFromTheBeginning([
        { committed: 0, logStart: 0 },
        { committed: 120, logStart: 120 },
        { committed: -1, logStart: 7 },
      ]),
    ).toBe(true);
  });

  it('is false once the group is past the start of any partition', () => {
    expect(
      startsFromTheBeginning([
        { committed: -1, logStart: 0 },
        { committed: 3, logStart: 0 },
      ]),
    ).toBe(false);
  });
});
