import { randomUUID } from 'node:crypto';
import {
  createEvent,
  type FanoutEvent,
  OrderCancelled,
  OrderCreated,
  PaymentCompleted,
  PaymentRefunded,
  StockRejected,
} from '@fanout/contracts';
import { type KafkaSettings, messagingEntities, messagingMigrations } from '@fanout/messaging';
import { openTemporaryDataSource, type TemporaryDataSource } from '@fanout/testing';
import type { EntityManager } from 'typeorm';
import { analyticsSchema } from '../analytics-schema';
import { OrderStatsProjection } from './order-stats.projection';
import { StatsService } from './stats.service';

const projection = new OrderStatsProjection();
const statsService = new StatsService({ groupId: 'analytics' } as KafkaSettings);

function apply(manager: EntityManager, event: FanoutEvent): Promise<void> {
  switch (event.type) {
    case 'OrderCreated':
      return projection.orderCreated(manager, event);
    case 'OrderCancelled':
      return projection.orderCancelled(manager, event);
    case 'PaymentCompleted':
    case 'PaymentRefunded':
      return projection.payment(manager, event);
    case 'StockRejected':
      return projection.stock(manager, event);
    default:
      throw new Error(`not in this story: ${event.type}`);
  }
}

/** An order for a sold-out product: charged, rejected by inventory, cancelled, refunded. */
function soldOutOrder(): FanoutEvent[] {
  const orderId = randomUUID();
  const paymentId = randomUUID();
  const origin = (producer: 'orders' | 'payments' | 'inventory') => ({
    producer,
    correlationId: orderId,
  });
  const created = createEvent(
    OrderCreated,
    {
      orderId,
      customerId: 'carol',
      items: [{ sku: 'SOLD-OUT-01', quantity: 2, unitPriceCents: 2500 }],
      totalCents: 5000,
    },
    origin('orders'),
  );
  const cancelled = createEvent(
    OrderCancelled,
    { orderId, customerId: 'carol', reasonCode: 'STOCK_REJECTED', reason: 'out of stock' },
    origin('orders'),
  );
  return [
    { ...created, occurredAt: '2026-01-05T10:00:00.000Z' },
    createEvent(PaymentCompleted, { orderId, paymentId, amountCents: 5000 }, origin('payments')),
    createEvent(
      StockRejected,
      {
        orderId,
        reason: 'out of stock: SOLD-OUT-01',
        shortages: [{ sku: 'SOLD-OUT-01', requested: 2, available: 0 }],
      },
      origin('inventory'),
    ),
    { ...cancelled, occurredAt: '2026-01-05T10:00:00.750Z' },
    createEvent(
      PaymentRefunded,
      { orderId, paymentId, refundId: randomUUID(), amountCents: 5000, reason: 'cancelled' },
      origin('payments'),
    ),
  ];
}

describe('OrderStatsProjection', () => {
  const databases: TemporaryDataSource[] = [];
  const schema = {
    entities: [...messagingEntities, ...analyticsSchema.entities],
    migrations: [...messagingMigrations, ...analyticsSchema.migrations],
  };

  afterAll(async () => {
    await Promise.all(databases.map((database) => database.close()));
  });

  /** The figures of a fresh projection that was given these events, in this order. */
  async function statsAfter(events: readonly FanoutEvent[]) {
    const database = await openTemporaryDataSource(schema);
    databases.push(database);
    for (const event of events) {
      await database.dataSource.transaction((manager) => apply(manager, event));
    }
    return database.dataSource.transaction((manager) => statsService.stats(manager));
  }

  it('counts a stock-out, its refund and its time to cancellation', async () => {
    const stats = await statsAfter(soldOutOrder());

    expect(stats).toMatchObject({
      orders: { total: 1, byStatus: { CANCELLED: 1 }, cancelledByReason: { STOCK_REJECTED: 1 } },
      revenueCents: 0,
      unitsSoldBySku: {},
      payments: { declined: 0, refunded: 1 },
      stock: { rejectedOrders: 1, shortagesBySku: { 'SOLD-OUT-01': 1 } },
      timeToFinalStatus: { count: 1, p50Ms: 750 },
    });
  });

  it('arrives at the same figures whichever topic is read first', async () => {
    const events = soldOutOrder();
    const onOrders = events.filter((event) => event.producer === 'orders');
    const others = events.filter((event) => event.producer !== 'orders');

    expect(await statsAfter([...others, ...onOrders])).toEqual(await statsAfter(events));
  });

  it('counts nothing for results about an order it never saw created', async () => {
    const [, payment, stock] = soldOutOrder();

    expect(await statsAfter([payment, stock])).toMatchObject({
      orders: { total: 0 },
      payments: { refunded: 0 },
      stock: { rejectedOrders: 0, shortagesBySku: {} },
    });
  });
});
