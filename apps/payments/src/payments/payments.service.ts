import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  causedBy,
  createEvent,
  EventOfType,
  orderTotalCents,
  PaymentCompleted,
  PaymentFailed,
  PaymentRefunded,
} from '@fanout/contracts';
import type { OrderRecordsFilter } from '@fanout/chassis';
import { TransactionRunner } from '@fanout/persistence';
import type { EntityManager } from 'typeorm';
import { decidePayment } from './payment-decision';
import { type PaymentRefusal, type PaymentStep, paymentStep } from './payments-checks';
import { Payment } from './payment.entity';

/** What an order's outcome needs of its payment, read with the row locked. */
export type LockedPayment = Pick<Payment, 'id' | 'status' | 'amountCents' | 'orderCompletedAt'>;

interface LockedPaymentRow {
  id: string;
  status: Payment['status'];
  amount_cents: string | number;
  order_completed_at: Date | string | null;
}

export type PaymentOutcome = EventOfType<'PaymentCompleted'> | EventOfType<'PaymentFailed'>;

@Injectable()
export class PaymentsService {
  constructor(private readonly transactions: TransactionRunner) {}

  /**
   * Charges an order's total and records the payment; returns the event that announces the
   * outcome, to be published from the same transaction. The total charged is the order's own: an
   * OrderCreated whose total is not the sum of its lines is refused, and so is a second
   * OrderCreated (another event id) for an order already charged.
   */
  async chargeOrder(
    manager: EntityManager,
    orderCreated: EventOfType<'OrderCreated'>,
  ): Promise<{ payment: Payment; outcome: PaymentOutcome } | { refused: PaymentRefusal }> {
    const { orderId, customerId, items, totalCents } = orderCreated.payload;
    const linesTotal = orderTotalCents(items);
    if (totalCents !== linesTotal) {
      const reason = `OrderCreated with a total of ${totalCents} cents; its lines add up to ${linesTotal}`;
      return { refused: { action: 'refuse', rule: 'order-total-mismatch', reason } };
    }
    const decision = decidePayment(totalCents);
    const id = randomUUID();
    const reason = decision.status === 'FAILED' ? decision.reason : null;
    // One statement, not a lookup and an insert: the order id is unique, so a second OrderCreated
    // for the order inserts nothing. Plain SQL: on this path TypeORM's query builder cost more CPU
    // than the statement itself (docs/benchmarks.md).
    const inserted: { created_at: Date | string }[] = await manager.query(
      `INSERT INTO payments (id, order_id, customer_id, amount_cents, status, reason, order_event_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (order_id) DO NOTHING
       RETURNING created_at`,
      [id, orderId, customerId, totalCents, decision.status, reason, orderCreated.eventId],
    );
    if (inserted.length === 0) {
      const duplicate = 'OrderCreated for an order already charged';
      return { refused: { action: 'refuse', rule: 'duplicate-order', reason: duplicate } };
    }
    const payment: Payment = {
      id,
      orderId,
      customerId,
      amountCents: totalCents,
      status: decision.status,
      reason,
      orderEventId: orderCreated.eventId,
      refundId: null,
      refundedAt: null,
      orderCompletedAt: null,
      createdAt: new Date(inserted[0].created_at),
    };

    const origin = causedBy(orderCreated, 'payments');
    const common = { orderId, paymentId: payment.id, amountCents: totalCents };
    const outcome: PaymentOutcome =
      decision.status === 'COMPLETED'
        ? createEvent(PaymentCompleted, common, origin)
        : createEvent(PaymentFailed, { ...common, reason: decision.reason }, origin);
    return { payment, outcome };
  }

  /**
   * A completed order makes its payment final: it can no longer be refunded. An OrderCompleted
   * that contradicts the payment (see paymentStep) is refused and changes nothing.
   */
  async recordCompletion(
    manager: EntityManager,
    orderCompleted: EventOfType<'OrderCompleted'>,
  ): Promise<{ payment: LockedPayment | null; step: PaymentStep }> {
    const { orderId, totalCents } = orderCompleted.payload;
    const payment = await this.lockPayment(manager, orderId);
    const step = paymentStep(payment, { type: 'OrderCompleted', totalCents });
    if (payment && step.action === 'record-completion') {
      payment.orderCompletedAt = new Date();
      await manager.query('UPDATE payments SET order_completed_at = $2 WHERE id = $1', [
        payment.id,
        payment.orderCompletedAt,
      ]);
    }
    return { payment, step };
  }

  /**
   * Compensation: refunds the order's payment if it was charged, when the order was cancelled or
   * orders never created it (OrderUnknown). A declined payment needs nothing, and neither does one
   * already refunded: a second delivery changes nothing. A completed order's payment is never
   * refunded: that event is refused (see paymentStep).
   */
  async refundOrder(
    manager: EntityManager,
    cause: EventOfType<'OrderCancelled'> | EventOfType<'OrderUnknown'>,
  ): Promise<{
    payment: LockedPayment | null;
    step: PaymentStep;
    refunded: EventOfType<'PaymentRefunded'> | null;
  }> {
    const { orderId, reason } = cause.payload;
    const payment = await this.lockPayment(manager, orderId);
    const step = paymentStep(payment, { type: cause.type });
    if (!payment || step.action !== 'refund') return { payment, step, refunded: null };

    payment.status = 'REFUNDED';
    const refundId = randomUUID();
    await manager.query(
      'UPDATE payments SET status = $2, refund_id = $3, refunded_at = $4 WHERE id = $1',
      [payment.id, payment.status, refundId, new Date()],
    );
    const refunded = createEvent(
      PaymentRefunded,
      {
        orderId,
        paymentId: payment.id,
        refundId,
        amountCents: payment.amountCents,
        reason: `${cause.type === 'OrderCancelled' ? 'order cancelled' : 'order unknown'}: ${reason}`,
      },
      causedBy(cause, 'payments'),
    );
    return { payment, step, refunded };
  }

  /** The order's payment, locked until the transaction ends, or null when there is none. */
  private async lockPayment(
    manager: EntityManager,
    orderId: string,
  ): Promise<LockedPayment | null> {
    const rows: LockedPaymentRow[] = await manager.query(
      `SELECT id, status, amount_cents, order_completed_at FROM payments
        WHERE order_id = $1 FOR UPDATE`,
      [orderId],
    );
    if (rows.length === 0) return null;
    const [row] = rows;
    return {
      id: row.id,
      status: row.status,
      amountCents: Number(row.amount_cents),
      orderCompletedAt: row.order_completed_at === null ? null : new Date(row.order_completed_at),
    };
  }

  /** Payments, newest first, of one order and/or one customer when the filter says so. */
  list(filter: OrderRecordsFilter): Promise<Payment[]> {
    // Reads go through the runner too: on PGlite (one session) they must not interleave with a
    // transaction in progress.
    return this.transactions.run(({ manager }) =>
      manager.find(Payment, {
        where: {
          ...(filter.orderId !== undefined && { orderId: filter.orderId }),
          ...(filter.customerId !== undefined && { customerId: filter.customerId }),
        },
        order: { createdAt: 'DESC' },
        take: filter.limit,
      }),
    );
  }
}
