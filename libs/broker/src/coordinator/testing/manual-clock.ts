import type { Clock, TimerHandle } from '../clock';

interface ScheduledTimer {
  readonly dueAt: number;
  readonly callback: () => void;
}

/**
 * A clock that moves only when a test says so. Timers fire in deadline order (ties in the order
 * they were started), each with now() at its own deadline, and timers started by a firing
 * callback fire within the same advance() when they fall due inside it.
 */
export class ManualClock implements Clock {
  private currentMs = 0;
  private nextId = 0;
  private readonly timers = new Map<number, ScheduledTimer>();

  now(): number {
    return this.currentMs;
  }

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    const id = this.nextId++;
    this.timers.set(id, { dueAt: this.currentMs + Math.max(0, delayMs), callback });
    return id as unknown as TimerHandle;
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers.delete(handle as unknown as number);
  }

  /** Timers started and neither fired nor cleared. */
  get pendingTimers(): number {
    return this.timers.size;
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new RangeError(`ManualClock.advance: expected a finite ms >= 0, got ${ms}`);
    }
    const targetMs = this.currentMs + ms;
    for (let due = this.nextDue(targetMs); due; due = this.nextDue(targetMs)) {
      this.timers.delete(due.id);
      this.currentMs = due.timer.dueAt;
      due.timer.callback();
    }
    this.currentMs = targetMs;
  }

  /**
   * Advances `stepMs` at a time, letting promises and I/O callbacks run between steps, until
   * `promise` settles; fails once `limitMs` of clock time has passed without it settling.
   */
  async advanceUntilSettled<T>(
    promise: Promise<T>,
    { stepMs = 10, limitMs = 60_000 } = {},
  ): Promise<T> {
    let settled = false;
    const observed = promise.finally(() => (settled = true));
    const startMs = this.currentMs;
    for (;;) {
      await turnEventLoop();
      if (settled) {
        return observed;
      }
      if (this.currentMs - startMs >= limitMs) {
        throw new Error(`still pending after ${limitMs} ms of manual clock time`);
      }
      this.advance(stepMs);
    }
  }

  private nextDue(targetMs: number): { id: number; timer: ScheduledTimer } | undefined {
    let next: { id: number; timer: ScheduledTimer } | undefined;
    // Map iteration follows insertion order, so among equal deadlines the first started wins.
    for (const [id, timer] of this.timers) {
      if (timer.dueAt <= targetMs && (!next || timer.dueAt < next.timer.dueAt)) {
        next = { id, timer };
      }
    }
    return next;
  }
}

/** A few turns of the event loop: enough for chained promise callbacks to run. */
async function turnEventLoop(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}
