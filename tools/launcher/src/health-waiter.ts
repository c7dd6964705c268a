import { setTimeout as delay } from 'node:timers/promises';

export interface HealthWaitOptions {
  timeoutMs: number;
  intervalMs?: number;
  /** Stops waiting early when the process behind the URL has died. */
  isAlive?: () => boolean;
  /** Sent with every poll (e.g. a bearer token for an endpoint that wants one). */
  headers?: Record<string, string>;
}

/** What one answer says: undefined once the condition holds, else what is still missing. */
type AnswerCheck = (response: Response) => Promise<string | undefined>;

/** Polls a /health URL until it answers 200, the deadline passes or the process dies. */
export function waitForHealthy(url: string, options: HealthWaitOptions): Promise<void> {
  return pollUntil(
    url,
    async (response) => (response.ok ? undefined : `HTTP ${response.status}`),
    (problem) => `${url} not healthy after ${options.timeoutMs} ms (${problem})`,
    options,
  );
}

/**
 * Polls orders' GET /catalogue until it lists a priced SKU. Orders learns the prices from
 * inventory's compacted products topic after it is healthy, and refuses (422) an order for a SKU
 * it has no price for: until this resolves, a first order can fail.
 */
export function waitForCatalogue(url: string, options: HealthWaitOptions): Promise<void> {
  return pollUntil(
    url,
    async (response) => {
      if (!response.ok) return `HTTP ${response.status}`;
      const body = (await response.json().catch(() => undefined)) as
        { items?: unknown } | undefined;
      if (!Array.isArray(body?.items)) return 'the answer has no "items" list';
      return body.items.length > 0 ? undefined : 'no SKU priced yet';
    },
    (problem) =>
      `orders has learnt no price from the products topic after ${options.timeoutMs} ms ` +
      `(${url}: ${problem}); an order would be refused with 422 until it does: ` +
      "look for errors in inventory's and orders' logs above",
    options,
  );
}

async function pollUntil(
  url: string,
  check: AnswerCheck,
  failure: (lastProblem: string) => string,
  options: HealthWaitOptions,
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  const intervalMs = options.intervalMs ?? 250;
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (options.isAlive && !options.isAlive()) throw new Error(`${url}: the process exited`);
    try {
      const response = await fetch(url, {
        headers: options.headers,
        signal: AbortSignal.timeout(2_000),
      });
      const problem = await check(response);
      if (problem === undefined) return;
      lastProblem = problem;
    } catch (error) {
      lastProblem = (error as Error).message;
    }
    await delay(intervalMs);
  }
  throw new Error(failure(lastProblem));
}
