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
import { type Transaction, TransactionRunner } from '@fanout/persistence';
import type { EntityManager } from 'typeorm';
import { decidePayment } from './payment-decision';
import { type PaymentRefusal, type PaymentStep, paymentStep } from './payments-checks';
import { Payment } from './payment.entity';

export type PaymentOutcome = EventOfType<'PaymentCompleted'> | EventOfType<'PaymentFailed'>;

/**
 * The payments one transaction works on: read (and locked) once for every order of the consumed
 * batch, changed in memory by each event in turn, written back once just before the commit.
 */
interface PaymentsInTransaction {
  byOrder: Map<string, Payment>;
  /** Orders already looked up, with or without a payment. */
  looked: Set<string>;
  created: Payment[];
  changed: Set<Payment>;
}

@Injectable()
export class PaymentsService {
  private readonly inTransaction = new WeakMap<Transaction, PaymentsInTransaction>();

  constructor(private readonly transactions: TransactionRunner) {}

  /**
   * Charges an order's total and records the payment; returns the event that announces the
   * outcome, to be published from the same transaction. The total charged is the order's own: an
   * OrderCreated whose total is not the sum of its lines is refused, and so is a second
   * OrderCreated (another event id) for an order already charged. `batchKeys`: the orders of the
   * other events in the transaction, read along with this one (see Delivery.batchKeys).
   */
  async chargeOrder(
    tx: Transaction,
    orderCreated: EventOfType<'OrderCreated'>,
    batchKeys: readonly (string | null)[] = [],
  ): Promise<{ payment: Payment; outcome: PaymentOutcome } | { refused: PaymentRefusal }> {
    const { orderId, customerId, items, totalCents } = orderCreated.payload;
    const linesTotal = orderTotalCents(items);
    if (totalCents !== linesTotal) {
      const reason = `OrderCreated with a total of ${totalCents} cents; its lines add up to ${linesTotal}`;
      return { refused: { action: 'refuse', rule: 'order-total-mismatch', reason } };
    }
    const payments = await this.paymentsOf(tx, orderId, batchKeys);
    if (payments.byOrder.has(orderId)) {
      const reason = 'OrderCreated for an order already charged';
      return { refused: { action: 'refuse', rule: 'duplicate-order', reason } };
    }
    const decision = decidePayment(totalCents);
    const payment: Payment = {
      id: randomUUID(),
      orderId,
      customerId,
      amountCents: totalCents,
      status: decision.status,
      reason: decision.status === 'FAILED' ? decision.reason : null,
      orderEventId: orderCreated.eventId,
      refundId: null,
      refundedAt: null,
      orderCompletedAt: null,
      createdAt: new Date(),
    };
    payments.byOrder.set(orderId, payment);
    payments.created.push(payment);

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
    tx: Transaction,
    orderCompleted: EventOfType<'OrderCompleted'>,
    batchKeys: readonly (string | null)[] = [],
  ): Promise<{ payment: Payment | null; step: PaymentStep }> {
    const { orderId, totalCents } = orderCompleted.payload;
    const payments = await this.paymentsOf(tx, orderId, batchKeys);
    const payment = payments.byOrder.get(orderId) ?? null;
    const step = paymentStep(payment, { type: 'OrderCompleted', totalCents });
    if (payment && step.action === 'record-completion') {
      payment.orderCompletedAt = new Date();
      payments.changed.add(payment);
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
    tx: Transaction,
    cause: EventOfType<'OrderCancelled'> | EventOfType<'OrderUnknown'>,
    batchKeys: readonly (string | null)[] = [],
  ): Promise<{
    payment: Payment | null;
    step: PaymentStep;
    refunded: EventOfType<'PaymentRefunded'> | null;
  }> {
    const { orderId, reason } = cause.payload;
    const payments = await this.paymentsOf(tx, orderId, batchKeys);
    const payment = payments.byOrder.get(orderId) ?? null;
    const step = paymentStep(payment, { type: cause.type });
    if (!payment || step.action !== 'refund') return { payment, step, refunded: null };

    const refundId = randomUUID();
    Object.assign(payment, { status: 'REFUNDED', refundId, refundedAt: new Date() });
    payments.changed.add(payment);
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

  /**
   * The transaction's payments, with the order's among them. The first call in a transaction
   * locks the payments of every order of the batch in one statement (in order id order, as every
   * transaction does, so two never wait on each other in a cycle) and registers one write-back
   * before the commit: a batch costs three statements, not two or three per event. Plain SQL: on
   * this path TypeORM's query builder and hydration cost more CPU than the statements themselves
   * (docs/benchmarks.md).
   */
  private async paymentsOf(
    tx: Transaction,
    orderId: string,
    batchKeys: readonly (string | null)[],
  ): Promise<PaymentsInTransaction> {
    let payments = this.inTransaction.get(tx);
    if (!payments) {
      payments = { byOrder: new Map(), looked: new Set(), created: [], changed: new Set() };
      this.inTransaction.set(tx, payments);
      const registered = payments;
      tx.beforeCommit(() => writeBack(tx.manager, registered));
    }
    if (!payments.looked.has(orderId)) {
      const ids = [...new Set([orderId, ...batchKeys])].filter(
        (key): key is string => key !== null && isUuid(key) && !payments.looked.has(key),
      );
      for (const payment of await lockPayments(tx.manager, ids)) {
        payments.byOrder.set(payment.orderId, payment);
      }
      for (const id of ids) payments.looked.add(id);
    }
    return payments;
  }
}

async function lockPayments(manager: EntityManager, orderIds: string[]): Promise<Payment[]> {
  if (orderIds.length === 0) return [];
  const rows: PaymentRow[] = await manager.query(
    `SELECT id, order_id, customer_id, amount_cents, status, reason, order_event_id, refund_id,
            refunded_at, order_completed_at, created_at
       FROM payments WHERE order_id = ANY($1::uuid[]) ORDER BY order_id FOR UPDATE`,
    [[...orderIds].sort()],
  );
  return rows.map((row) => ({
    id: row.id,
    orderId: row.order_id,
    customerId: row.customer_id,
    // pg returns bigint as a string, PGlite as a number.
    amountCents: Number(row.amount_cents),
    status: row.status,
    reason: row.reason,
    orderEventId: row.order_event_id,
    refundId: row.refund_id,
    refundedAt: asDate(row.refunded_at),
    orderCompletedAt: asDate(row.order_completed_at),
    createdAt: new Date(row.created_at),
  }));
}

/**
 * The new payments in one INSERT, the changed ones in one UPDATE. A plain INSERT: should another
 * transaction have charged one of these orders meanwhile (a rebalance), the unique order id fails
 * this one, and the batch is replayed event by event, where the charge is found and refused.
 */
async function writeBack(manager: EntityManager, payments: PaymentsInTransaction): Promise<void> {
  const { created } = payments;
  if (created.length > 0) {
    const column = <T>(pick: (payment: Payment) => T) => created.map(pick);
    await manager.query(
      `INSERT INTO payments (id, order_id, customer_id, amount_cents, status, reason,
                             order_event_id, refund_id, refunded_at, order_completed_at,
                             created_at)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::bigint[], $5::text[],
                            $6::text[], $7::uuid[], $8::uuid[], $9::timestamptz[],
                            $10::timestamptz[], $11::timestamptz[])`,
      [
        column((p) => p.id),
        column((p) => p.orderId),
        column((p) => p.customerId),
        column((p) => p.amountCents),
        column((p) => p.status),
        column((p) => p.reason),
        column((p) => p.orderEventId),
        column((p) => p.refundId),
        column((p) => p.refundedAt),
        column((p) => p.orderCompletedAt),
        column((p) => p.createdAt),
      ],
    );
  }
  const isNew = new Set(created);
  const changed = [...payments.changed].filter((payment) => !isNew.has(payment));
  if (changed.length > 0) {
    const column = <T>(pick: (payment: Payment) => T) => changed.map(pick);
    await manager.query(
      `UPDATE payments AS p
          SET status = c.status, refund_id = c.refund_id, refunded_at = c.refunded_at,
              order_completed_at = c.order_completed_at
         FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::timestamptz[], $5::timestamptz[])
              AS c(id, status, refund_id, refunded_at, order_completed_at)
        WHERE p.id = c.id`,
      [
        column((p) => p.id),
        column((p) => p.status),
        column((p) => p.refundId),
        column((p) => p.refundedAt),
        column((p) => p.orderCompletedAt),
      ],
    );
  }
}

interface PaymentRow {
  id: string;
  order_id: string;
  customer_id: string;
  amount_cents: string | number;
  status: Payment['status'];
  reason: string | null;
  order_event_id: string;
  refund_id: string | null;
  refunded_at: Date | string | null;
  order_completed_at: Date | string | null;
  created_at: Date | string;
}

const asDate = (value: Date | string | null): Date | null =>
  value === null ? null : new Date(value);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (value: string) => UUID.test(value);
