/**
 * What a timer started by a Clock returns: only that clock's clearTimeout understands it, and it
 * may be falsy (the manual clock's first handle is 0), so compare it with null, never test it.
 */
export type TimerHandle = { readonly __timerHandle: unique symbol };

/**
 * The coordinator's time: session, rebalance and join-delay deadlines are all timers started
 * here, so that a test can move time forward (see testing/manual-clock.ts) instead of sleeping
 * through real session timeouts.
 */
export interface Clock {
  /** Milliseconds since some fixed point; only differences are meaningful. */
  now(): number;
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/**
 * Real time. Its timers are unref'd: a group waiting for members must not keep the broker's
 * process alive, and close() clears them anyway.
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(callback, delayMs) {
    const timer = setTimeout(callback, delayMs);
    timer.unref();
    return timer as unknown as TimerHandle;
  },
  clearTimeout(handle) {
    clearTimeout(handle as unknown as NodeJS.Timeout);
  },
};
