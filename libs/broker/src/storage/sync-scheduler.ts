/**
 * Group commit for one file: every caller waiting when a sync starts is covered by it; callers
 * arriving while it runs wait for the next one, which then covers all of them at once.
 */
export class SyncScheduler {
  private running: Promise<void> | undefined;
  private next: Promise<void> | undefined;

  constructor(private readonly sync: () => Promise<void>) {}

  /** Resolves once a sync that started after this call has completed. */
  request(): Promise<void> {
    if (!this.running) {
      this.running = this.run();
      return this.running;
    }
    this.next ??= this.running.then(
      () => this.startNext(),
      () => this.startNext(),
    );
    return this.next;
  }

  /** Resolves when no sync is running or queued. */
  async idle(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
  }

  private startNext(): Promise<void> {
    this.next = undefined;
    this.running = this.run();
    return this.running;
  }

  private async run(): Promise<void> {
    try {
      await this.sync();
    } finally {
      if (!this.next) this.running = undefined;
    }
  }
}
