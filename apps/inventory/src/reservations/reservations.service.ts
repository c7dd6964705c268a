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
import type { EntityManager } from 'typeorm';
import { Product } from '../products/product.entity';
import { Reservation, type ReservationLine } from './reservation.entity';
import { describeShortages, findShortages, mergeLines } from './stock-allocation';

export type ReservationOutcome = EventOfType<'StockReserved'> | EventOfType<'StockRejected'>;

@Injectable()
export class ReservationsService {
  /**
   * Reserves every line of an order or none of them. The product rows are locked (in SKU order,
   * so two orders never wait on each other in a cycle) until the transaction ends: concurrent
   * orders for the same SKU queue up instead of both taking the last unit.
   */
  async reserveForOrder(
    manager: EntityManager,
    orderCreated: EventOfType<'OrderCreated'>,
  ): Promise<{ reservation: Reservation; outcome: ReservationOutcome }> {
    const { orderId } = orderCreated.payload;
    const lines = mergeLines(orderCreated.payload.items);
    const products = await this.lockProducts(manager, lines);
    const shortages = findShortages(
      lines,
      new Map(products.map(({ sku, available }) => [sku, available])),
    );

    const reservation = manager.create(Reservation, {
      id: randomUUID(),
      orderId,
      items: lines,
      shortages,
      orderEventId: orderCreated.eventId,
    });
    const origin = causedBy(orderCreated, 'inventory');

    if (shortages.length > 0) {
      reservation.status = 'REJECTED';
      reservation.reason = describeShortages(shortages, new Set(products.map(({ sku }) => sku)));
      await manager.insert(Reservation, reservation);
      const outcome = createEvent(
        StockRejected,
        { orderId, reason: reservation.reason, shortages },
        origin,
      );
      return { reservation, outcome };
    }

    await this.moveStock(manager, lines, 'reserve');
    reservation.status = 'RESERVED';
    reservation.reason = null;
    await manager.insert(Reservation, reservation);
    const outcome = createEvent(
      StockReserved,
      { orderId, reservationId: reservation.id, items: lines },
      origin,
    );
    return { reservation, outcome };
  }

  /**
   * Compensation: gives back the stock of a cancelled order's reservation. A rejected reservation
   * (or none) holds nothing, and one already released was given back: a second delivery changes
   * nothing.
   */
  async releaseForOrder(
    manager: EntityManager,
    orderCancelled: EventOfType<'OrderCancelled'>,
  ): Promise<{ reservation: Reservation | null; outcome: EventOfType<'StockReleased'> | null }> {
    const { orderId } = orderCancelled.payload;
    const reservation = await manager.findOne(Reservation, {
      where: { orderId },
      lock: { mode: 'pessimistic_write' },
    });
    if (reservation?.status !== 'RESERVED') return { reservation, outcome: null };

    const lines = reservation.items;
    await this.lockProducts(manager, lines);
    await this.moveStock(manager, lines, 'release');
    reservation.status = 'RELEASED';
    reservation.releasedAt = new Date();
    await manager.update(
      Reservation,
      { id: reservation.id },
      { status: reservation.status, releasedAt: reservation.releasedAt },
    );
    const outcome = createEvent(
      StockReleased,
      { orderId, reservationId: reservation.id, items: lines },
      causedBy(orderCancelled, 'inventory'),
    );
    return { reservation, outcome };
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
   * Moves each line's quantity from available to reserved (or back), all lines in one statement.
   * The rows are locked: nothing else changes them before the transaction ends.
   */
  private async moveStock(
    manager: EntityManager,
    lines: ReservationLine[],
    direction: 'reserve' | 'release',
  ): Promise<void> {
    const sign = direction === 'reserve' ? 1 : -1;
    await manager.query(
      `UPDATE products AS p
          SET available = p.available - m.quantity, reserved = p.reserved + m.quantity,
              updated_at = now()
         FROM unnest($1::text[], $2::int[]) AS m(sku, quantity)
        WHERE p.sku = m.sku`,
      [lines.map(({ sku }) => sku), lines.map(({ quantity }) => sign * quantity)],
    );
  }
}
