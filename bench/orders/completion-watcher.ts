import { randomUUID } from 'node:crypto';
import type { Consumer, Kafka } from 'kafkajs';
import { EventHeaders, Topics } from '@fanout/contracts';

export type FinalStatus = 'COMPLETED' | 'CANCELLED';

const FINAL_EVENTS: Record<string, FinalStatus> = {
  OrderCompleted: 'COMPLETED',
  OrderCancelled: 'CANCELLED',
};

/**
 * Sees orders reach their final status on the `orders` topic (OrderCompleted / OrderCancelled), as
 * any other consumer would: a group of its own that starts at the end of the topic. It reads the
 * event type from the headers, and the order id from the key, without parsing the value.
 */
export class CompletionWatcher {
  private readonly finished = new Map<string, { at: number; status: FinalStatus }>();
  private readonly waiters = new Set<() => void>();
  private consumer: Consumer | null = null;

  constructor(private readonly kafka: Kafka) {}

  async start(): Promise<void> {
    const consumer = this.kafka.consumer({
      groupId: `bench-orders-${randomUUID()}`,
      maxWaitTimeInMs: 100,
    });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topic: Topics.orders, fromBeginning: false });
    const joined = new Promise<void>((resolve) =>
      consumer.on(consumer.events.GROUP_JOIN, () => resolve()),
    );
    await consumer.run({
      partitionsConsumedConcurrently: 6,
      eachBatch: async ({ batch }) => {
        const at = performance.now();
        for (const message of batch.messages) {
          const type = message.headers?.[EventHeaders.type]?.toString();
          const status = type ? FINAL_EVENTS[type] : undefined;
          const orderId = message.key?.toString();
          if (status && orderId && !this.finished.has(orderId)) {
            this.finished.set(orderId, { at, status });
          }
        }
        for (const wake of this.waiters) wake();
      },
    });
    await joined;
  }

  /** When (performance.now()) and how the order ended, if it has. */
  outcome(orderId: string): { at: number; status: FinalStatus } | undefined {
    return this.finished.get(orderId);
  }

  /** Resolves once every order has ended, or at the deadline; returns how many are still open. */
  async waitFor(orderIds: readonly string[], timeoutMs: number): Promise<number> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const open = orderIds.filter((id) => !this.finished.has(id)).length;
      const left = deadline - performance.now();
      if (open === 0 || left <= 0) return open;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.min(left, 500));
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.waiters.add(done);
      }).finally(() => this.waiters.clear());
    }
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
