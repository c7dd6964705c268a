/**
 * Group commit: writes that arrive while a write is in flight wait, and then go to the database
 * together, in one transaction. One request alone is written at once, as before; under load the
 * groups grow by themselves, so a transaction and its round trips are shared by many requests
 * instead of each request holding a pooled connection for its own.
 *
 * `write` receives a group and returns one result per item, in order. If a group fails, each of
 * its items is written again on its own, so one bad item fails only its own caller.
 */
export class GroupCommit<TItem, TResult> {
  private queue: { item: TItem; resolve: (r: TResult) => void; reject: (e: unknown) => void }[] =
    [];
  private flushing = false;

  constructor(
    private readonly write: (items: TItem[]) => Promise<TResult[]>,
    private readonly maxGroupSize = 100,
  ) {}

  submit(item: TItem): Promise<TResult> {
    return new Promise<TResult>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const group = this.queue.splice(0, this.maxGroupSize);
        try {
          const results = await this.write(group.map(({ item }) => item));
          group.forEach(({ resolve }, i) => resolve(results[i]));
        } catch (error) {
          if (group.length === 1) {
            group[0].reject(error);
            continue;
          }
          // Which item failed is unknown: each one alone, so only that one's caller sees it.
          for (const { item, resolve, reject } of group) {
            await this.write([item]).then(([result]) => resolve(result), reject);
          }
        }
      }
    } finally {
      this.flushing = false;
    }
  }
}
