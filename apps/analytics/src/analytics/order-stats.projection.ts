import { Injectable } from '@nestjs/common';
import type { EventOfType } from '@fanout/contracts';
import type { Transaction } from '@fanout/persistence';
import type { EntityManager } from 'typeorm';

/**
 * Folds the events into the projection's tables, inside the transaction that records them as
 * processed (so a redelivered event changes nothing). Each event sets only the columns it owns:
 * the orders topic the status, payments the payment, inventory the stock. Their order across
 * topics does not matter, so a rebuild that reads the topics at another pace arrives at the same
 * rows; within a topic, an order's events share a partition and stay in order.
 *
 * A handler writes nothing itself: it records its change in memory, merged with the changes of the
 * transaction's earlier events to the same order, and the first event of a transaction registers
 * one flush before the commit. A transaction (a fetched batch of up to 100 events) thus costs at
 * most three statements (the orders' rows, their lines, their shortages) instead of one or two
 * per event, and the four topics' consumers, which upsert the same rows, take each row lock once
 * per transaction, in order id order, rather than once per event in arrival order.
 */
@Injectable()
export class OrderStatsProjection {
  private readonly inTransaction = new WeakMap<Transaction, ProjectionInTransaction>();

  orderCreated(tx: Transaction, event: EventOfType<'OrderCreated'>): void {
    const { customerId, items, totalCents } = event.payload;
    const orderId = idOf(event.payload.orderId);
    const changes = this.changesOf(tx);
    setColumns(changes, orderId, {
      customer_id: customerId,
      status: 'PENDING',
      total_cents: totalCents,
      created_at: event.occurredAt,
    });
    for (const [index, item] of items.entries()) {
      // The first line written stays, as with ON CONFLICT DO NOTHING one event at a time.
      const line = index + 1;
      const key = `${orderId}/${line}`;
      if (changes.lines.has(key)) continue;
      changes.lines.set(key, {
        orderId,
        line,
        sku: item.sku,
        quantity: item.quantity,
        unitPriceCents: item.unitPriceCents,
      });
    }
  }

  orderCompleted(tx: Transaction, event: EventOfType<'OrderCompleted'>): void {
    setColumns(this.changesOf(tx), event.payload.orderId, {
      status: 'COMPLETED',
      finished_at: event.occurredAt,
    });
  }

  orderCancelled(tx: Transaction, event: EventOfType<'OrderCancelled'>): void {
    setColumns(this.changesOf(tx), event.payload.orderId, {
      status: 'CANCELLED',
      finished_at: event.occurredAt,
      cancellation_reason: event.payload.reasonCode,
    });
  }

  payment(
    tx: Transaction,
    event:
      | EventOfType<'PaymentCompleted'>
      | EventOfType<'PaymentFailed'>
      | EventOfType<'PaymentRefunded'>,
  ): void {
    const status = { PaymentCompleted: 'COMPLETED', PaymentFailed: 'DECLINED' } as const;
    setColumns(this.changesOf(tx), event.payload.orderId, {
      payment_status: event.type === 'PaymentRefunded' ? 'REFUNDED' : status[event.type],
    });
  }

  stock(
    tx: Transaction,
    event:
      EventOfType<'StockReserved'> | EventOfType<'StockRejected'> | EventOfType<'StockReleased'>,
  ): void {
    const status = { StockReserved: 'RESERVED', StockRejected: 'REJECTED' } as const;
    const changes = this.changesOf(tx);
    setColumns(changes, event.payload.orderId, {
      stock_status: event.type === 'StockReleased' ? 'RELEASED' : status[event.type],
    });
    if (event.type !== 'StockRejected') return;
    const orderId = idOf(event.payload.orderId);
    for (const shortage of event.payload.shortages) {
      // The first shortage of a SKU stays, as with ON CONFLICT DO NOTHING one event at a time.
      const key = `${orderId}/${shortage.sku}`;
      if (changes.shortages.has(key)) continue;
      changes.shortages.set(key, { orderId, ...shortage });
    }
  }

  notificationSent(tx: Transaction, event: EventOfType<'NotificationSent'>): void {
    orderChange(this.changesOf(tx), event.payload.orderId).notificationsSent += 1;
  }

  /**
   * The transaction's changes so far. The first event of a transaction registers their flush,
   * just before the commit (after the transaction's last event).
   */
  private changesOf(tx: Transaction): ProjectionInTransaction {
    let changes = this.inTransaction.get(tx);
    if (!changes) {
      changes = { orders: new Map(), lines: new Map(), shortages: new Map() };
      this.inTransaction.set(tx, changes);
      const registered = changes;
      tx.beforeCommit(() => flush(tx.manager, registered));
    }
    return changes;
  }
}

type OrderStatus = 'PENDING' | 'COMPLETED' | 'CANCELLED';

/** The order_facts columns that an event sets (order_id and notifications_sent aside). */
type OrderColumns = Partial<{
  customer_id: string;
  status: OrderStatus;
  total_cents: number;
  created_at: string;
  finished_at: string;
  cancellation_reason: string;
  payment_status: 'COMPLETED' | 'DECLINED' | 'REFUNDED';
  stock_status: 'RESERVED' | 'REJECTED' | 'RELEASED';
}>;

/** What a transaction's events do to one order's row. */
interface OrderChange {
  columns: OrderColumns;
  /** NotificationSent events: added to the row's count. */
  notificationsSent: number;
}

interface OrderLineRow {
  orderId: string;
  line: number;
  sku: string;
  quantity: number;
  unitPriceCents: number;
}

interface ShortageRow {
  orderId: string;
  sku: string;
  requested: number;
  available: number;
}

/** A transaction's changes, written by one flush before its commit. */
interface ProjectionInTransaction {
  /** By order id. */
  orders: Map<string, OrderChange>;
  /** By `${orderId}/${line}`: the table's primary key. */
  lines: Map<string, OrderLineRow>;
  /** By `${orderId}/${sku}`: the table's primary key. */
  shortages: Map<string, ShortageRow>;
}

/**
 * The key of an order in a transaction's changes. The contracts accept a UUID in either case and
 * PostgreSQL stores it in lower case: two spellings of one order must be one row of the upsert,
 * which may not update a row twice.
 */
const idOf = (orderId: string) => orderId.toLowerCase();

function orderChange(changes: ProjectionInTransaction, orderId: string): OrderChange {
  const id = idOf(orderId);
  let change = changes.orders.get(id);
  if (!change) {
    change = { columns: {}, notificationsSent: 0 };
    changes.orders.set(id, change);
  }
  return change;
}

const isFinal = (status: OrderStatus | undefined) =>
  status === 'COMPLETED' || status === 'CANCELLED';

/**
 * Sets these columns on the order's change: a later event of the transaction overrides an earlier
 * one, except for the status, which only moves forward (an OrderCreated never puts a finished
 * order back to PENDING), as the flush's upsert does against the stored row.
 */
function setColumns(
  changes: ProjectionInTransaction,
  orderId: string,
  columns: OrderColumns,
): void {
  const change = orderChange(changes, orderId);
  const { status, ...others } = columns;
  Object.assign(change.columns, others);
  if (status !== undefined && !isFinal(change.columns.status)) change.columns.status = status;
}

/**
 * The transaction's changes in at most three statements, none for a table with nothing to write.
 * Their text is the same whatever the number of rows (arrays, unnest), so each connection
 * prepares them once. Rows go in order id order: two transactions upserting the same orders lock
 * them in the same order, and never wait on each other in a cycle.
 */
async function flush(manager: EntityManager, changes: ProjectionInTransaction): Promise<void> {
  await upsertOrders(manager, changes.orders);
  await insertLines(manager, [...changes.lines.values()]);
  await insertShortages(manager, [...changes.shortages.values()]);
}

/**
 * Creates each order's row with its columns, or sets them on the existing one: a column the
 * transaction did not set (null here) keeps its value, the status only moves forward, and the
 * notifications are added. So the rows are the same as if each event had been applied in a
 * transaction of its own.
 */
async function upsertOrders(
  manager: EntityManager,
  orders: ReadonlyMap<string, OrderChange>,
): Promise<void> {
  if (orders.size === 0) return;
  const changes = [...orders.entries()];
  const column = <T>(pick: (columns: OrderColumns) => T | undefined) =>
    changes.map(([, change]) => pick(change.columns) ?? null);
  await manager.query(
    `INSERT INTO order_facts (order_id, customer_id, status, total_cents, created_at, finished_at,
                              cancellation_reason, payment_status, stock_status,
                              notifications_sent)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::timestamptz[],
                          $6::timestamptz[], $7::text[], $8::text[], $9::text[], $10::int[])
       AS fact(order_id, customer_id, status, total_cents, created_at, finished_at,
               cancellation_reason, payment_status, stock_status, notifications_sent)
     ORDER BY order_id
     ON CONFLICT (order_id) DO UPDATE SET
       customer_id = COALESCE(EXCLUDED.customer_id, order_facts.customer_id),
       status = CASE WHEN order_facts.status IN ('COMPLETED', 'CANCELLED') THEN order_facts.status
                     ELSE COALESCE(EXCLUDED.status, order_facts.status) END,
       total_cents = COALESCE(EXCLUDED.total_cents, order_facts.total_cents),
       created_at = COALESCE(EXCLUDED.created_at, order_facts.created_at),
       finished_at = COALESCE(EXCLUDED.finished_at, order_facts.finished_at),
       cancellation_reason = COALESCE(EXCLUDED.cancellation_reason,
                                      order_facts.cancellation_reason),
       payment_status = COALESCE(EXCLUDED.payment_status, order_facts.payment_status),
       stock_status = COALESCE(EXCLUDED.stock_status, order_facts.stock_status),
       notifications_sent = order_facts.notifications_sent + EXCLUDED.notifications_sent`,
    [
      changes.map(([orderId]) => orderId),
      column((c) => c.customer_id),
      column((c) => c.status),
      column((c) => c.total_cents),
      column((c) => c.created_at),
      column((c) => c.finished_at),
      column((c) => c.cancellation_reason),
      column((c) => c.payment_status),
      column((c) => c.stock_status),
      changes.map(([, change]) => change.notificationsSent),
    ],
  );
}

/** An order's lines never change: a line already there stays (a second OrderCreated adds none). */
async function insertLines(manager: EntityManager, lines: readonly OrderLineRow[]): Promise<void> {
  if (lines.length === 0) return;
  const column = <T>(pick: (line: OrderLineRow) => T) => lines.map(pick);
  await manager.query(
    `INSERT INTO order_lines (order_id, line, sku, quantity, unit_price_cents)
     SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::int[], $5::int[])
       AS item(order_id, line, sku, quantity, unit_price_cents)
     ORDER BY order_id, line
     ON CONFLICT DO NOTHING`,
    [
      column((l) => l.orderId),
      column((l) => l.line),
      column((l) => l.sku),
      column((l) => l.quantity),
      column((l) => l.unitPriceCents),
    ],
  );
}

async function insertShortages(
  manager: EntityManager,
  shortages: readonly ShortageRow[],
): Promise<void> {
  if (shortages.length === 0) return;
  const column = <T>(pick: (shortage: ShortageRow) => T) => shortages.map(pick);
  await manager.query(
    `INSERT INTO stock_shortages (order_id, sku, requested, available)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[], $4::int[])
       AS shortage(order_id, sku, requested, available)
     ORDER BY order_id, sku
     ON CONFLICT DO NOTHING`,
    [
      column((s) => s.orderId),
      column((s) => s.sku),
      column((s) => s.requested),
      column((s) => s.available),
    ],
  );
}
