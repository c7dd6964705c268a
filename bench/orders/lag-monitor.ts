import type { Admin, Kafka } from 'kafkajs';
import { serviceNames, topicNames } from '@fanout/contracts';

/**
 * Consumer lag per group: the records of its topics after its committed offsets, summed over
 * partitions. Sampled from the outside with the admin API, as an operator's tool would.
 */
export class LagMonitor {
  private admin: Admin | null = null;
  private timer: NodeJS.Timeout | null = null;
  private peak: Record<string, number> = {};

  constructor(private readonly kafka: Kafka) {}

  async start(): Promise<void> {
    this.admin = this.kafka.admin();
    await this.admin.connect();
  }

  /** Samples every `intervalMs` and keeps each group's highest lag, until `stopSampling()`. */
  startSampling(intervalMs = 500): void {
    this.peak = {};
    const tick = async () => {
      try {
        const lag = await this.lag();
        for (const [group, value] of Object.entries(lag)) {
          this.peak[group] = Math.max(this.peak[group] ?? 0, value);
        }
      } catch {
        // A sample missed under load is not a result; the next one counts.
      }
      if (this.timer) this.timer = setTimeout(tick, intervalMs);
    };
    this.timer = setTimeout(tick, 0);
  }

  stopSampling(): Record<string, number> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    return { ...this.peak };
  }

  async lag(): Promise<Record<string, number>> {
    const admin = this.requireAdmin();
    const ends = new Map<string, Map<number, number>>();
    for (const topic of topicNames) {
      const offsets = await admin.fetchTopicOffsets(topic);
      ends.set(topic, new Map(offsets.map((o) => [o.partition, Number(o.high)])));
    }
    const result: Record<string, number> = {};
    for (const group of serviceNames) {
      const committed = await admin.fetchOffsets({ groupId: group, topics: [...topicNames] });
      let lag = 0;
      // The topics the group reads are those it has committed offsets on (-1: none).
      for (const { topic, partitions } of committed) {
        if (partitions.every(({ offset }) => Number(offset) < 0)) continue;
        for (const { partition, offset } of partitions) {
          const end = ends.get(topic)?.get(partition) ?? 0;
          lag += end - Math.max(0, Number(offset));
        }
      }
      result[group] = lag;
    }
    return result;
  }

  /** Waits until every group's lag is zero; returns the lag left at the deadline. */
  async waitForZero(timeoutMs: number): Promise<Record<string, number>> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const lag = await this.lag();
      if (Object.values(lag).every((value) => value === 0) || performance.now() > deadline) {
        return lag;
      }
      await new Promise((tick) => setTimeout(tick, 250));
    }
  }

  async stop(): Promise<void> {
    this.stopSampling();
    await this.admin?.disconnect();
  }

  private requireAdmin(): Admin {
    if (!this.admin) throw new Error('LagMonitor.start() first');
    return this.admin;
  }
}
