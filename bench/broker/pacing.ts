/**
 * Calls `send(sequence, dueAt)` for sequence 0..total-1 at `rate` per second, without waiting for
 * the previous call, and returns the calls' promises. Each call is made on its own as soon as it
 * is due, so latency is not hidden by client-side batching; `dueAt` (performance.now() time) is
 * when it was due, which is where an open-model latency starts.
 */
export async function paced<T>(
  rate: number,
  total: number,
  send: (sequence: number, dueAt: number) => Promise<T>,
): Promise<Promise<T>[]> {
  const calls: Promise<T>[] = [];
  const start = performance.now();
  while (calls.length < total) {
    const due = Math.min(total, Math.floor(((performance.now() - start) * rate) / 1000) + 1);
    while (calls.length < due) {
      const call = send(calls.length, start + (calls.length * 1000) / rate);
      // Failures surface when the caller awaits the calls; until then they are not "unhandled".
      call.catch(() => undefined);
      calls.push(call);
    }
    const nextDueAt = start + (calls.length * 1000) / rate;
    await new Promise((tick) => setTimeout(tick, Math.max(0, nextDueAt - performance.now())));
  }
  return calls;
}
