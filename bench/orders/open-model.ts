/**
 * An open-model load: request i is due at start + i / rate whatever happened to the requests
 * before it, so a slow answer never delays the next request (no coordinated omission). Latency is
 * measured from the moment a request was due, not from when it was actually sent.
 */
export interface ScheduledCall<T> {
  /** performance.now() at which the call was due. */
  dueAt: number;
  result: Promise<T>;
}

export async function runOpenModel<T>(options: {
  rate: number;
  durationSeconds: number;
  call: (sequence: number, dueAt: number) => Promise<T>;
}): Promise<ScheduledCall<T>[]> {
  const { rate, durationSeconds, call } = options;
  const total = Math.max(1, Math.round(rate * durationSeconds));
  const calls: ScheduledCall<T>[] = [];
  const start = performance.now();
  while (calls.length < total) {
    const now = performance.now();
    // Everything due by now goes out at once: a late timer must not thin out the arrival rate.
    const due = Math.min(total, Math.floor(((now - start) * rate) / 1000) + 1);
    while (calls.length < due) {
      const dueAt = start + (calls.length * 1000) / rate;
      const result = call(calls.length, dueAt);
      result.catch(() => undefined);
      calls.push({ dueAt, result });
    }
    if (calls.length >= total) break;
    const nextDueAt = start + (calls.length * 1000) / rate;
    await new Promise((tick) => setTimeout(tick, Math.max(0, nextDueAt - performance.now())));
  }
  return calls;
}
