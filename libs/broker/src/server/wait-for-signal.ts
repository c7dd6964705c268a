/**
 * Waits until `arm`'s callback is called, `ms` pass, or `signal` aborts, whichever comes
 * first. Never rejects: a long poll that is cut short simply answers with what it has.
 */
export function waitForSignal(
  ms: number,
  signal: AbortSignal,
  arm: (wake: () => void) => void,
): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    arm(done);
  });
}
