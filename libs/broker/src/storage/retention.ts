import { DiskPartitionLog } from './partition-log';

export interface RetentionPolicy {
  /** -1: keep forever. */
  retentionMs: number;
  /** -1: no size limit. */
  retentionBytes: number;
}

/**
 * How many of the oldest closed segments retention removes: those whose newest batch is older
 * than retentionMs, and then, as in Kafka, the oldest ones while the partition stays at or above
 * retentionBytes without them. The active segment is never removed.
 */
export async function expiredSegmentCount(
  log: DiskPartitionLog,
  policy: RetentionPolicy,
  now: number,
): Promise<number> {
  const segments = log.segmentList();
  const closed = segments.length - 1;
  let count = 0;
  if (policy.retentionMs >= 0) {
    while (
      count < closed &&
      now - (await log.maxTimestampOf(segments[count])) > policy.retentionMs
    ) {
      count++;
    }
  }
  if (policy.retentionBytes >= 0) {
    let excess = log.sizeInBytes() - policy.retentionBytes;
    for (let i = 0; i < count; i++) excess -= segments[i].size;
    while (count < closed && excess - segments[count].size >= 0) excess -= segments[count++].size;
  }
  return count;
}

export async function applyRetention(
  log: DiskPartitionLog,
  policy: RetentionPolicy,
  now = Date.now(),
): Promise<number> {
  const count = await expiredSegmentCount(log, policy, now);
  if (count > 0) await log.deleteOldestSegments(count);
  return count;
}

/**
 * Runs retention over every partition periodically and soon after a segment roll; one pass at a
 * time. Errors are reported, not thrown: retention failing must not stop the broker.
 */
export class RetentionTimer {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private rerun = false;

  constructor(
    private readonly logs: () => Iterable<DiskPartitionLog>,
    private readonly policy: RetentionPolicy,
    private readonly intervalMs: number,
    private readonly onError: (error: Error) => void,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.trigger(), this.intervalMs);
    this.timer.unref();
  }

  /** Runs a pass now (or right after the running one). */
  trigger(): Promise<void> {
    if (this.running) {
      this.rerun = true;
      return this.running;
    }
    this.running = this.pass().finally(() => {
      this.running = undefined;
      if (this.rerun) {
        this.rerun = false;
        void this.trigger();
      }
    });
    return this.running;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.rerun = false;
    await this.running;
  }

  private async pass(): Promise<void> {
    if (this.policy.retentionMs < 0 && this.policy.retentionBytes < 0) return;
    for (const log of [...this.logs()]) {
      try {
        await applyRetention(log, this.policy);
      } catch (error) {
        this.onError(error as Error);
      }
    }
  }
}
