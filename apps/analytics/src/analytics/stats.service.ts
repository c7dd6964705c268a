import { Inject, Injectable } from '@nestjs/common';
import { KAFKA_SETTINGS, type KafkaSettings } from '@fanout/messaging';
import type { EntityManager } from 'typeorm';
import { type DurationSummary, summariseDurations } from './durations';

/** GET /stats: everything is computed from the projection's tables when asked. */
export interface Stats {
  orders: {
    total: number;
    byStatus: Record<string, number>;
    cancelledByReason: Record<string, number>;
  };
  /** What completed orders were charged, in cents. */
  revenueCents: number;
  /** Units of each SKU in completed orders. */
  unitsSoldBySku: Record<string, number>;
  payments: { declined: number; refunded: number };
  stock: {
    /** Orders inventory could not fill. */
    rejectedOrders: number;
    /** How many orders each SKU was short for. */
    shortagesBySku: Record<string, number>;
  };
  notificationsSent: number;
  /** From OrderCreated to OrderCompleted or OrderCancelled, by the events' own timestamps. */
  timeToFinalStatus: DurationSummary;
  /** Events this projection is made of (the consumer group's processed events). */
  eventsApplied: number;
}

@Injectable()
export class StatsService {
  constructor(@Inject(KAFKA_SETTINGS) private readonly settings: KafkaSettings) {}

  async stats(manager: EntityManager): Promise<Stats> {
    // Every figure counts the orders whose OrderCreated was read (status set): a payment or stock
    // result read first, from another topic, waits for it, and one for an order that never
    // existed (OrderUnknown) is never counted.
    const byStatus = await counts(
      manager,
      `SELECT status AS key, count(*) AS count FROM order_facts
       WHERE status IS NOT NULL GROUP BY status`,
    );
    const [money] = (await manager.query(
      `SELECT
         coalesce(sum(total_cents) FILTER (WHERE status = 'COMPLETED'), 0) AS revenue,
         count(*) FILTER (WHERE payment_status = 'DECLINED') AS declined,
         count(*) FILTER (WHERE payment_status = 'REFUNDED') AS refunded,
         count(*) FILTER (WHERE stock_status = 'REJECTED') AS rejected,
         coalesce(sum(notifications_sent), 0) AS notifications
       FROM order_facts WHERE status IS NOT NULL`,
    )) as Record<'revenue' | 'declined' | 'refunded' | 'rejected' | 'notifications', string>[];
    const durations = (await manager.query(
      `SELECT round(extract(epoch FROM finished_at - created_at) * 1000) AS ms FROM order_facts
       WHERE created_at IS NOT NULL AND finished_at IS NOT NULL`,
    )) as { ms: string }[];
    const [applied] = (await manager.query(
      'SELECT count(*) AS count FROM processed_events WHERE consumer_group = $1',
      [this.settings.groupId],
    )) as { count: string }[];
    return {
      orders: {
        total: Object.values(byStatus).reduce((sum, count) => sum + count, 0),
        byStatus,
        cancelledByReason: await counts(
          manager,
          `SELECT cancellation_reason AS key, count(*) AS count FROM order_facts
           WHERE status = 'CANCELLED' GROUP BY cancellation_reason`,
        ),
      },
      revenueCents: Number(money.revenue),
      unitsSoldBySku: await counts(
        manager,
        `SELECT line.sku AS key, sum(line.quantity) AS count
         FROM order_lines line JOIN order_facts fact USING (order_id)
         WHERE fact.status = 'COMPLETED' GROUP BY line.sku`,
      ),
      payments: { declined: Number(money.declined), refunded: Number(money.refunded) },
      stock: {
        rejectedOrders: Number(money.rejected),
        shortagesBySku: await counts(
          manager,
          `SELECT shortage.sku AS key, count(*) AS count
           FROM stock_shortages shortage JOIN order_facts fact USING (order_id)
           WHERE fact.status IS NOT NULL GROUP BY shortage.sku`,
        ),
      },
      notificationsSent: Number(money.notifications),
      timeToFinalStatus: summariseDurations(durations.map(({ ms }) => Number(ms))),
      eventsApplied: Number(applied.count),
    };
  }
}

/** A `key, count` query as an object sorted by key, so that equal figures compare equal. */
async function counts(manager: EntityManager, sql: string): Promise<Record<string, number>> {
  const rows = (await manager.query(sql)) as { key: string; count: string }[];
  return Object.fromEntries(
    rows
      .map(({ key, count }) => [key, Number(count)] as const)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}
