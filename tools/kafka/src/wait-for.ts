/**
 * Polls `condition` every `intervalMs` until it holds; rejects with `what` after `timeoutMs`.
 *
 * The runner's own wait for its JVM (`npm start -- --kafka apache` goes through it), not a test
 * helper: a condition that throws stops the wait at once (the JVM exited, the start was aborted),
 * where the tests' `eventually` (@fanout/testing) would keep trying.
 */
export async function waitFor(
  what: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  intervalMs = 100,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
