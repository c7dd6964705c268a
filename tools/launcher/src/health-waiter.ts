import { setTimeout as delay } from 'node:timers/promises';

export interface HealthWaitOptions {
  timeoutMs: number;
  intervalMs?: number;
  /** Stops waiting early when the process behind the URL has died. */
  isAlive?: () => boolean;
}

/** Polls a /health URL until it answers 200, the deadline passes or the process dies. */
export async function waitForHealthy(url: string, options: HealthWaitOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  const intervalMs = options.intervalMs ?? 250;
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (options.isAlive && !options.isAlive()) throw new Error(`${url}: the process exited`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
      lastProblem = `HTTP ${response.status}`;
    } catch (error) {
      lastProblem = (error as Error).message;
    }
    await delay(intervalMs);
  }
  throw new Error(`${url} not healthy after ${options.timeoutMs} ms (${lastProblem})`);
}
