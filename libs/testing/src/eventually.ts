import { setTimeout as delay } from 'node:timers/promises';

/** What a check returns while its condition does not hold yet. */
type Pending = undefined | null | false;

export interface EventuallyOptions {
  /** How long to keep checking (default 30 s). */
  timeoutMs?: number;
  /** The pause between two checks (default 100 ms). */
  intervalMs?: number;
  /** Named in the error when the deadline passes. */
  description?: string;
  /** Gives up at once when this returns a reason (e.g. the process being polled has died). */
  giveUpIf?: () => string | undefined;
}

/**
 * Waits for a condition that becomes true asynchronously (a consumer caught up, a row was written,
 * a process answers): calls `check` every `intervalMs` until it returns a result, and resolves
 * with that result. A check that throws, or returns `undefined`, `null` or `false`, means "not
 * yet"; anything else, 0 and '' included, is the result. So `() => rows.length > 0`,
 * `() => ready && rows` and `() => (found ? found : undefined)` all wait for the same thing.
 *
 * After `timeoutMs` it fails with one error naming `description`, the time waited and the last
 * thing the check said (its error, kept as the cause, or its last value); it fails at once when
 * `giveUpIf` gives a reason, as waiting longer on a dead process only hides its exit.
 */
export async function eventually<T>(
  check: () => Promise<T> | T,
  options: EventuallyOptions = {},
): Promise<Exclude<T, Pending>> {
  const { timeoutMs = 30_000, intervalMs = 100, description = 'condition', giveUpIf } = options;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  let lastValue: unknown;
  for (;;) {
    const giveUpReason = giveUpIf?.();
    if (giveUpReason) throw new Error(`${description}: gave up, ${giveUpReason}`);
    try {
      const value = await check();
      if (value !== undefined && value !== null && value !== false) {
        return value as Exclude<T, Pending>;
      }
      lastError = undefined;
      lastValue = value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const last =
        lastError === undefined
          ? `the check returned ${String(lastValue)}`
          : lastError instanceof Error
            ? lastError.message
            : String(lastError);
      throw new Error(`${description} not met within ${timeoutMs} ms: ${last}`, {
        cause: lastError,
      });
    }
    await delay(intervalMs);
  }
}
