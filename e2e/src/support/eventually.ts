import { setTimeout as delay } from 'node:timers/promises';

export interface EventuallyOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** Named in the error when the deadline passes. */
  description?: string;
  /** Gives up at once when this returns a reason (e.g. the process being polled has died). */
  giveUpIf?: () => string | undefined;
}

/**
 * Polls `probe` until it returns a value other than undefined, or throws once the deadline has
 * passed (with the probe's last error, if it threw).
 */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  options: EventuallyOptions = {},
): Promise<T> {
  const { timeoutMs = 30_000, intervalMs = 100, description = 'condition' } = options;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    const giveUpReason = options.giveUpIf?.();
    if (giveUpReason) throw new Error(`${description}: gave up, ${giveUpReason}`);
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const cause = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`${description} not met within ${timeoutMs} ms${cause}`);
    }
    await delay(intervalMs);
  }
}
