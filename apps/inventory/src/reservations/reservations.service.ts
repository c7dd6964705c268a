import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  causedBy,
  createEvent,
  EventOfType,
  StockRejected,
  StockReleased,
  StockReserved,
} from '@fanout/contracts';
import type { OrderRecordsQuery } from '@fanout/chassis';
import { type Transaction, TransactionRunner } from '@fanout/persistence';
import type { EntityManager } from 'typeorm';
import { Reservation, type ReservationLine, type Shortage } from './reservation.entity';
import { type ReservationRule, type ReservationStep, reservationStep } from './reservations-checks';
import { describeShortages, findShortages, mergeLines } from './stock-allocation';

export type ReservationOutcome = EventOfType<'StockReserved'> | EventOfType<'StockRejected'>;

/** An event inventory refused: the rule it breaks, and why, for the log. */
export interface Refusal {
  rule: ReservationRule;
  reason: string;
}

/** A product's stock as a transaction holds it: its row locked, moved in memory until the commit. */
interface Stock {
  sku: string;
  available: number;
  reserved: number;
}

/**
 * What one transaction works on: the reservations of the batch's orders and the products its
 * lines touch, read and locked once, changed in memory by each event in turn, written back once
 * just before the commit.
 */
interface StockInTransaction {
  reservations: Map<string, Reservation>;
  /** Orders already looked up, with or without a reservation. */
  looked: Set<string>;
  /** Locked products; an unknown SKU is looked up once and stays absent. */
  products: Map<string, Stock>;
  lockedSkus: Set<string>;
  created: Reservation[];
  changed: Set<Reservation>;
  moved: Set<Stock>;
}

@Injectable()
export class ReservationsService {
  private readonly inTransaction = new WeakMap<Transaction, StockInTransaction>();

  constructor(private readonly transactions: TransactionRunner) {}

  /** Reservations (of one order when the query names it), newest first. */
  list(query: OrderRecordsQuery): Promise<Reservation[]> {
    // Reads go through the runner too: on PGlite (one session) they must not interleave with a
    // transaction in progress.
    return this.transactions.run(({ manager }) =>
      manager.find(Reservation, {
        where: query.orderId ? { orderId: query.orderId } : {},
        order: { createdAt: 'DESC' },
        take: query.limit,
      }),
    );
  }

  /**
   * Reserves every line of an order or none of them. The product rows are locked (in SKU order,
   * so two orders never wait on each other in a cycle) until the transaction ends: concurrent
   * orders for the same SKU queue up instead of both taking the last unit. `batchKeys`: the
   * orders of the other events in the transaction, read along with this one (see
   * Delivery.batchKeys).
   */
  async reserveForOrder(
    tx: Transaction,
    orderCreated: EventOfType<'OrderCreated'>,
    batchKeys: readonly (string | null)[] = [],
  ): Promise<{ reservation: Reservation; outcome: ReservationOutcome } | { refused: Refusal }> {
    const { orderId } = orderCreated.payload;
    const stock = await this.stockOf(tx, orderId, batchKeys);
    // Orders creates each order once: a second OrderCreated (another event id) is not a retry.
    if (stock.reservations.has(orderId)) {
      return {
        refused: { rule: 'duplicate-order', reason: 'OrderCreated for an order already answered' },
      };
    }
    const lines = mergeLines(orderCreated.payload.items);
    await this.lockProducts(tx, stock, lines);
    const available = new Map<string, number>();
    for (const { sku } of lines) {
      const product = stock.products.get(sku);
      if (product) available.set(sku, product.available);
    }
    const shortages = findShortages(lines, available);
    const reservation: Reservation = {
      id: randomUUID(),
      orderId,
      status: shortages.length > 0 ? 'REJECTED' : 'RESERVED',
      items: lines,
      shortages,
      reason: shortages.length > 0 ? describeShortages(shortages, new Set(available.keys())) : null,
      orderEventId: orderCreated.eventId,
      releasedAt: null,
      committedAt: null,
      createdAt: new Date(),
    };
    stock.reservations.set(orderId, reservation);
    stock.created.push(reservation);
    const origin = causedBy(orderCreated, 'inventory');
    if (reservation.reason !== null) {
      const outcome = createEvent(
        StockRejected,
        { orderId, reason: reservation.reason, shortages },
        origin,
      );
      return { reservation, outcome };
    }
    moveStock(stock, lines, 'reserve');
    const outcome = createEvent(
      StockReserved,
      { orderId, reservationId: reservation.id, items: lines },
      origin,
    );
    return { reservation, outcome };
  }

  /**
   * Applies an order's outcome to its reservation: a completed order's stock is committed (it
   * leaves `reserved`: sold), a cancelled order's is given back (compensation), and so is an
   * order's that orders never created (OrderUnknown). An outcome that
   * contradicts the reservation (see reservationStep) is refused and changes nothing, and so does
   * a second delivery of one already applied.
   */
  async settleForOrder(
    tx: Transaction,
    outcome:
      EventOfType<'OrderCompleted'> | EventOfType<'OrderCancelled'> | EventOfType<'OrderUnknown'>,
    batchKeys: readonly (string | null)[] = [],
  ): Promise<{
    reservation: Reservation | null;
    step: ReservationStep;
    released: EventOfType<'StockReleased'> | null;
  }> {
    const { orderId } = outcome.payload;
    const stock = await this.stockOf(tx, orderId, batchKeys);
    const reservation = stock.reservations.get(orderId) ?? null;
    const step = reservationStep(reservation?.status ?? null, outcome.type);
    if (!reservation || (step.action !== 'commit' && step.action !== 'release')) {
      return { reservation, step, released: null };
    }

    const lines = reservation.items;
    await this.lockProducts(tx, stock, lines);
    stock.changed.add(reservation);
    if (step.action === 'commit') {
      moveStock(stock, lines, 'commit');
      Object.assign(reservation, { status: 'COMMITTED', committedAt: new Date() });
      return { reservation, step, released: null };
    }
    moveStock(stock, lines, 'release');
    Object.assign(reservation, { status: 'RELEASED', releasedAt: new Date() });
    const released = createEvent(
      StockReleased,
      { orderId, reservationId: reservation.id, items: lines },
      causedBy(outcome, 'inventory'),
    );
    return { reservation, step, released };
  }

  /**
   * The transaction's stock, with the order's reservation among it. The first call in a
   * transaction locks the reservations of every order of the batch in one statement and registers
   * one write-back before the commit: a batch costs a handful of statements, not three or four per
   * event. Plain SQL: on this path TypeORM's query builder and hydration cost more CPU than the
   * statements themselves (docs/benchmarks.md).
   */
  private async stockOf(
    tx: Transaction,
    orderId: string,
    batchKeys: readonly (string | null)[],
  ): Promise<StockInTransaction> {
    let stock = this.inTransaction.get(tx);
    if (!stock) {
      stock = {
        reservations: new Map(),
        looked: new Set(),
        products: new Map(),
        lockedSkus: new Set(),
        created: [],
        changed: new Set(),
        moved: new Set(),
      };
      this.inTransaction.set(tx, stock);
      const registered = stock;
      tx.beforeCommit(() => writeBack(tx.manager, registered));
    }
    if (!stock.looked.has(orderId)) {
      const known = stock.looked;
      const ids = [...new Set([orderId, ...batchKeys])].filter(
        (key): key is string => key !== null && isUuid(key) && !known.has(key),
      );
      for (const reservation of await lockReservations(tx.manager, ids)) {
        stock.reservations.set(reservation.orderId, reservation);
      }
      for (const id of ids) known.add(id);
    }
    return stock;
  }

  /**
   * Locks the products of `lines` not yet locked by this transaction, in SKU order. Across the
   * events of a batch the order is SKU order per event; a cycle with another instance's batch is
   * a deadlock PostgreSQL breaks, and the batch is replayed one event at a time.
   */
  private async lockProducts(
    tx: Transaction,
    stock: StockInTransaction,
    lines: readonly ReservationLine[],
  ): Promise<void> {
    const skus = lines.map(({ sku }) => sku).filter((sku) => !stock.lockedSkus.has(sku));
    if (skus.length === 0) return;
    const rows: Stock[] = await tx.manager.query(
      `SELECT sku, available, reserved FROM products WHERE sku = ANY($1::text[])
        ORDER BY sku FOR UPDATE`,
      [skus],
    );
    for (const row of rows) stock.products.set(row.sku, row);
    for (const sku of skus) stock.lockedSkus.add(sku);
  }
}

/**
 * Moves each line's quantity from available to reserved (reserve), back (release), or out of
 * reserved altogether (commit: the units are sold), in memory: the rows are locked, nothing else
 * changes them before the transaction ends, and writeBack stores the result.
 */
function moveStock(
  stock: StockInTransaction,
  lines: readonly ReservationLine[],
  movement: 'reserve' | 'release' | 'commit',
): void {
  const [availableSign, reservedSign] = STOCK_MOVEMENTS[movement];
  for (const { sku, quantity } of lines) {
    const product = stock.products.get(sku);
    if (!product) continue;
    product.available += availableSign * quantity;
    product.reserved += reservedSign * quantity;
    stock.moved.add(product);
  }
}

async function lockReservations(
  manager: EntityManager,
  orderIds: string[],
): Promise<Reservation[]> {
  if (orderIds.length === 0) return [];
  const rows: ReservationRow[] = await manager.query(
    `SELECT id, order_id, status, items, shortages, reason, order_event_id, released_at,
            committed_at, created_at
       FROM reservations WHERE order_id = ANY($1::uuid[]) ORDER BY order_id FOR UPDATE`,
    [[...orderIds].sort()],
  );
  return rows.map((row) => ({
    id: row.id,
    orderId: row.order_id,
    status: row.status,
    items: row.items,
    shortages: row.shortages,
    reason: row.reason,
    orderEventId: row.order_event_id,
    releasedAt: asDate(row.released_at),
    committedAt: asDate(row.committed_at),
    createdAt: new Date(row.created_at),
  }));
}

/**
 * The new reservations in one INSERT, the changed ones in one UPDATE, the moved stock in one
 * UPDATE. A plain INSERT: should another transaction have answered one of these orders meanwhile
 * (a rebalance), the unique order id fails this one, and the batch is replayed event by event,
 * where the reservation is found and the event refused.
 */
async function writeBack(manager: EntityManager, stock: StockInTransaction): Promise<void> {
  const { created } = stock;
  if (created.length > 0) {
    const column = <T>(pick: (reservation: Reservation) => T) => created.map(pick);
    await manager.query(
      `INSERT INTO reservations (id, order_id, status, items, shortages, reason, order_event_id,
                                 released_at, committed_at, created_at)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::jsonb[], $5::jsonb[],
                            $6::text[], $7::uuid[], $8::timestamptz[], $9::timestamptz[],
                            $10::timestamptz[])`,
      [
        column((r) => r.id),
        column((r) => r.orderId),
        column((r) => r.status),
        column((r) => JSON.stringify(r.items)),
        column((r) => JSON.stringify(r.shortages)),
        column((r) => r.reason),
        column((r) => r.orderEventId),
        column((r) => r.releasedAt),
        column((r) => r.committedAt),
        column((r) => r.createdAt),
      ],
    );
  }
  const isNew = new Set(created);
  const changed = [...stock.changed].filter((reservation) => !isNew.has(reservation));
  if (changed.length > 0) {
    const column = <T>(pick: (reservation: Reservation) => T) => changed.map(pick);
    await manager.query(
      `UPDATE reservations AS r
          SET status = c.status, released_at = c.released_at, committed_at = c.committed_at
         FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::timestamptz[])
              AS c(id, status, released_at, committed_at)
        WHERE r.id = c.id`,
      [
        column((r) => r.id),
        column((r) => r.status),
        column((r) => r.releasedAt),
        column((r) => r.committedAt),
      ],
    );
  }
  if (stock.moved.size > 0) {
    const moved = [...stock.moved];
    await manager.query(
      `UPDATE products AS p
          SET available = m.available, reserved = m.reserved, updated_at = now()
         FROM unnest($1::text[], $2::int[], $3::int[]) AS m(sku, available, reserved)
        WHERE p.sku = m.sku`,
      [moved.map((p) => p.sku), moved.map((p) => p.available), moved.map((p) => p.reserved)],
    );
  }
}

interface ReservationRow {
  id: string;
  order_id: string;
  status: Reservation['status'];
  items: ReservationLine[];
  shortages: Shortage[];
  reason: string | null;
  order_event_id: string;
  released_at: Date | string | null;
  committed_at: Date | string | null;
  created_at: Date | string;
}

const asDate = (value: Date | string | null): Date | null =>
  value === null ? null : new Date(value);

/** How each movement changes (available, reserved), per unit. */
const STOCK_MOVEMENTS = {
  reserve: [-1, 1],
  release: [1, -1],
  commit: [0, -1],
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (value: string) => UUID.test(value);
