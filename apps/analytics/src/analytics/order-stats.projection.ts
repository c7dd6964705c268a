import { Injectable } from '@nestjs/common';
import type { EventOfType } from '@fanout/contracts';
import type { EntityManager } from 'typeorm';

/**
 * Folds the events into the projection's tables, one event at a time, inside the transaction
 * that records the event as processed (so a redelivered event changes nothing). Each event sets
 * only the columns it owns: the orders topic the status, payments the payment, inventory the stock.
 * Their order across topics does not matter, so a rebuild that reads the topics at another pace
 * arrives at the same rows; within a topic, an order's events share a partition and stay in order.
 */
@Injectable()
export class OrderStatsProjection {
  async orderCreated(manager: EntityManager, event: EventOfType<'OrderCreated'>): Promise<void> {
    const { orderId, customerId, items, totalCents } = event.payload;
    await upsertOrder(manager, orderId, {
      customer_id: customerId,
      status: 'PENDING',
      total_cents: totalCents,
      created_at: event.occurredAt,
    });
    await manager.query(
      `INSERT INTO order_lines (order_id, line, sku, quantity, unit_price_cents)
       SELECT $1, line, sku, quantity, unit_price_cents
       FROM unnest($2::text[], $3::int[], $4::int[]) WITH ORDINALITY
         AS item(sku, quantity, unit_price_cents, line)
       ON CONFLICT DO NOTHING`,
      [
        orderId,
        items.map((item) => item.sku),
        items.map((item) => item.quantity),
        items.map((item) => item.unitPriceCents),
      ],
    );
  }

  orderCompleted(manager: EntityManager, event: EventOfType<'OrderCompleted'>): Promise<void> {
    return upsertOrder(manager, event.payload.orderId, {
      status: 'COMPLETED',
      finished_at: event.occurredAt,
    });
  }

  orderCancelled(manager: EntityManager, event: EventOfType<'OrderCancelled'>): Promise<void> {
    return upsertOrder(manager, event.payload.orderId, {
      status: 'CANCELLED',
      finished_at: event.occurredAt,
      cancellation_reason: event.payload.reasonCode,
    });
  }

  payment(
    manager: EntityManager,
    event:
      | EventOfType<'PaymentCompleted'>
      | EventOfType<'PaymentFailed'>
      | EventOfType<'PaymentRefunded'>,
  ): Promise<void> {
    const status = { PaymentCompleted: 'COMPLETED', PaymentFailed: 'DECLINED' } as const;
    return upsertOrder(manager, event.payload.orderId, {
      payment_status: event.type === 'PaymentRefunded' ? 'REFUNDED' : status[event.type],
    });
  }

  async stock(
    manager: EntityManager,
    event:
      EventOfType<'StockReserved'> | EventOfType<'StockRejected'> | EventOfType<'StockReleased'>,
  ): Promise<void> {
    const status = { StockReserved: 'RESERVED', StockRejected: 'REJECTED' } as const;
    await upsertOrder(manager, event.payload.orderId, {
      stock_status: event.type === 'StockReleased' ? 'RELEASED' : status[event.type],
    });
    if (event.type !== 'StockRejected') return;
    const { orderId, shortages } = event.payload;
    await manager.query(
      `INSERT INTO stock_shortages (order_id, sku, requested, available)
       SELECT $1, sku, requested, available
       FROM unnest($2::text[], $3::int[], $4::int[]) AS shortage(sku, requested, available)
       ON CONFLICT DO NOTHING`,
      [
        orderId,
        shortages.map((shortage) => shortage.sku),
        shortages.map((shortage) => shortage.requested),
        shortages.map((shortage) => shortage.available),
      ],
    );
  }

  async notificationSent(
    manager: EntityManager,
    event: EventOfType<'NotificationSent'>,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO order_facts (order_id, notifications_sent) VALUES ($1, 1)
       ON CONFLICT (order_id) DO UPDATE SET notifications_sent = order_facts.notifications_sent + 1`,
      [event.payload.orderId],
    );
  }
}

type OrderColumns = Partial<{
  customer_id: string;
  status: 'PENDING' | 'COMPLETED' | 'CANCELLED';
  total_cents: number;
  created_at: string;
  finished_at: string;
  cancellation_reason: string;
  payment_status: 'COMPLETED' | 'DECLINED' | 'REFUNDED';
  stock_status: 'RESERVED' | 'REJECTED' | 'RELEASED';
}>;

/**
 * Creates the order's row with these columns, or sets them on the existing one. The status only
 * moves forward: an OrderCreated never puts a finished order back to PENDING.
 */
async function upsertOrder(
  manager: EntityManager,
  orderId: string,
  columns: OrderColumns,
): Promise<void> {
  const names = Object.keys(columns);
  const values = Object.values(columns);
  const updates = names.map((name) =>
    name === 'status'
      ? `status = CASE WHEN order_facts.status IN ('COMPLETED', 'CANCELLED') THEN order_facts.status ELSE EXCLUDED.status END`
      : `${name} = EXCLUDED.${name}`,
  );
  await manager.query(
    `INSERT INTO order_facts (order_id, ${names.join(', ')})
     VALUES ($1, ${names.map((_, index) => `$${index + 2}`).join(', ')})
     ON CONFLICT (order_id) DO UPDATE SET ${updates.join(', ')}`,
    [orderId, ...values],
  );
}
