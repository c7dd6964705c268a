import { ManualClock } from './manual-clock';

describe('ManualClock', () => {
  it('fires due timers in deadline order, ties in start order, each at its own time', () => {
    const clock = new ManualClock();
    const fired: string[] = [];
    const at = (name: string) => () => fired.push(`${name}@${clock.now()}`);
    clock.setTimeout(at('late'), 30);
    clock.setTimeout(at('first'), 10);
    clock.setTimeout(at('tie-a'), 20);
    clock.setTimeout(at('tie-b'), 20);
    clock.setTimeout(at('never'), 31);

    clock.advance(30);

    expect(fired).toEqual(['first@10', 'tie-a@20', 'tie-b@20', 'late@30']);
    expect(clock.now()).toBe(30);
    expect(clock.pendingTimers).toBe(1);
  });

  it('fires a timer started by a firing timer when it falls due within the same advance', () => {
    const clock = new ManualClock();
    const fired: number[] = [];
    clock.setTimeout(() => {
      fired.push(clock.now());
      clock.setTimeout(() => fired.push(clock.now()), 5);
      clock.setTimeout(() => fired.push(clock.now()), 50);
    }, 10);

    clock.advance(20);

    expect(fired).toEqual([10, 15]);
    expect(clock.pendingTimers).toBe(1);
  });

  it('never fires a cleared timer', () => {
    const clock = new ManualClock();
    const fired = jest.fn();
    const handle = clock.setTimeout(fired, 10);
    clock.clearTimeout(handle);
    clock.advance(100);
    expect(fired).not.toHaveBeenCalled();
    expect(clock.pendingTimers).toBe(0);
  });

  it('refuses to move backwards or by a non-number', () => {
    const clock = new ManualClock();
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => clock.advance(Number.NaN)).toThrow(RangeError);
  });

  it('advances until a promise that waits on a timer settles, and gives up past the limit', async () => {
    const clock = new ManualClock();
    const afterDelay = new Promise<string>((resolve) =>
      clock.setTimeout(() => resolve('done'), 95),
    );
    await expect(clock.advanceUntilSettled(afterDelay, { stepMs: 10 })).resolves.toBe('done');
    expect(clock.now()).toBe(100);

    const never = new Promise<void>(() => undefined);
    await expect(clock.advanceUntilSettled(never, { stepMs: 10, limitMs: 50 })).rejects.toThrow(
      'still pending after 50 ms of manual clock time',
    );
  });
});
