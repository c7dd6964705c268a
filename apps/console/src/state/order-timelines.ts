import { eventDefinitions, Topics } from '@fanout/contracts';
import type { OrderStatus, OrderTimeline, RecordedEvent, StepRole } from './console-view';

const ROLES: Record<string, StepRole> = {
  OrderCreated: 'start',
  PaymentCompleted: 'result',
  PaymentFailed: 'result',
  StockReserved: 'result',
  StockRejected: 'result',
  OrderCompleted: 'outcome',
  OrderCancelled: 'outcome',
  PaymentRefunded: 'compensation',
  StockReleased: 'compensation',
  NotificationSent: 'notification',
};

const OUTCOMES: Record<string, OrderStatus> = {
  OrderCompleted: 'COMPLETED',
  OrderCancelled: 'CANCELLED',
};

/** The topics keyed by order id (products is keyed by SKU). */
const ORDER_TOPICS = new Set<string>([
  Topics.orders,
  Topics.payments,
  Topics.inventory,
  Topics.notifications,
]);

/** Who consumes each event type, from the contracts: the groups whose commits the timeline marks. */
const CONSUMERS = new Map<string, string[]>(
  eventDefinitions.map((definition) => [definition.type, [...definition.consumers]]),
);

/** Where a group has committed, and which member owns a partition: the group monitor knows. */
export interface GroupPositions {
  committed(group: string, topic: string, partition: number): bigint | undefined;
  owner(group: string, topic: string, partition: number): string | null;
}

/**
 * Each order's events, gathered by key as the console's consumer reads them, and the consumer
 * groups' progress over them: a group has handled an event once its committed offset on that
 * partition is past it. Nothing here asks a service: the commits are in Kafka.
 */
export class OrderTimelines {
  private readonly timelines = new Map<string, OrderTimeline>();

  constructor(private readonly capacity = 300) {}

  /** The timeline the event belongs to, updated; undefined for a record of no order. */
  record(event: RecordedEvent): OrderTimeline | undefined {
    if (!ORDER_TOPICS.has(event.topic) || !event.key || !event.type) return undefined;
    let timeline = this.timelines.get(event.key);
    if (!timeline) {
      timeline = { orderId: event.key, status: 'PENDING', reason: null, steps: [], updatedAt: 0 };
      this.timelines.set(event.key, timeline);
      this.evictOldest();
    }
    if (timeline.steps.some((step) => step.event.id === event.id)) return timeline;
    timeline.steps.push({
      event,
      role: ROLES[event.type] ?? 'other',
      consumers: CONSUMERS.get(event.type) ?? [],
      handled: {},
    });
    const outcome = OUTCOMES[event.type];
    if (outcome) {
      timeline.status = outcome;
      timeline.reason = outcome === 'CANCELLED' ? reasonOf(event.value) : null;
    }
    timeline.updatedAt = event.seenAt;
    return timeline;
  }

  /** Marks the steps whose consumers have committed past them; returns the timelines changed. */
  markHandled(positions: GroupPositions, now: number): OrderTimeline[] {
    const changed: OrderTimeline[] = [];
    for (const timeline of this.timelines.values()) {
      let touched = false;
      for (const step of timeline.steps) {
        for (const group of step.consumers) {
          if (step.handled[group]) continue;
          const { topic, partition, offset } = step.event;
          const committed = positions.committed(group, topic, partition);
          // Kafka's committed offset is the next one to read: past this event means handled.
          if (committed === undefined || committed <= BigInt(offset)) continue;
          step.handled[group] = {
            group,
            instance: positions.owner(group, topic, partition) ?? 'unknown',
            at: now,
            afterMs: Math.max(0, now - step.event.producedAt),
          };
          touched = true;
        }
      }
      if (touched) {
        timeline.updatedAt = now;
        changed.push(timeline);
      }
    }
    return changed;
  }

  /** Newest first. */
  all(): OrderTimeline[] {
    return [...this.timelines.values()].reverse();
  }

  private evictOldest(): void {
    while (this.timelines.size > this.capacity) {
      const oldest = this.timelines.keys().next().value as string;
      this.timelines.delete(oldest);
    }
  }
}

function reasonOf(value: unknown): string | null {
  const payload = (value as { payload?: { reason?: unknown } } | null)?.payload;
  return typeof payload?.reason === 'string' ? payload.reason : null;
}
