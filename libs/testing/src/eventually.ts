type Truthy<T> = Exclude<T, false | 0 | '' | null | undefined>;

/**
 * Awaits a condition that becomes true asynchronously (a consumer caught up, a row was written):
 * re-checks it every `intervalMs` until it returns a truthy value or throws no more, or fails with
 * the last error after `timeoutMs`. For tests.
 */
export async function eventually<T>(
  check: () => Promise<T> | T,
  { timeoutMs = 20_000, intervalMs = 50 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<Truthy<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown = new Error('condition never became true');
  for (;;) {
    try {
      const value = await check();
      if (value) return value as Truthy<T>;
      lastError = new Error(`condition still false: ${String(value)}`);
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) throw lastError;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
