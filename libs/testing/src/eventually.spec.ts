import { eventually } from './eventually';

describe('eventually', () => {
  it('resolves with the first result, retrying while the check is pending', async () => {
    const said: unknown[] = [undefined, null, false, new Error('not yet'), 0];
    let calls = 0;
    const result = await eventually(
      () => {
        const next = said[calls++];
        if (next instanceof Error) throw next;
        return next as number | undefined | null | false;
      },
      { intervalMs: 1 },
    );
    // 0 is a result: only undefined, null, false and a throw mean "not yet".
    expect(result).toBe(0);
    expect(calls).toBe(5);
  });

  it('gives the value of a `condition && value` check', async () => {
    let rows: string[] = [];
    setTimeout(() => (rows = ['a', 'b']), 20);
    await expect(eventually(() => rows.length === 2 && rows, { intervalMs: 5 })).resolves.toEqual([
      'a',
      'b',
    ]);
  });

  it('fails after the timeout with the description and the last error as its cause', async () => {
    const cause = new Error('connection refused');
    const failure = await eventually(
      () => {
        throw cause;
      },
      { timeoutMs: 50, intervalMs: 10, description: 'broker listening' },
    ).catch((error: Error) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toBe(
      'broker listening not met within 50 ms: connection refused',
    );
    expect((failure as Error).cause).toBe(cause);
  });

  it('names the last value when the check never threw', async () => {
    await expect(eventually(() => false, { timeoutMs: 30, intervalMs: 10 })).rejects.toThrow(
      'condition not met within 30 ms: the check returned false',
    );
  });

  it('gives up at once when giveUpIf has a reason, without calling the check again', async () => {
    let calls = 0;
    let alive = true;
    const waiting = eventually(
      () => {
        calls++;
        alive = false;
        return undefined;
      },
      {
        timeoutMs: 60_000,
        intervalMs: 1,
        description: 'service healthy',
        giveUpIf: () => (alive ? undefined : 'the process exited'),
      },
    );
    await expect(waiting).rejects.toThrow('service healthy: gave up, the process exited');
    expect(calls).toBe(1);
  });
});
