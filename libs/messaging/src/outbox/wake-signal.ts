/**
 * Lets a loop sleep until either it is woken or a timeout passes. A wake that arrives while the
 * loop is busy is remembered, so a commit during a publish is never missed.
 */
export class WakeSignal {
  private pending = false;
  private release: (() => void) | null = null;

  wake(): void {
    this.pending = true;
    this.release?.();
  }

  async wait(timeoutMs: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return;
    }
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.release = null;
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.release = done;
    });
    this.pending = false;
  }
}
