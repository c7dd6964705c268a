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
import { TransactionRunner } from '@fanout/persistence';
import type { EntityManager } from 'typeorm';
import { Product } from '../products/product.entity';
import { Reservation, type ReservationLine, type Shortage } from './reservation.entity';
import { type ReservationRule, type ReservationStep, reservationStep } from './reservations-checks';
import { describeShortages, findShortages, mergeLines } from './stock-allocation';

export type ReservationOutcome = EventOfType<'StockReserved'> | EventOfType<'StockRejected'>;

/** An event inventory refused: the rule it breaks, and why, for the log. */
export interface Refusal {
  rule: ReservationRule;
  reason: string;
}

@Injectable()
export class ReservationsService {
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
   * orders for the same SKU queue up instead of both taking the last unit.
   */
  async reserveForOrder(
    manager: EntityManager,
    orderCreated: EventOfType<'OrderCreated'>,
  ): Promise<{ reservation: Reservation; outcome: ReservationOutcome } | { refused: Refusal }> {
    const { orderId } = orderCreated.payload;
    const lines = mergeLines(orderCreated.payload.items);
    const products = await this.lockProducts(manager, lines);
    const shortages = findShortages(
      lines,
      new Map(products.map(({ sku, available }) => [sku, available])),
    );
    const status = shortages.length > 0 ? 'REJECTED' : 'RESERVED';
    const reason =
      status === 'REJECTED'
        ? describeShortages(shortages, new Set(products.map(({ sku }) => sku)))
        : null;
    const id = randomUUID();
    // Orders creates each order once: a second OrderCreated (another event id) is not a retry. The
    // order id is unique, so the insert itself tells (no lookup first), before any stock moves.
    // Plain SQL: on this path TypeORM's query builder cost more CPU than the statements themselves
    // (docs/benchmarks.md).
    const inserted: { created_at: Date | string }[] = await manager.query(
      `INSERT INTO reservations (id, order_id, status, items, shortages, reason, order_event_id)
       VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6, $7)
       ON CONFLICT (order_id) DO NOTHING
       RETURNING created_at`,
      [
        id,
        orderId,
        status,
        JSON.stringify(lines),
        JSON.stringify(shortages),
        reason,
        orderCreated.eventId,
      ],
    );
    if (inserted.length === 0) {
      return {
        refused: { rule: 'duplicate-order', reason: 'OrderCreated for an order already answered' },
      };
    }
    const reservation: Reservation = {
      id,
      orderId,
      status,
      items: lines,
      shortages,
      reason,
      orderEventId: orderCreated.eventId,
      releasedAt: null,
      committedAt: null,
      createdAt: new Date(inserted[0].created_at),
    };
    const origin = causedBy(orderCreated, 'inventory');
    if (reason !== null) {
      const outcome = createEvent(StockRejected, { orderId, reason, shortages }, origin);
      return { reservation, outcome };
    }
    await this.moveStock(manager, lines, 'reserve');
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
    manager: EntityManager,
    outcome:
      EventOfType<'OrderCompleted'> | EventOfType<'OrderCancelled'> | EventOfType<'OrderUnknown'>,
  ): Promise<{
    reservation: Reservation | null;
    step: ReservationStep;
    released: EventOfType<'StockReleased'> | null;
  }> {
    const { orderId } = outcome.payload;
    const reservation = await this.lockReservation(manager, orderId);
    const step = reservationStep(reservation?.status ?? null, outcome.type);
    if (!reservation || (step.action !== 'commit' && step.action !== 'release')) {
      return { reservation, step, released: null };
    }

    const lines = reservation.items;
    await this.lockProducts(manager, lines);
    const now = new Date();
    if (step.action === 'commit') {
      await this.moveStock(manager, lines, 'commit');
      Object.assign(reservation, { status: 'COMMITTED', committedAt: now });
      await manager.query(
        `UPDATE reservations SET status = 'COMMITTED', committed_at = $2 WHERE id = $1`,
        [reservation.id, now],
      );
      return { reservation, step, released: null };
    }
    await this.moveStock(manager, lines, 'release');
    Object.assign(reservation, { status: 'RELEASED', releasedAt: now });
    await manager.query(
      `UPDATE reservations SET status = 'RELEASED', released_at = $2 WHERE id = $1`,
      [reservation.id, now],
    );
    const released = createEvent(
      StockReleased,
      { orderId, reservationId: reservation.id, items: lines },
      causedBy(outcome, 'inventory'),
    );
    return { reservation, step, released };
  }

  /** The order's reservation, locked until the transaction ends, or null when there is none. */
  private async lockReservation(
    manager: EntityManager,
    orderId: string,
  ): Promise<Reservation | null> {
    const rows: ReservationRow[] = await manager.query(
      `SELECT id, order_id, status, items, shortages, reason, order_event_id, released_at,
              committed_at, created_at
         FROM reservations WHERE order_id = $1 FOR UPDATE`,
      [orderId],
    );
    if (rows.length === 0) return null;
    const [row] = rows;
    return {
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
    };
  }

  /** Locks the products of `lines` in SKU order, so two orders never wait on each other in a cycle. */
  private lockProducts(
    manager: EntityManager,
    lines: ReservationLine[],
  ): Promise<Pick<Product, 'sku' | 'available' | 'reserved'>[]> {
    return manager.query(
      `SELECT sku, available, reserved FROM products WHERE sku = ANY($1::text[])
        ORDER BY sku FOR UPDATE`,
      [lines.map(({ sku }) => sku)],
    );
  }

  /**
   * Moves each line's quantity, all lines in one statement: from available to reserved (reserve),
   * back (release), or out of reserved altogether (commit: the units are sold). The rows are
   * locked: nothing else changes them before the transaction ends.
   */
  private async moveStock(
    manager: EntityManager,
    lines: ReservationLine[],
    movement: 'reserve' | 'release' | 'commit',
  ): Promise<void> {
    const [availableSign, reservedSign] = STOCK_MOVEMENTS[movement];
    await manager.query(
      `UPDATE products AS p
          SET available = p.available + $3 * m.quantity, reserved = p.reserved + $4 * m.quantity,
              updated_at = now()
         FROM unnest($1::text[], $2::int[]) AS m(sku, quantity)
        WHERE p.sku = m.sku`,
      [
        lines.map(({ sku }) => sku),
        lines.map(({ quantity }) => quantity),
        availableSign,
        reservedSign,
      ],
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
