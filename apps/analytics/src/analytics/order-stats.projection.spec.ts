import { randomUUID } from 'node:crypto';
import {
  createEvent,
  type FanoutEvent,
  NotificationSent,
  OrderCancelled,
  OrderCompleted,
  OrderCreated,
  PaymentCompleted,
  PaymentFailed,
  PaymentRefunded,
  StockRejected,
  StockReleased,
  StockReserved,
} from '@fanout/contracts';
import { type KafkaSettings, messagingEntities, messagingMigrations } from '@fanout/messaging';
import { type Transaction, TransactionRunner } from '@fanout/persistence';
import { openTemporaryDataSource } from '@fanout/testing';
import type { DataSource } from 'typeorm';
import { analyticsSchema } from '../analytics-schema';
import { OrderStatsProjection } from './order-stats.projection';
import { type Stats, StatsService } from './stats.service';

const projection = new OrderStatsProjection();
const statsService = new StatsService({ groupId: 'analytics' } as KafkaSettings);

/** What the controllers do with each event. */
function apply(tx: Transaction, event: FanoutEvent): void {
  switch (event.type) {
    case 'OrderCreated':
      return projection.orderCreated(tx, event);
    case 'OrderCompleted':
      return projection.orderCompleted(tx, event);
    case 'OrderCancelled':
      return projection.orderCancelled(tx, event);
    case 'PaymentCompleted':
    case 'PaymentFailed':
    case 'PaymentRefunded':
      return projection.payment(tx, event);
    case 'StockReserved':
    case 'StockRejected':
    case 'StockReleased':
      return projection.stock(tx, event);
    case 'NotificationSent':
      return projection.notificationSent(tx, event);
    default:
      throw new Error(`not in these stories: ${event.type}`);
  }
}

const origin = (
  producer: 'orders' | 'payments' | 'inventory' | 'notifications',
  orderId: string,
) => ({ producer, correlationId: orderId });

const at = <T extends FanoutEvent>(event: T, occurredAt: string): T => ({ ...event, occurredAt });

function notificationSent(orderId: string, inResponseTo: string): FanoutEvent {
  return createEvent(
    NotificationSent,
    {
      orderId,
      notificationId: randomUUID(),
      recipient: 'alice',
      channel: 'email',
      subject: `About your order (${inResponseTo})`,
      inResponseTo,
    },
    origin('notifications', orderId),
  );
}

/** An order that goes through: charged, reserved, completed, and two notifications. */
function completedOrder(orderId = randomUUID()): FanoutEvent[] {
  const items = [
    { sku: 'KEYBOARD-01', quantity: 1, unitPriceCents: 4999 },
    { sku: 'CABLE-01', quantity: 2, unitPriceCents: 900 },
  ];
  return [
    at(
      createEvent(
        OrderCreated,
        { orderId, customerId: 'alice', items, totalCents: 6799 },
        origin('orders', orderId),
      ),
      '2026-01-05T09:00:00.000Z',
    ),
    createEvent(
      PaymentCompleted,
      { orderId, paymentId: randomUUID(), amountCents: 6799 },
      origin('payments', orderId),
    ),
    createEvent(
      StockReserved,
      {
        orderId,
        reservationId: randomUUID(),
        items: items.map(({ sku, quantity }) => ({ sku, quantity })),
      },
      origin('inventory', orderId),
    ),
    at(
      createEvent(
        OrderCompleted,
        { orderId, customerId: 'alice', totalCents: 6799 },
        origin('orders', orderId),
      ),
      '2026-01-05T09:00:01.200Z',
    ),
    notificationSent(orderId, 'OrderCreated'),
    notificationSent(orderId, 'OrderCompleted'),
  ];
}

/** An order for a sold-out product: charged, rejected by inventory, cancelled, refunded. */
function soldOutOrder(orderId = randomUUID()): FanoutEvent[] {
  const paymentId = randomUUID();
  return [
    at(
      createEvent(
        OrderCreated,
        {
          orderId,
          customerId: 'carol',
          items: [{ sku: 'SOLD-OUT-01', quantity: 2, unitPriceCents: 2500 }],
          totalCents: 5000,
        },
        origin('orders', orderId),
      ),
      '2026-01-05T10:00:00.000Z',
    ),
    createEvent(
      PaymentCompleted,
      { orderId, paymentId, amountCents: 5000 },
      origin('payments', orderId),
    ),
    createEvent(
      StockRejected,
      {
        orderId,
        reason: 'out of stock: SOLD-OUT-01',
        shortages: [{ sku: 'SOLD-OUT-01', requested: 2, available: 0 }],
      },
      origin('inventory', orderId),
    ),
    at(
      createEvent(
        OrderCancelled,
        { orderId, customerId: 'carol', reasonCode: 'STOCK_REJECTED', reason: 'out of stock' },
        origin('orders', orderId),
      ),
      '2026-01-05T10:00:00.750Z',
    ),
    createEvent(
      PaymentRefunded,
      { orderId, paymentId, refundId: randomUUID(), amountCents: 5000, reason: 'cancelled' },
      origin('payments', orderId),
    ),
  ];
}

/** An order whose payment is declined: stock reserved, then released once it is cancelled. */
function declinedOrder(orderId = randomUUID()): FanoutEvent[] {
  const reservation = {
    orderId,
    reservationId: randomUUID(),
    items: [{ sku: 'MONITOR-01', quantity: 1 }],
  };
  return [
    at(
      createEvent(
        OrderCreated,
        {
          orderId,
          customerId: 'bob',
          items: [{ sku: 'MONITOR-01', quantity: 1, unitPriceCents: 250000 }],
          totalCents: 250000,
        },
        origin('orders', orderId),
      ),
      '2026-01-05T11:00:00.000Z',
    ),
    createEvent(
      PaymentFailed,
      { orderId, paymentId: randomUUID(), amountCents: 250000, reason: 'insufficient funds' },
      origin('payments', orderId),
    ),
    createEvent(StockReserved, reservation, origin('inventory', orderId)),
    at(
      createEvent(
        OrderCancelled,
        { orderId, customerId: 'bob', reasonCode: 'PAYMENT_FAILED', reason: 'declined' },
        origin('orders', orderId),
      ),
      '2026-01-05T11:00:00.300Z',
    ),
    createEvent(StockReleased, reservation, origin('inventory', orderId)),
    notificationSent(orderId, 'OrderCancelled'),
  ];
}

/** The same event again, as its producer would send a second time (another event id). */
const again = <T extends FanoutEvent>(event: T): T => ({ ...event, eventId: randomUUID() });

const each = (events: readonly FanoutEvent[]) => events.map((event) => [event]);

/** The projection's three tables, row by row. */
async function tables(dataSource: DataSource) {
  return {
    facts: (await dataSource.query('SELECT * FROM order_facts ORDER BY order_id')) as Record<
      string,
      unknown
    >[],
    lines: (await dataSource.query('SELECT * FROM order_lines ORDER BY order_id, line')) as Record<
      string,
      unknown
    >[],
    shortages: (await dataSource.query(
      'SELECT * FROM stock_shortages ORDER BY order_id, sku',
    )) as Record<string, unknown>[],
  };
}

/** The tables each statement a transaction sent wrote to, in order (`INSERT INTO <table>`). */
const tableOf = (sql: string) => /INSERT INTO (\w+)/.exec(sql)?.[1] ?? sql;

/**
 * Runs the events in one transaction, as the consumer runs a fetched batch; returns the tables its
 * statements wrote to.
 */
async function inOneTransaction(
  transactions: TransactionRunner,
  events: readonly FanoutEvent[],
): Promise<string[]> {
  let statements: string[] = [];
  await transactions.run(async (tx) => {
    const query = jest.spyOn(tx.manager, 'query');
    for (const event of events) apply(tx, event);
    // The handlers only record their change: everything is written just before the commit.
    expect(query).not.toHaveBeenCalled();
    tx.beforeCommit(async () => {
      statements = query.mock.calls.map(([sql]) => tableOf(sql));
    });
  });
  return statements;
}

describe('OrderStatsProjection', () => {
  const schema = {
    entities: [...messagingEntities, ...analyticsSchema.entities],
    migrations: [...messagingMigrations, ...analyticsSchema.migrations],
  };

  /**
   * A fresh projection given these transactions, one after the other, each of these events in
   * this order: its rows, its figures and, per transaction, the tables its statements wrote to.
   */
  async function project(transactions: readonly (readonly FanoutEvent[])[]) {
    const database = await openTemporaryDataSource(schema);
    try {
      const runner = new TransactionRunner(database.dataSource, { serialize: false });
      const statements: string[][] = [];
      for (const events of transactions) {
        statements.push(await inOneTransaction(runner, events));
      }
      const stats: Stats = await database.dataSource.transaction((manager) =>
        statsService.stats(manager),
      );
      return { ...(await tables(database.dataSource)), stats, statements };
    } finally {
      await database.close();
    }
  }

  /** The projection's rows, without what says how they were written. */
  const rowsOf = ({ facts, lines, shortages }: Awaited<ReturnType<typeof project>>) => ({
    facts,
    lines,
    shortages,
  });

  it('counts a stock-out, its refund and its time to cancellation', async () => {
    const { stats } = await project(each(soldOutOrder()));

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

    expect((await project(each([...others, ...onOrders]))).stats).toEqual(
      (await project(each(events))).stats,
    );
  });

  it('counts nothing for results about an order it never saw created', async () => {
    const [, payment, stock] = soldOutOrder();

    expect((await project(each([payment, stock]))).stats).toMatchObject({
      orders: { total: 0 },
      payments: { refunded: 0 },
      stock: { rejectedOrders: 0, shortagesBySku: {} },
    });
  });

  it('writes an order’s events in one transaction as the same rows as one transaction each', async () => {
    const orderId = randomUUID();
    const events = completedOrder(orderId);

    const together = await project([events]);
    const alone = await project(each(events));
    // An existing row, merged with a transaction's changes: a notification on either side.
    const split = await project([events.slice(0, 5), events.slice(5)]);

    expect(together.facts).toEqual([
      {
        order_id: orderId,
        customer_id: 'alice',
        status: 'COMPLETED',
        total_cents: 6799,
        created_at: new Date('2026-01-05T09:00:00.000Z'),
        finished_at: new Date('2026-01-05T09:00:01.200Z'),
        cancellation_reason: null,
        payment_status: 'COMPLETED',
        stock_status: 'RESERVED',
        notifications_sent: 2,
      },
    ]);
    expect(together.lines).toEqual([
      { order_id: orderId, line: 1, sku: 'KEYBOARD-01', quantity: 1, unit_price_cents: 4999 },
      { order_id: orderId, line: 2, sku: 'CABLE-01', quantity: 2, unit_price_cents: 900 },
    ]);
    expect(rowsOf(alone)).toEqual(rowsOf(together));
    expect(rowsOf(split)).toEqual(rowsOf(together));
    // Six events, two statements: the order's row and its lines; no shortage, so no INSERT.
    expect(together.statements).toEqual([['order_facts', 'order_lines']]);
    expect(alone.statements.flat()).toHaveLength(7);
    expect(together.stats).toMatchObject({
      orders: { total: 1, byStatus: { COMPLETED: 1 } },
      revenueCents: 6799,
      unitsSoldBySku: { 'CABLE-01': 2, 'KEYBOARD-01': 1 },
      notificationsSent: 2,
      timeToFinalStatus: { count: 1, p50Ms: 1200 },
    });
  });

  it('never moves the status back, within a transaction or across them', async () => {
    const orderId = randomUUID();
    const [created, payment, stock, completed] = completedOrder(orderId);
    const cancelled = soldOutOrder(orderId)[3];

    const completedFirst = await project([[completed, created]]);
    const [fact] = completedFirst.facts;

    expect(fact).toMatchObject({
      status: 'COMPLETED',
      customer_id: 'alice',
      created_at: new Date('2026-01-05T09:00:00.000Z'),
      finished_at: new Date('2026-01-05T09:00:01.200Z'),
    });
    expect(rowsOf(completedFirst)).toEqual(rowsOf(await project(each([completed, created]))));
    // The first final status stays; the later event's other columns are still set.
    expect((await project([[created, cancelled, completed]])).facts[0]).toMatchObject({
      status: 'CANCELLED',
      cancellation_reason: 'STOCK_REJECTED',
      finished_at: new Date('2026-01-05T09:00:01.200Z'),
    });
    // A transaction that sets no status leaves the order's as it was.
    expect((await project([[created], [payment, stock]])).facts[0]).toMatchObject({
      status: 'PENDING',
      payment_status: 'COMPLETED',
      stock_status: 'RESERVED',
    });
    // A finished order stays finished when a later transaction creates it again.
    expect((await project([[created, completed], [again(created)]])).facts[0]).toMatchObject({
      status: 'COMPLETED',
    });
  });

  it('writes an order’s lines and shortages once', async () => {
    const orderId = randomUUID();
    const [created, payment, rejected, cancelled] = soldOutOrder(orderId);
    const events = [created, again(created), payment, rejected, again(rejected), cancelled];

    const together = await project([events, [again(created), again(rejected)]]);

    expect(together.lines).toEqual([
      { order_id: orderId, line: 1, sku: 'SOLD-OUT-01', quantity: 2, unit_price_cents: 2500 },
    ]);
    expect(together.shortages).toEqual([
      { order_id: orderId, sku: 'SOLD-OUT-01', requested: 2, available: 0 },
    ]);
    expect(together.statements).toEqual([
      ['order_facts', 'order_lines', 'stock_shortages'],
      ['order_facts', 'order_lines', 'stock_shortages'],
    ]);
    expect(rowsOf(together)).toEqual(
      rowsOf(await project(each([...events, again(created), again(rejected)]))),
    );
  });

  it('writes a transaction of many orders in three statements, as one transaction each would', async () => {
    const stories = Array.from({ length: 30 }, (_, i) =>
      [completedOrder, soldOutOrder, declinedOrder][i % 3](),
    );
    // The orders' events interleaved, as the four topics deliver them.
    const events = Array.from({ length: 6 }, (_, step) =>
      stories.flatMap((story) => story.slice(step, step + 1)),
    ).flat();

    const together = await project([events]);
    const alone = await project(each(events));

    expect(together.statements).toEqual([['order_facts', 'order_lines', 'stock_shortages']]);
    expect(together.facts).toHaveLength(30);
    expect(rowsOf(together)).toEqual(rowsOf(alone));
    expect(together.stats).toEqual(alone.stats);
    expect(together.stats).toMatchObject({
      orders: {
        total: 30,
        byStatus: { CANCELLED: 20, COMPLETED: 10 },
        cancelledByReason: { PAYMENT_FAILED: 10, STOCK_REJECTED: 10 },
      },
      revenueCents: 10 * 6799,
      payments: { declined: 10, refunded: 10 },
      stock: { rejectedOrders: 10, shortagesBySku: { 'SOLD-OUT-01': 10 } },
      notificationsSent: 30,
    });
  });

  it('adds up the notifications of concurrent transactions on the same orders', async () => {
    const database = await openTemporaryDataSource(schema);
    try {
      const runner = new TransactionRunner(database.dataSource, { serialize: false });
      const orderIds = Array.from({ length: 50 }, () => randomUUID());
      await inOneTransaction(
        runner,
        orderIds.map((orderId) => completedOrder(orderId)[0]),
      );
      const notified = (ids: string[]) => ids.map((id) => notificationSent(id, 'OrderCompleted'));

      // In opposite orders in memory: each upsert locks the rows in order id order all the same.
      await Promise.all([
        inOneTransaction(runner, notified(orderIds)),
        inOneTransaction(runner, notified([...orderIds].reverse())),
        inOneTransaction(runner, notified(orderIds.slice(10, 20))),
      ]);

      const { facts } = await tables(database.dataSource);
      expect(facts.map((fact) => fact['notifications_sent'])).toEqual(
        [...orderIds].sort().map((orderId) => (orderIds.slice(10, 20).includes(orderId) ? 3 : 2)),
      );
    } finally {
      await database.close();
    }
  });
  it('upserts the orders’ rows in order id order, whatever order their events came in', async () => {
    const database = await openTemporaryDataSource(schema);
    try {
      const { dataSource } = database;
      // Records the order in which the upsert proposes its rows, and so takes their locks.
      await dataSource.query('CREATE TABLE upserted (seq serial PRIMARY KEY, order_id uuid)');
      await dataSource.query(
        `CREATE FUNCTION record_upsert() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN INSERT INTO upserted (order_id) VALUES (NEW.order_id); RETURN NEW; END $$`,
      );
      await dataSource.query(
        `CREATE TRIGGER record_upsert BEFORE INSERT ON order_facts
         FOR EACH ROW EXECUTE FUNCTION record_upsert()`,
      );
      const runner = new TransactionRunner(dataSource, { serialize: false });
      const orderIds = Array.from({ length: 20 }, () => randomUUID());

      await inOneTransaction(
        runner,
        orderIds.map((orderId) => notificationSent(orderId, 'OrderCreated')),
      );

      const upserted = (await dataSource.query('SELECT order_id FROM upserted ORDER BY seq')) as {
        order_id: string;
      }[];
      expect(upserted.map((row) => row.order_id)).toEqual([...orderIds].sort());
    } finally {
      await database.close();
    }
  });
});
